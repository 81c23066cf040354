"""Helpers of the end-to-end tests: start and stop the real quotewire-server,
run the quotewire CLI, and generate Python gRPC stubs at test time.

Paths come from environment variables set by tests/e2e/CMakeLists.txt:
QUOTEWIRE_SERVER_BIN, QUOTEWIRE_CLI_BIN, QUOTEWIRE_PROTO_DIR,
QUOTEWIRE_GRPC_PROTO_DIR, QUOTEWIRE_SHARED_DIR, QUOTEWIRE_EXAMPLES_DIR.
"""

import glob
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

SERVER_BIN = os.environ.get("QUOTEWIRE_SERVER_BIN", "")
CLI_BIN = os.environ.get("QUOTEWIRE_CLI_BIN", "")
PROTO_DIR = os.environ.get("QUOTEWIRE_PROTO_DIR", "")
GRPC_PROTO_DIR = os.environ.get("QUOTEWIRE_GRPC_PROTO_DIR", "/usr/share/grpc-proto")
SHARED_DIR = os.environ.get("QUOTEWIRE_SHARED_DIR", "")
EXAMPLES_DIR = os.environ.get("QUOTEWIRE_EXAMPLES_DIR", "")
# google/api/annotations.proto and http.proto (imported by quotewire.proto);
# when unset they are taken from Debian's libgoogle-common-protos-java jar.
GOOGLEAPIS_PROTO_DIR = os.environ.get("QUOTEWIRE_GOOGLEAPIS_PROTO_DIR", "")
COMMON_PROTOS_JAR = "/usr/share/java/proto-google-common-protos.jar"

LISTENING = re.compile(r"quotewire-server listening on (\S+)")


def seed_files():
    """The seed articles (not part of the project; read from the shared dir)."""
    return sorted(glob.glob(os.path.join(SHARED_DIR, "seeds", "*.txt")))


class Server:
    """A quotewire-server process on 127.0.0.1 with a port chosen by the OS."""

    def __init__(self, db, extra_args=(), listen="127.0.0.1:0"):
        self.db = db
        self.extra_args = list(extra_args)
        self.listen = listen
        self.process = None
        self.address = None
        self._lines = []
        self._queue = queue.Queue()
        self._drainer = None

    def start(self, timeout=120):
        args = [SERVER_BIN, "--listen", self.listen, "--db", self.db] + self.extra_args
        self.process = subprocess.Popen(
            args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            text=True, encoding="utf-8", errors="replace")
        self._drainer = threading.Thread(target=self._drain, daemon=True)
        self._drainer.start()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self._queue.get(timeout=0.5)
            except queue.Empty:
                if self.process.poll() is not None:
                    break
                continue
            if line is None:
                break
            match = LISTENING.search(line)
            if match:
                self.address = match.group(1)
                return self
        try:
            code = self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            code = None
        self.kill()
        raise RuntimeError("server did not start (exit %s):\n%s" % (code, self.log()))

    def _drain(self):
        for line in self.process.stderr:
            self._lines.append(line)
            self._queue.put(line)
        self._queue.put(None)

    def log(self):
        return "".join(self._lines)

    def send_signal(self, sig):
        self.process.send_signal(sig)

    def stop(self, sig=signal.SIGTERM, timeout=60):
        """Stops the server; returns its exit code."""
        if self.process is None or self.process.poll() is not None:
            return self.process.returncode if self.process else None
        self.process.send_signal(sig)
        try:
            code = self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise RuntimeError("server did not stop within %ss:\n%s" % (timeout, self.log()))
        self._close()
        return code

    def _close(self):
        if self._drainer is not None:
            self._drainer.join(timeout=10)
        if self.process.stderr is not None and not self.process.stderr.closed:
            self.process.stderr.close()

    def kill(self):
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self._close()


def run_cli(server, *args, token=None, check=None, timeout=120):
    """Runs the CLI against `server`; returns CompletedProcess (text)."""
    cmd = [CLI_BIN, "--server", server.address]
    if token:
        cmd += ["--token", token]
    cmd += list(args)
    env = dict(os.environ)
    env.pop("QUOTEWIRE_TOKEN", None)
    env.pop("QUOTEWIRE_SERVER", None)
    result = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8",
                            timeout=timeout, env=env)
    if check is not None and result.returncode != check:
        raise AssertionError("%s exited %d (wanted %d)\nstdout:\n%s\nstderr:\n%s" % (
            " ".join(cmd), result.returncode, check, result.stdout, result.stderr))
    return result


def generate_stubs(out_dir):
    """Generates Python modules for quotewire.v1, grpc.health.v1 and
    grpc.reflection.v1alpha into out_dir and puts it on sys.path.

    The gRPC protos are mapped under the package `qwgrpc` so that they do not
    shadow the installed `grpc` package. Tries Debian's python3-grpc-tools
    first, then protoc with grpc_python_plugin.
    """
    os.makedirs(out_dir, exist_ok=True)
    googleapis = GOOGLEAPIS_PROTO_DIR
    if not googleapis:
        import zipfile
        googleapis = os.path.join(out_dir, "googleapis")
        with zipfile.ZipFile(COMMON_PROTOS_JAR) as jar:
            for name in ("google/api/annotations.proto", "google/api/http.proto"):
                jar.extract(name, googleapis)
    protos = ["quotewire/v1/quotewire.proto",
              "google/api/annotations.proto", "google/api/http.proto",
              "qwgrpc/health/v1/health.proto",
              "qwgrpc/reflection/v1alpha/reflection.proto"]
    includes = ["-I", PROTO_DIR, "-I", googleapis,
                "-I", "qwgrpc=" + os.path.join(GRPC_PROTO_DIR, "grpc")]
    attempts = [
        [sys.executable, "-m", "grpc_tools.protoc"] + includes +
        ["--python_out=" + out_dir, "--grpc_python_out=" + out_dir] + protos,
    ]
    plugin = shutil.which("grpc_python_plugin")
    if shutil.which("protoc") and plugin:
        attempts.append(
            ["protoc"] + includes +
            ["--python_out=" + out_dir, "--grpc_python_out=" + out_dir,
             "--plugin=protoc-gen-grpc_python=" + plugin] + protos)
    errors = []
    for cmd in attempts:
        result = subprocess.run(cmd, capture_output=True, text=True)
        if result.returncode == 0:
            break
        errors.append("%s: %s" % (cmd[0], result.stderr.strip()))
    else:
        raise RuntimeError("cannot generate Python stubs:\n" + "\n".join(errors))
    if out_dir not in sys.path:
        sys.path.insert(0, out_dir)


class TempDir:
    def __init__(self):
        self.path = tempfile.mkdtemp(prefix="quotewire_e2e_")

    def join(self, *parts):
        return os.path.join(self.path, *parts)

    def cleanup(self):
        shutil.rmtree(self.path, ignore_errors=True)
