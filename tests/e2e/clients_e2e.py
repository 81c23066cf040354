"""End-to-end test of one example client of examples/clients/ (python, node or
go, the first argument) against the real quotewire-server.

Builds the client the way its README says (generated from the proto with the
language's own tools; npm ci from the lock file for node; GOPATH mode against
Debian's Go packages for go) into QUOTEWIRE_CLIENTS_WORK_DIR, starts a server
on a free loopback port with a temporary database, runs the client on
examples/clients/article.txt, and checks its output against what the server
answers through the CLI: the same quotes, the spans in the client's own offset
unit, and each slice of the article text equal to the quote's text. The
article has accents, a euro sign and emoji before its quotes, so the three
offset units differ and a client slicing in the wrong unit fails.

Extra environment beside tests/e2e/CMakeLists.txt's: QUOTEWIRE_CLIENTS_WORK_DIR,
QUOTEWIRE_GOOGLEAPIS_DIR (protos the API imports from google/api/; may be empty).
"""

import json
import os
import re
import shutil
import subprocess
import sys
import time
import unittest

import e2e_util

LANGUAGE = sys.argv.pop(1) if len(sys.argv) > 1 else ""
CLIENTS_DIR = os.path.join(e2e_util.EXAMPLES_DIR, "clients")
ARTICLE = os.path.join(CLIENTS_DIR, "article.txt")
ARTICLE_ID = "clients-example"
PERSON = "Hélène Dubois-Müller"
WORK_DIR = os.path.join(os.environ.get("QUOTEWIRE_CLIENTS_WORK_DIR", ""), LANGUAGE)
GOOGLEAPIS_DIR = os.environ.get("QUOTEWIRE_GOOGLEAPIS_DIR", "")

# The offset unit each client asks for: its language's own string type.
UNITS = {"python": "code_point", "node": "utf16", "go": "utf8"}

QUOTE_LINE = re.compile(r'^(quotes/\S+) ((?:\[\d+,\d+\)\+?)+) (".*")$')
RANGE = re.compile(r"\[(\d+),(\d+)\)")


def run(cmd, cwd=None, env=None, timeout=300):
    """Runs a build step; fails the test with its output when it fails."""
    started = time.monotonic()
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True,
                            encoding="utf-8", errors="replace", timeout=timeout)
    if result.returncode != 0:
        raise AssertionError("%s exited %d\nstdout:\n%s\nstderr:\n%s" % (
            " ".join(cmd), result.returncode, result.stdout, result.stderr))
    print("%-60s %5.1f s" % (" ".join(os.path.basename(c) for c in cmd[:3]),
                             time.monotonic() - started), file=sys.stderr)
    return result


def tool_env(**extra):
    env = dict(os.environ)
    env["QUOTEWIRE_PROTO_DIR"] = e2e_util.PROTO_DIR
    # Empty means "none": point the scripts at a directory that does not exist.
    env["QUOTEWIRE_GOOGLEAPIS_DIR"] = GOOGLEAPIS_DIR or os.path.join(WORK_DIR, "no-googleapis")
    env.update(extra)
    return env


def build_python():
    """Generates the modules; returns the command that runs the client."""
    gen = os.path.join(WORK_DIR, "gen")
    shutil.rmtree(gen, ignore_errors=True)
    source = os.path.join(CLIENTS_DIR, "python")
    run(["sh", os.path.join(source, "generate.sh"), gen], env=tool_env(PYTHON=sys.executable))
    return [sys.executable, os.path.join(source, "quotes.py")], {"PYTHONPATH": gen}


def build_node():
    """Copies the project (sources, package.json, lock file) into the work dir,
    installs it with npm ci, generates the types, compiles."""
    source = os.path.join(CLIENTS_DIR, "node")
    for name in ("src", "dist"):
        shutil.rmtree(os.path.join(WORK_DIR, name), ignore_errors=True)
    for name in ("package.json", "package-lock.json", "tsconfig.json"):
        shutil.copy(os.path.join(source, name), WORK_DIR)
    shutil.copytree(os.path.join(source, "src"), os.path.join(WORK_DIR, "src"),
                    ignore=shutil.ignore_patterns("generated"))
    env = tool_env()
    if not env.get("HOME") and not env.get("npm_config_cache"):
        env["npm_config_cache"] = os.path.join(WORK_DIR, "npm-cache")
    run(["npm", "ci", "--no-audit", "--no-fund"], cwd=WORK_DIR, env=env)
    run(["npm", "run", "generate"], cwd=WORK_DIR, env=env)
    run(["npm", "run", "build"], cwd=WORK_DIR, env=env)
    proto_path = ["--proto_path", e2e_util.PROTO_DIR]
    if GOOGLEAPIS_DIR:
        proto_path += ["--proto_path", GOOGLEAPIS_DIR]
    return ["node", os.path.join(WORK_DIR, "dist", "quotes.js")] + proto_path, {}


def build_go():
    """Generates the package into a GOPATH in the work dir and builds."""
    gopath = os.path.join(WORK_DIR, "gopath")
    shutil.rmtree(gopath, ignore_errors=True)
    binary = os.path.join(WORK_DIR, "quotes")
    env = tool_env(QUOTEWIRE_GOPATH=gopath)
    if not any(env.get(name) for name in ("GOCACHE", "XDG_CACHE_HOME", "HOME")):
        env["GOCACHE"] = os.path.join(WORK_DIR, "gocache")
    run(["sh", os.path.join(CLIENTS_DIR, "go", "build.sh"), binary], env=env)
    return [binary], {}


def spans_of(quote):
    return [(span.get("start", 0), span.get("end", 0)) for span in quote.get("spans", [])]


class ClientTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        os.makedirs(WORK_DIR, exist_ok=True)
        build = {"python": build_python, "node": build_node, "go": build_go}[LANGUAGE]
        cls.command, cls.extra_env = build()
        cls.tmp = e2e_util.TempDir()
        cls.server = e2e_util.Server(cls.tmp.join("quotes.db")).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.tmp.cleanup()

    def cli_json(self, *args, unit="utf8"):
        result = e2e_util.run_cli(self.server, "--json", "--offset_unit", unit, *args, check=0)
        return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]

    def test_client_slices_each_quote_in_its_own_unit(self):
        env = dict(os.environ)
        env.update(self.extra_env)
        started = time.monotonic()
        result = subprocess.run(
            self.command + ["--server", self.server.address, "--article", ARTICLE,
                            "--id", ARTICLE_ID, "--person", PERSON],
            capture_output=True, text=True, encoding="utf-8", env=env, timeout=60)
        print("client run %.1f s" % (time.monotonic() - started), file=sys.stderr)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        lines = result.stdout.splitlines()

        # The article is stored with every quote the CLI sees.
        article = self.cli_json("get-article", ARTICLE_ID)[0]
        self.assertEqual(lines[0], "ingested articles/%s: %d quotes" % (
            ARTICLE_ID, len(article["quotes"])))
        self.assertGreaterEqual(len(article["quotes"]), 4)

        # The person the client resolved and all their quotes, in every unit.
        name = self.cli_json("person", PERSON)[0]["name"]
        by_unit = {unit: {q["name"]: q for q in self.cli_json(
                       "quotes", "--person", name, "--limit", "0", unit=unit)}
                   for unit in ("utf8", "utf16", "code_point")}
        expected = by_unit[UNITS[LANGUAGE]]
        self.assertRegex(lines[1], r"^person %s .*: %d quotes$" % (
            re.escape(name), len(expected)))

        printed = {}
        for line in lines[2:]:
            match = QUOTE_LINE.match(line)
            self.assertIsNotNone(match, "unexpected output line %r" % line)
            printed[match.group(1)] = ([tuple(map(int, r)) for r in RANGE.findall(match.group(2))],
                                       json.loads(match.group(3)))
        self.assertEqual(sorted(printed), sorted(expected))
        for quote_name, (spans, sliced) in printed.items():
            quote = expected[quote_name]
            self.assertEqual(spans, spans_of(quote), quote_name)
            self.assertEqual(sliced, quote["text"], quote_name)

        # The article exercises what the client must get right: quotes whose
        # offsets differ in all three units, and one over two paragraphs.
        differing = [q for q in expected
                     if len({tuple(spans_of(by_unit[u][q])) for u in by_unit}) == 3]
        self.assertTrue(differing, "no quote of %s has offsets that differ by unit" % PERSON)
        self.assertTrue(any(len(q.get("spans", [])) > 1 for q in expected.values()),
                        "no quote of %s spans two paragraphs" % PERSON)


if __name__ == "__main__":
    if LANGUAGE not in UNITS:
        sys.exit("usage: clients_e2e.py python|node|go")
    unittest.main()
