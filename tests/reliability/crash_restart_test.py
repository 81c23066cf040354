#!/usr/bin/python3
"""Crash safety: SIGKILL the server in the middle of a batch ingest while
unary ingests are acknowledged, restart it on the same database, and check
that every acknowledged article is present and complete, that no article is
visible half-written, and that SQLite's integrity check passes.
"""

import os
import signal
import sqlite3
import sys
import threading
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "e2e"))
import e2e_util  # noqa: E402
from articles import make_article  # noqa: E402
from e2e_util import Server, TempDir  # noqa: E402

import grpc  # noqa: E402

TOKEN = "crash-test-write-token"


class CrashRestart(unittest.TestCase):
    def setUp(self):
        self.tmp = TempDir()
        e2e_util.generate_stubs(self.tmp.join("gen"))
        global pb, pb_grpc
        from quotewire.v1 import quotewire_pb2 as pb
        from quotewire.v1 import quotewire_pb2_grpc as pb_grpc
        self.db = self.tmp.join("crash.db")
        self.token_file = self.tmp.join("tokens")
        with open(self.token_file, "w") as f:
            f.write("%s write crash-test\n" % TOKEN)

    def tearDown(self):
        self.tmp.cleanup()

    def start(self):
        server = Server(self.db, ["--auth_token_file", self.token_file]).start()
        channel = grpc.insecure_channel(server.address)
        return server, channel, pb_grpc.QuoteServiceStub(channel)

    def test_kill_during_batch_keeps_acknowledged_articles(self):
        server, channel, stub = self.start()
        auth = (("authorization", "Bearer " + TOKEN),)
        acknowledged = {}  # article id -> quote count the server acknowledged
        batch_sent = []
        kill_now = threading.Event()
        stop = threading.Event()

        def unary_writer():
            i = 0
            while not stop.is_set():
                article_id, text = make_article(i)
                try:
                    response = stub.IngestArticle(
                        pb.IngestArticleRequest(article=pb.Article(id=article_id, text=text)),
                        metadata=auth, timeout=30)
                except grpc.RpcError:
                    return  # the server died
                acknowledged[response.article.id] = response.article.quote_count
                i += 1

        def batch_stream():
            for i in range(100000, 200000):
                article_id, text = make_article(i)
                batch_sent.append(article_id)
                if len(batch_sent) == 40:
                    kill_now.set()
                yield pb.BatchIngestArticlesRequest(article=pb.Article(id=article_id, text=text))
                time.sleep(0.002)

        def batch_writer():
            try:
                stub.BatchIngestArticles(batch_stream(), metadata=auth, timeout=120)
            except grpc.RpcError:
                pass

        threads = [threading.Thread(target=unary_writer), threading.Thread(target=batch_writer)]
        for t in threads:
            t.start()
        self.assertTrue(kill_now.wait(timeout=120), "batch never reached 40 articles")
        time.sleep(0.05)
        server.send_signal(signal.SIGKILL)
        server.process.wait()
        stop.set()
        for t in threads:
            t.join(timeout=60)
        channel.close()
        server.kill()
        self.assertGreater(len(acknowledged), 0, "no unary ingest was acknowledged")

        server, channel, stub = self.start()
        try:
            for article_id, count in acknowledged.items():
                got = stub.GetArticle(pb.GetArticleRequest(name="articles/" + article_id))
                self.assertEqual(got.article.quote_count, count, article_id)
                self.assertEqual(len(got.quotes), count, article_id)
            present = 0
            for article_id in batch_sent:
                try:
                    got = stub.GetArticle(pb.GetArticleRequest(name="articles/" + article_id))
                except grpc.RpcError as e:
                    self.assertEqual(e.code(), grpc.StatusCode.NOT_FOUND, article_id)
                    continue
                present += 1
                # Present means complete: its quotes are all there.
                self.assertGreater(got.article.quote_count, 0, article_id)
                self.assertEqual(len(got.quotes), got.article.quote_count, article_id)
                listed = stub.ListQuotes(pb.ListQuotesRequest(article=article_id, page_size=1000))
                self.assertEqual(len(listed.quotes), got.article.quote_count, article_id)
            print("acknowledged unary ingests: %d, batch articles sent before kill: %d, "
                  "present after restart: %d" % (len(acknowledged), len(batch_sent), present))
        finally:
            channel.close()
            self.assertEqual(server.stop(), 0)

        db = sqlite3.connect(self.db)
        try:
            self.assertEqual(db.execute("PRAGMA integrity_check").fetchone()[0], "ok")
        finally:
            db.close()


if __name__ == "__main__":
    unittest.main(verbosity=2)
