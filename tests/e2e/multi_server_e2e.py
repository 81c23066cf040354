#!/usr/bin/python3
"""End-to-end test of several quotewire-server processes on one PostgreSQL
database (a throw-away cluster, scripts/lib/pg_cluster.sh):

- an article ingested through one server is listed by the other at once
  (no cached page outlives it) and streamed to watchers of both, once each;
- a correction made on the second is seen by the first;
- a server SIGKILLed in the middle of ingesting leaves only whole articles
  (each with all its quotes) while the other keeps serving;
- the database restarted under both: rpcs answer UNAVAILABLE and health
  NOT_SERVING meanwhile, and both recover without a restart (watch streams
  opened before the outage go on receiving).

The articles are written for this test.
"""

import os
import shlex
import signal
import subprocess
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e_util  # noqa: E402
from e2e_util import Server, TempDir  # noqa: E402

import grpc  # noqa: E402

PG_CLUSTER = os.environ.get("QUOTEWIRE_PG_CLUSTER_SCRIPT", "")
PG_BIN = os.environ.get("QUOTEWIRE_PG_BIN", "/usr/lib/postgresql/15/bin")

SPEAKERS = ["Maria Novak", "Tom Keller", "Sasha Ivanova", "Lena Brandt",
            "Pieter de Vries", "Claire Dubois", "Jonas Weber", "Ana Costa"]
TOPICS = ["harbour wall", "city budget", "school buses", "bridge repairs",
          "tram line", "water prices", "library hours", "port strike"]


def article_text(i):
    """Article i: three quotes by three speakers."""
    paragraphs = ["Council debate number %d" % i]
    for k in range(3):
        speaker = SPEAKERS[(i + k) % len(SPEAKERS)]
        topic = TOPICS[(i * 3 + k) % len(TOPICS)]
        paragraphs.append(
            "\u201cThe %s plan number %d is not finished yet,\u201d said %s, "
            "who spoke at the meeting on %s." % (topic, i * 10 + k, speaker, topic))
    return "\n\n".join(paragraphs) + "\n"


def wait_until(predicate, timeout=20.0, interval=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    return predicate()


class Watch:
    """A WatchQuotes stream read on a thread of its own."""

    def __init__(self, stub, **request):
        self.quotes = []
        self.ended = None
        self._lock = threading.Lock()
        self._call = stub.WatchQuotes(pb.WatchQuotesRequest(**request))
        # The server sends the initial metadata once the watch is in place:
        # every quote stored from then on is delivered.
        self._call.initial_metadata()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self):
        try:
            for response in self._call:
                with self._lock:
                    self.quotes.append(response.quote)
        except grpc.RpcError as error:
            self.ended = error.code()

    def of_article(self, article):
        with self._lock:
            return [q for q in self.quotes if q.article == article]

    def cancel(self):
        self._call.cancel()
        self._thread.join(timeout=10)


class Cluster:
    """The throw-away PostgreSQL cluster, stoppable and restartable in place
    (same port, same data)."""

    def __init__(self, directory):
        self.dir = directory
        result = subprocess.run([PG_CLUSTER, "start", directory], capture_output=True,
                                text=True, env=self._env())
        if result.returncode != 0:
            raise RuntimeError("cannot start PostgreSQL: " + result.stderr)
        self.uri = result.stdout.strip().splitlines()[-1]
        with open(os.path.join(directory, "data", "postmaster.opts")) as opts:
            # "/path/postgres" "-D" "dir" "-p" "port" ...: what to start again with.
            args = shlex.split(opts.read())[1:]
        self._options = " ".join(shlex.quote(a) for a in args)

    @staticmethod
    def _env():
        env = dict(os.environ)
        env.pop("QUOTEWIRE_TEST_PG_URI", None)  # a cluster of our own
        return env

    def _pg_ctl(self, *args):
        command = [os.path.join(PG_BIN, "pg_ctl"), "-D", os.path.join(self.dir, "data")]
        command += list(args)
        if os.getuid() == 0:
            command = ["runuser", "-u", "postgres", "--"] + command
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def stop(self):
        self._pg_ctl("-m", "fast", "-w", "stop")

    def start(self):
        self._pg_ctl("-w", "-t", "60", "-l", os.path.join(self.dir, "server.log"),
                     "-o", self._options, "start")

    def remove(self):
        subprocess.run([PG_CLUSTER, "stop", self.dir], capture_output=True,
                       env=self._env())


class MultiServerE2E(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = TempDir()
        e2e_util.generate_stubs(cls.tmp.join("gen"))
        global pb, pb_grpc, health_pb, health_grpc
        from quotewire.v1 import quotewire_pb2 as pb
        from quotewire.v1 import quotewire_pb2_grpc as pb_grpc
        from qwgrpc.health.v1 import health_pb2 as health_pb
        from qwgrpc.health.v1 import health_pb2_grpc as health_grpc
        # The cluster runs as `postgres` when we are root: it must reach it.
        os.chmod(cls.tmp.path, 0o755)
        cls.cluster = Cluster(cls.tmp.join("pg"))

    @classmethod
    def tearDownClass(cls):
        cls.cluster.remove()
        cls.tmp.cleanup()

    def setUp(self):
        self.servers = []

    def tearDown(self):
        for server in self.servers:
            server.kill()
        # A database of the test's own: drop what the servers created.
        subprocess.run(["psql", "-q", self.cluster.uri, "-c",
                        "DROP SCHEMA public CASCADE; CREATE SCHEMA public"],
                       capture_output=True)

    def start_server(self):
        server = Server(self.cluster.uri).start()
        self.servers.append(server)
        channel = grpc.insecure_channel(server.address)
        return server, pb_grpc.QuoteServiceStub(channel), health_grpc.HealthStub(channel)

    def start_servers(self, count):
        # At once: the schema migrations of the servers race for their lock.
        out = [None] * count

        def start(i):
            out[i] = self.start_server()

        threads = [threading.Thread(target=start, args=(i,)) for i in range(count)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for i, started in enumerate(out):
            self.assertIsNotNone(started, "server %d did not start" % i)
        return out

    def ingest(self, stub, i, timeout=30):
        return stub.IngestArticle(pb.IngestArticleRequest(article=pb.Article(
            id="art-%d" % i, text=article_text(i), language="en",
            publisher="Harbour Courier")), timeout=timeout)

    def quote_texts(self, stub, **request):
        quotes = stub.ListQuotes(pb.ListQuotesRequest(page_size=1000, **request)).quotes
        return sorted(q.text for q in quotes)

    def test_two_servers_one_truth(self):
        (_, a, _), (_, b, _) = self.start_servers(2)
        watch_a = Watch(a)
        watch_b = Watch(b)
        # Pages b keeps in its response cache before the write on a.
        self.assertEqual(self.quote_texts(b), [])
        self.assertEqual(self.quote_texts(b, person="Maria Novak"), [])

        ingested = self.ingest(a, 0)
        self.assertEqual(len(ingested.quotes), 3)
        want = sorted(q.text for q in ingested.quotes)
        # The very next read on b sees the write acknowledged by a.
        self.assertEqual(self.quote_texts(b), want)
        self.assertEqual(len(self.quote_texts(b, person="Maria Novak")), 1)
        got = b.GetArticle(pb.GetArticleRequest(name="articles/art-0")).article
        self.assertEqual(got.text, article_text(0))

        # Both watchers get the three quotes, once each (the writing server
        # publishes from the feed too, not twice).
        for watch in (watch_a, watch_b):
            self.assertTrue(wait_until(lambda: len(watch.of_article("articles/art-0")) >= 3))
        time.sleep(0.5)
        for watch in (watch_a, watch_b):
            self.assertEqual(sorted(q.text for q in watch.of_article("articles/art-0")), want)

        # Ingest through b reaches a's watcher.
        self.ingest(b, 1)
        self.assertTrue(wait_until(lambda: len(watch_a.of_article("articles/art-1")) == 3))

        # A correction made on b applies on a.
        novak = a.GetPerson(pb.GetPersonRequest(name="Maria Novak")).person
        self.assertEqual(novak.display_name, "Maria Novak")
        b.RenamePerson(pb.RenamePersonRequest(person=novak.name,
                                              display_name="Maria Novak-Berg",
                                              editor="desk"))
        self.assertEqual(a.GetPerson(pb.GetPersonRequest(name=novak.name)).person.display_name,
                         "Maria Novak-Berg")
        speakers = {q.speaker.name for q in a.ListQuotes(pb.ListQuotesRequest(
            person=novak.name)).quotes}
        self.assertEqual(speakers, {"Maria Novak-Berg"})
        corrections = a.ListCorrections(pb.ListCorrectionsRequest()).corrections
        self.assertEqual(len(corrections), 1)
        # Deleted on a: gone on b.
        a.DeleteArticle(pb.DeleteArticleRequest(name="articles/art-1"))
        with self.assertRaises(grpc.RpcError) as gone:
            b.GetArticle(pb.GetArticleRequest(name="articles/art-1"))
        self.assertEqual(gone.exception.code(), grpc.StatusCode.NOT_FOUND)
        self.assertEqual(self.quote_texts(b), want)
        watch_a.cancel()
        watch_b.cancel()

    def test_a_server_killed_mid_ingest_leaves_whole_articles(self):
        (victim, a, _), (survivor, b, _) = self.start_servers(2)
        acknowledged = []
        errors = []
        stop = threading.Event()

        def feed(first):
            i = first
            while not stop.is_set():
                try:
                    self.ingest(a, i, timeout=10)
                    acknowledged.append(i)
                except grpc.RpcError as error:
                    errors.append(error.code())
                    return
                i += 4

        writers = [threading.Thread(target=feed, args=(100 + k,)) for k in range(4)]
        for w in writers:
            w.start()
        self.assertTrue(wait_until(lambda: len(acknowledged) >= 8, timeout=60))
        victim.process.send_signal(signal.SIGKILL)
        victim.process.wait()
        stop.set()
        for w in writers:
            w.join(timeout=30)
        self.assertTrue(errors, "the writers saw the server die")

        # b serves throughout; every article it has is whole, every
        # acknowledged one is there.
        expected = {}
        for i in range(100, max(acknowledged) + 8):
            extracted = b.ExtractQuotes(pb.ExtractQuotesRequest(article=pb.Article(
                text=article_text(i), language="en")))
            expected[i] = len(extracted.quotes)
        stored = set()
        for i in expected:
            try:
                article = b.GetArticle(pb.GetArticleRequest(name="articles/art-%d" % i))
            except grpc.RpcError as error:
                self.assertEqual(error.code(), grpc.StatusCode.NOT_FOUND)
                continue
            stored.add(i)
            self.assertEqual(len(article.quotes), expected[i], "article %d" % i)
            listed = b.ListQuotes(pb.ListQuotesRequest(article="art-%d" % i, page_size=100))
            self.assertEqual(len(listed.quotes), expected[i], "article %d" % i)
        self.assertTrue(set(acknowledged) <= stored, (acknowledged, stored))
        total = len(b.ListQuotes(pb.ListQuotesRequest(page_size=1000)).quotes)
        self.assertEqual(total, sum(expected[i] for i in stored))
        # And keeps taking writes.
        self.assertEqual(len(self.ingest(b, 1000).quotes), 3)
        self.assertIsNone(survivor.process.poll())

    def test_database_restart_under_both_servers(self):
        (server_a, a, health_a), (server_b, b, health_b) = self.start_servers(2)
        self.ingest(a, 0)
        watch = Watch(b)
        serving = health_pb.HealthCheckResponse.SERVING
        for health in (health_a, health_b):
            self.assertEqual(health.Check(health_pb.HealthCheckRequest()).status, serving)

        self.cluster.stop()
        try:
            for stub in (a, b):
                for call in (lambda: stub.ListQuotes(pb.ListQuotesRequest(), timeout=20),
                             lambda: stub.GetPerson(pb.GetPersonRequest(name="Maria Novak"),
                                                    timeout=20),
                             lambda: self.ingest(stub, 1, timeout=20)):
                    with self.assertRaises(grpc.RpcError) as failed:
                        call()
                    self.assertEqual(failed.exception.code(), grpc.StatusCode.UNAVAILABLE,
                                     failed.exception.details())
            for health in (health_a, health_b):
                self.assertTrue(wait_until(lambda: health.Check(
                    health_pb.HealthCheckRequest()).status != serving, timeout=20),
                    "health stays SERVING with the database down")
        finally:
            self.cluster.start()

        for health in (health_a, health_b):
            self.assertTrue(wait_until(lambda: health.Check(
                health_pb.HealthCheckRequest()).status == serving, timeout=30),
                "health does not come back")

        def recovered(stub):
            try:
                return len(stub.ListQuotes(pb.ListQuotesRequest()).quotes) == 3
            except grpc.RpcError:
                return False

        for stub in (a, b):
            self.assertTrue(wait_until(lambda: recovered(stub), timeout=30))
        # Writes go through again, and the watch opened before the outage
        # hears them.
        self.assertEqual(len(self.ingest(a, 2).quotes), 3)
        self.assertTrue(wait_until(lambda: len(watch.of_article("articles/art-2")) == 3))
        self.assertEqual(len(self.quote_texts(b)), 6)
        for server in (server_a, server_b):
            self.assertIsNone(server.process.poll(), server.log())
        watch.cancel()


if __name__ == "__main__":
    unittest.main(verbosity=2)
