#!/usr/bin/python3
"""The server and its database file: another program's file is refused and
left as it was, a damaged file is refused at start (or, with
--skip_db_check, answers DATA_LOSS and turns health NOT_SERVING), a file
deleted while the server runs turns health NOT_SERVING and refuses writes,
and far-future publish times store.
"""

import os
import sqlite3
import subprocess
import sys
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "e2e"))
import e2e_util  # noqa: E402
from articles import make_article  # noqa: E402
from e2e_util import Server, TempDir  # noqa: E402

import grpc  # noqa: E402

HEALTH_WAIT_SECONDS = 5


def refused_start(db, *args):
    """Runs the server on `db`, which must refuse to start; returns stderr."""
    result = subprocess.run(
        [e2e_util.SERVER_BIN, "--listen", "127.0.0.1:0", "--db", db] + list(args),
        capture_output=True, text=True, timeout=120)
    if result.returncode == 0:
        raise AssertionError("server started on %s:\n%s" % (db, result.stderr))
    return result.stderr


class Integrity(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = TempDir()
        e2e_util.generate_stubs(cls.tmp.join("gen"))
        global pb, pb_grpc, health_pb2, health_pb2_grpc
        from quotewire.v1 import quotewire_pb2 as pb
        from quotewire.v1 import quotewire_pb2_grpc as pb_grpc
        from qwgrpc.health.v1 import health_pb2, health_pb2_grpc

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def connect(self, server):
        channel = grpc.insecure_channel(server.address)
        self.addCleanup(channel.close)
        return (pb_grpc.QuoteServiceStub(channel),
                health_pb2_grpc.HealthStub(channel))

    def wait_health(self, health, want):
        deadline = time.monotonic() + HEALTH_WAIT_SECONDS
        while True:
            status = health.Check(health_pb2.HealthCheckRequest(
                service="quotewire.v1.QuoteService"), timeout=10).status
            if status == want or time.monotonic() > deadline:
                return status
            time.sleep(0.1)

    def ingest(self, stub, n):
        for i in range(n):
            article_id, text = make_article(i)
            stub.IngestArticle(pb.IngestArticleRequest(
                article=pb.Article(id=article_id, text=text)), timeout=60)

    def test_foreign_file_is_refused_and_left_alone(self):
        db = self.tmp.join("foreign.db")
        with sqlite3.connect(db) as conn:
            conn.execute("CREATE TABLE invoices(id INTEGER PRIMARY KEY, total REAL)")
            conn.execute("INSERT INTO invoices VALUES (1, 2.5)")
        before = open(db, "rb").read()
        stderr = refused_start(db)
        errors = [line for line in stderr.splitlines() if "error:" in line]
        self.assertEqual(len(errors), 1, stderr)
        self.assertIn(db, errors[0])
        self.assertIn("not a Quotewire database", errors[0])
        self.assertEqual(open(db, "rb").read(), before)
        self.assertFalse(os.path.exists(db + "-wal"))

    def test_damaged_file_is_refused_or_answers_data_loss(self):
        db = self.tmp.join("damaged.db")
        server = Server(db).start()
        stub, _ = self.connect(server)
        self.ingest(stub, 150)
        self.assertEqual(server.stop(), 0)
        with sqlite3.connect(db) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            page_size = conn.execute("PRAGMA page_size").fetchone()[0]
            pages = [row[0] for row in conn.execute(
                "SELECT pageno FROM dbstat WHERE name = 'articles' AND "
                "pagetype = 'leaf' ORDER BY pageno")]
        page = pages[len(pages) // 2]
        with open(db, "r+b") as f:
            f.seek((page - 1) * page_size)
            f.write(os.urandom(page_size))

        stderr = refused_start(db)
        self.assertIn("DATA_LOSS", stderr)
        self.assertIn("--skip_db_check", stderr)

        server = Server(db, ["--skip_db_check"]).start()
        stub, health = self.connect(server)
        self.assertEqual(self.wait_health(health, health_pb2.HealthCheckResponse.SERVING),
                         health_pb2.HealthCheckResponse.SERVING)
        codes = set()
        for i in range(150):
            try:
                stub.GetArticle(pb.GetArticleRequest(name="rel-%06d" % i), timeout=30)
            except grpc.RpcError as e:
                codes.add(e.code())
        self.assertEqual(codes, {grpc.StatusCode.DATA_LOSS})
        self.assertEqual(self.wait_health(health, health_pb2.HealthCheckResponse.NOT_SERVING),
                         health_pb2.HealthCheckResponse.NOT_SERVING)
        self.assertEqual(server.stop(), 0)

    def test_deleted_file_refuses_writes_and_turns_health(self):
        db = self.tmp.join("deleted.db")
        server = Server(db).start()
        stub, health = self.connect(server)
        self.ingest(stub, 3)
        for suffix in ("", "-wal", "-shm"):
            os.remove(db + suffix)
        self.assertEqual(self.wait_health(health, health_pb2.HealthCheckResponse.NOT_SERVING),
                         health_pb2.HealthCheckResponse.NOT_SERVING)
        article_id, text = make_article(99)
        with self.assertRaises(grpc.RpcError) as raised:
            stub.IngestArticle(pb.IngestArticleRequest(
                article=pb.Article(id=article_id, text=text)), timeout=60)
        self.assertEqual(raised.exception.code(), grpc.StatusCode.UNAVAILABLE)
        self.assertIn("deleted or replaced", raised.exception.details())
        stub.GetArticle(pb.GetArticleRequest(name="rel-000001"), timeout=30)
        self.assertEqual(server.stop(), 0)

    def test_far_future_publish_time_stores(self):
        server = Server(self.tmp.join("future.db")).start()
        stub, _ = self.connect(server)
        for seconds in (7258118400, 253402300799):  # 2200-01-01, 9999-12-31
            article = pb.Article(id="future-%d" % seconds, text="No quote here.")
            article.publish_time.seconds = seconds
            stub.IngestArticle(pb.IngestArticleRequest(article=article), timeout=60)
            got = stub.GetArticle(pb.GetArticleRequest(name=article.id), timeout=30)
            self.assertEqual(got.article.publish_time.seconds, seconds)
        self.assertEqual(server.stop(), 0)


if __name__ == "__main__":
    unittest.main(verbosity=2)
