#!/usr/bin/python3
"""End-to-end test of the quotewire CLI against the real quotewire-server:
ingest the seed articles and the examples, query them as a user would, check
the acceptance criteria, exit codes, authentication with token reload on
SIGHUP, and the refusal to listen beyond loopback without tokens.

Run by ctest (tests/e2e/CMakeLists.txt sets the paths).
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e_util  # noqa: E402
from e2e_util import Server, TempDir, run_cli, seed_files  # noqa: E402


def read_line(pipe, timeout=30):
    """One line from a child's pipe, or AssertionError after `timeout` s."""
    import selectors
    with selectors.DefaultSelector() as selector:
        selector.register(pipe, selectors.EVENT_READ)
        if not selector.select(timeout):
            raise AssertionError("no output within %ss" % timeout)
    return pipe.readline()


def json_lines(stdout):
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


class CliE2E(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = TempDir()
        cls.server = Server(cls.tmp.join("cli.db")).start()
        seeds = os.path.join(e2e_util.SHARED_DIR, "seeds")
        assert seed_files(), "no seed articles under %s" % seeds
        cls.ingest = run_cli(cls.server, "ingest", seeds, check=0, timeout=300)

    @classmethod
    def tearDownClass(cls):
        try:
            code = cls.server.stop()
            assert code == 0, "server exit code %s\n%s" % (code, cls.server.log())
        finally:
            cls.server.kill()
            cls.tmp.cleanup()

    def cli(self, *args, check=0, token=None):
        return run_cli(self.server, *args, check=check, token=token)

    def quotes(self, *filters):
        return json_lines(self.cli("--json", "quotes", "--limit", "0", *filters).stdout)

    # --- acceptance criteria --------------------------------------------------

    def test_ingest_reports_every_seed(self):
        for path in seed_files():
            self.assertIn(os.path.basename(path), self.ingest.stdout)
        self.assertIn("stored", self.ingest.stdout)
        self.assertNotIn("INVALID_ARGUMENT", self.ingest.stdout)

    def test_lukashenko_quoted_in_at_least_three_articles(self):
        quotes = self.quotes("--person", "Lukashenko")
        articles = {q["article"] for q in quotes}
        self.assertGreaterEqual(len(articles), 3, articles)
        self.assertTrue(any(q["text"].startswith("The elections were valid") for q in quotes),
                        [q["text"] for q in quotes])
        # One person, whatever name form each article used.
        self.assertEqual(len({q["speaker"]["person"] for q in quotes}), 1)
        person = json_lines(self.cli("--json", "person", quotes[0]["speaker"]["person"]).stdout)[0]
        self.assertEqual(person["displayName"], "Alexander Lukashenko")
        # The table form shows the same.
        table = self.cli("quotes", "--person", "Lukashenko", "--limit", "0").stdout
        self.assertIn("The elections were valid", table)
        # Any name form finds him, the Dutch spelling included.
        person = self.cli("person", "Loekasjenko").stdout
        self.assertIn("Lukashenko", person.splitlines()[0])

    def test_kolesnikova(self):
        quotes = self.quotes("--person", "Kolesnikova")
        self.assertIn("The former president must resign.", [q["text"] for q in quotes])

    def test_al_jazeera_olevich_one_quote_three_spans(self):
        quotes = self.quotes("--source", "Al Jazeera")
        olevich = [q for q in quotes if "Olevich" in q.get("speaker", {}).get("name", "")]
        self.assertEqual(len(olevich), 1, [q["text"][:60] for q in quotes])
        self.assertEqual(len(olevich[0]["spans"]), 3)
        self.assertTrue(olevich[0]["text"].startswith("Lukashenko has lost any remnants"))

    # --- the other commands --------------------------------------------------

    def test_people_sources_topics(self):
        people = self.cli("people").stdout
        self.assertTrue(people.startswith("PERSON"))
        self.assertIn("Lukashenko", people)
        people_json = json_lines(self.cli("--json", "people", "--query", "lukashenko").stdout)
        self.assertEqual(len(people_json), 1)
        self.assertTrue(people_json[0]["name"].startswith("people/"))
        self.assertIn("Al Jazeera", self.cli("sources").stdout)
        topics = self.cli("topics").stdout
        self.assertTrue(topics.startswith("TOPIC"))
        self.assertGreater(len(topics.splitlines()), 1)

    def test_extract_get_and_delete(self):
        path = seed_files()[0]
        extracted = self.cli("--json", "extract", path).stdout
        extraction = json_lines(extracted)[0]
        self.assertGreater(len(extraction["quotes"]), 0)
        listing = self.cli("extract", path).stdout
        self.assertIn("SPEAKER", listing)

        article = os.path.join(self.tmp.path, "single.txt")
        with open(article, "w", encoding="utf-8") as f:
            f.write("Title: Council vote\nPublisher: Testville Times\nLanguage: en\n"
                    "Published: 2024-05-01\nId: single-test\n\n"
                    "\"The vote is final,\" said council chair Ruth Adeyemi.\n")
        stored = self.cli("ingest", article).stdout
        self.assertIn("articles/single-test", stored)
        got = json_lines(self.cli("--json", "get-article", "single-test").stdout)[0]
        self.assertEqual(got["article"]["title"], "Council vote")
        self.assertEqual(got["article"]["publisher"], "Testville Times")
        self.assertEqual(got["article"]["publishTime"], "2024-05-01T00:00:00Z")
        self.assertIn("The vote is final", self.cli("get-article", "articles/single-test").stdout)
        # Re-ingest replaces, does not duplicate.
        self.assertIn("replaced", self.cli("ingest", article).stdout)
        self.assertEqual(len(self.quotes("--article", "single-test")), 1)
        deleted = self.cli("delete-article", "single-test").stdout
        self.assertIn("1 quotes", deleted)
        missing = self.cli("get-article", "single-test", check=1)
        self.assertIn("NOT_FOUND", missing.stderr)

    def test_examples_ingest(self):
        if not e2e_util.EXAMPLES_DIR or not os.path.isdir(e2e_util.EXAMPLES_DIR):
            self.skipTest("no examples/")
        result = self.cli("ingest", e2e_util.EXAMPLES_DIR)
        examples = [f for f in os.listdir(e2e_util.EXAMPLES_DIR) if f.endswith(".txt")]
        self.assertGreaterEqual(len(examples), 6)
        self.assertEqual(result.stdout.count("stored") + result.stdout.count("replaced"),
                         len(examples))

    def test_exit_codes(self):
        self.assertEqual(self.cli("--bogus", "people", check=2).returncode, 2)
        self.assertEqual(self.cli("no-such-command", check=2).returncode, 2)
        self.assertEqual(self.cli("quotes", "--limit", "x", check=2).returncode, 2)
        bad = self.cli("quotes", "--language", "not a tag", check=1)
        self.assertIn("INVALID_ARGUMENT: language:", bad.stderr)
        self.assertIn("usage:", self.cli("--help").stdout)

    def test_directory_with_a_bad_file_stores_the_others(self):
        directory = os.path.join(self.tmp.path, "mixed")
        os.makedirs(directory, exist_ok=True)
        with open(os.path.join(directory, "a-good.txt"), "w", encoding="utf-8") as f:
            f.write("Id: mixed-good\n\n\"All clear,\" said ranger Tomas Novak.\n")
        with open(os.path.join(directory, "b-bad.txt"), "wb") as f:
            f.write(b"caf\xc3( \"Broken,\" he said.\n")
        with open(os.path.join(directory, "c-empty.txt"), "w") as f:
            f.write("  \n")
        result = self.cli("ingest", directory, check=1)
        self.assertIn("articles/mixed-good", result.stdout)
        self.assertIn("INVALID_ARGUMENT: article.text: invalid UTF-8", result.stdout)
        self.assertIn("INVALID_ARGUMENT: article.text: required", result.stdout)
        self.assertIn("2 of 3 articles were not stored", result.stderr)
        self.cli("get-article", "mixed-good")
        self.cli("delete-article", "mixed-good")

    def test_watch_sees_new_quotes(self):
        watch = subprocess.Popen(
            [e2e_util.CLI_BIN, "--server", self.server.address, "--json", "watch"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
        try:
            self.assertIn("watching", read_line(watch.stderr))
            article = os.path.join(self.tmp.path, "watch.txt")
            with open(article, "w", encoding="utf-8") as f:
                f.write("\"Rain will return on Friday,\" said forecaster Lena Okafor.\n")
            self.cli("ingest", "--id", "watch-cli", article)
            line = read_line(watch.stdout)
            self.assertIn("Rain will return on Friday", json.loads(line)["text"])
        finally:
            watch.send_signal(signal.SIGINT)
            watch.wait(timeout=30)
            watch.stdout.close()
            watch.stderr.close()
        self.cli("delete-article", "watch-cli")


class AuthE2E(unittest.TestCase):
    WRITE = "e2e-write-token-0123456789"
    READ = "e2e-read-token-0123456789"
    FRESH = "e2e-fresh-token-0123456789"

    def setUp(self):
        self.tmp = TempDir()
        self.tokens = self.tmp.join("tokens")
        with open(self.tokens, "w") as f:
            f.write("# e2e\n%s write e2e-writer\n%s read\n" % (self.WRITE, self.READ))
        self.article = self.tmp.join("a.txt")
        with open(self.article, "w", encoding="utf-8") as f:
            f.write("\"Tokens matter,\" said security lead Omar Haddad.\n")

    def tearDown(self):
        self.tmp.cleanup()

    def test_tokens_and_sighup_reload(self):
        server = Server(self.tmp.join("auth.db"), ["--auth_token_file", self.tokens]).start()
        try:
            denied = run_cli(server, "ingest", self.article, check=1)
            self.assertIn("UNAUTHENTICATED", denied.stderr)
            read_only = run_cli(server, "ingest", self.article, token=self.READ, check=1)
            self.assertIn("PERMISSION_DENIED", read_only.stderr)
            run_cli(server, "ingest", self.article, token=self.WRITE, check=0)
            token_file = self.tmp.join("client-token")
            with open(token_file, "w") as f:
                f.write(self.WRITE + "\n")
            run_cli(server, "--token_file", token_file, "ingest", self.article, check=0)
            run_cli(server, "people", check=0)  # reads need no token

            with open(self.tokens, "w") as f:
                f.write("%s write\n" % self.FRESH)
            server.send_signal(signal.SIGHUP)
            deadline = time.monotonic() + 30
            while "reloaded" not in server.log() and time.monotonic() < deadline:
                time.sleep(0.1)
            self.assertIn("reloaded 1 tokens", server.log())
            run_cli(server, "ingest", self.article, token=self.WRITE, check=1)
            run_cli(server, "ingest", self.article, token=self.FRESH, check=0)
            for token in (self.WRITE, self.READ, self.FRESH):
                self.assertNotIn(token, server.log())
        finally:
            self.assertEqual(server.stop(), 0)

    def test_require_read_token(self):
        server = Server(self.tmp.join("auth2.db"),
                        ["--auth_token_file", self.tokens, "--require_read_token"]).start()
        try:
            self.assertIn("UNAUTHENTICATED", run_cli(server, "people", check=1).stderr)
            run_cli(server, "people", token=self.READ, check=0)
        finally:
            self.assertEqual(server.stop(), 0)

    def test_refuses_non_loopback_without_tokens(self):
        server = Server(self.tmp.join("open.db"), listen="0.0.0.0:0")
        with self.assertRaises(RuntimeError) as raised:
            server.start(timeout=60)
        self.assertIn("--auth_token_file", str(raised.exception))

    def test_loopback_rule_is_decided_on_resolved_addresses(self):
        # Spelled like a loopback address, but a name that resolves to no
        # loopback address (here: to nothing at all).
        server = Server(self.tmp.join("evil.db"), listen="127.evil.invalid:0")
        with self.assertRaises(RuntimeError) as raised:
            server.start(timeout=60)
        self.assertIn("--auth_token_file", str(raised.exception))
        self.assertIn("127.evil.invalid", str(raised.exception))


class ShutdownE2E(unittest.TestCase):
    def test_sigterm_ends_watches_and_stops_cleanly(self):
        tmp = TempDir()
        try:
            server = Server(tmp.join("shutdown.db")).start()
            watch = subprocess.Popen(
                [e2e_util.CLI_BIN, "--server", server.address, "watch"],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
            try:
                self.assertIn("watching", read_line(watch.stderr))
                self.assertEqual(server.stop(signal.SIGTERM), 0)
                self.assertIn("stopped", server.log())
                self.assertEqual(watch.wait(timeout=30), 1)
                self.assertIn("UNAVAILABLE", watch.stderr.read())
            finally:
                if watch.poll() is None:
                    watch.kill()
                watch.wait()
                watch.stdout.close()
                watch.stderr.close()
        finally:
            tmp.cleanup()


@unittest.skipUnless(shutil.which("openssl"), "needs the openssl command")
class TlsE2E(unittest.TestCase):
    def test_tls_with_a_self_signed_certificate(self):
        tmp = TempDir()
        try:
            cert, key = tmp.join("cert.pem"), tmp.join("key.pem")
            subprocess.run(
                ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                 "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=localhost",
                 "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
                check=True, capture_output=True)
            server = Server(tmp.join("tls.db"), ["--tls_cert", cert, "--tls_key", key]).start()
            try:
                self.assertIn("TLS", server.log())
                self.assertEqual(run_cli(server, "--tls_ca", cert, "health", check=0).stdout,
                                 "SERVING\n")
                # A plaintext client cannot talk to it.
                run_cli(server, "health", check=1)
            finally:
                self.assertEqual(server.stop(), 0)
        finally:
            tmp.cleanup()

    def test_client_certificates_are_required_and_verified(self):
        tmp = TempDir()
        try:
            def openssl(*args):
                subprocess.run(["openssl"] + list(args), check=True, capture_output=True)
            cert, key = tmp.join("cert.pem"), tmp.join("key.pem")
            openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                    "-out", cert, "-days", "1", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost")
            # A client CA, a client certificate it signs, and one it does not.
            for name in ("ca", "rogue"):
                openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes",
                        "-keyout", tmp.join(name + ".key"), "-out", tmp.join(name + ".pem"),
                        "-days", "1", "-subj", "/CN=" + name)
            openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", tmp.join("client.key"),
                    "-out", tmp.join("client.csr"), "-subj", "/CN=newsroom-client")
            openssl("x509", "-req", "-in", tmp.join("client.csr"), "-CA", tmp.join("ca.pem"),
                    "-CAkey", tmp.join("ca.key"), "-CAcreateserial", "-days", "1",
                    "-out", tmp.join("client.pem"))
            server = Server(tmp.join("mtls.db"), [
                "--tls_cert", cert, "--tls_key", key,
                "--tls_client_ca", tmp.join("ca.pem")]).start()
            try:
                self.assertIn("client certificates", server.log())
                self.assertEqual(run_cli(server, "--tls_ca", cert,
                                         "--tls_cert", tmp.join("client.pem"),
                                         "--tls_key", tmp.join("client.key"),
                                         "health", check=0).stdout, "SERVING\n")
                # No client certificate, or one the CA did not sign: refused.
                run_cli(server, "--tls_ca", cert, "--timeout", "10", "health", check=1)
                run_cli(server, "--tls_ca", cert, "--tls_cert", tmp.join("rogue.pem"),
                        "--tls_key", tmp.join("rogue.key"), "--timeout", "10", "health",
                        check=1)
            finally:
                self.assertEqual(server.stop(), 0)
        finally:
            tmp.cleanup()


if __name__ == "__main__":
    unittest.main(verbosity=2)
