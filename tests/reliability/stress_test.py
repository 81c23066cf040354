#!/usr/bin/python3
"""Concurrency stress: many concurrent readers and writers against one server
and store over loopback, bounded in count and time. Every call must succeed,
and at the end the stored counts must agree with what the writers were told.
"""

import os
import sys
import threading
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "e2e"))
import e2e_util  # noqa: E402
from articles import GIVEN, SURNAMES, make_article  # noqa: E402
from e2e_util import Server, TempDir  # noqa: E402

import grpc  # noqa: E402

WRITERS = 4
READERS = 8
ARTICLES_PER_WRITER = 60
READ_SECONDS_MAX = 60


class Stress(unittest.TestCase):
    def test_concurrent_readers_and_writers(self):
        tmp = TempDir()
        try:
            e2e_util.generate_stubs(tmp.join("gen"))
            from quotewire.v1 import quotewire_pb2 as pb
            from quotewire.v1 import quotewire_pb2_grpc as pb_grpc
            server = Server(tmp.join("stress.db")).start()
            channel = grpc.insecure_channel(server.address)
            stub = pb_grpc.QuoteServiceStub(channel)
            lock = threading.Lock()
            written = set()  # article ids acknowledged at least once
            errors = []
            calls = {"write": 0, "read": 0}
            writers_done = threading.Event()

            def writer(w):
                for n in range(ARTICLES_PER_WRITER):
                    # Writers overlap on a shared range of ids, so the same
                    # article is replaced concurrently by different writers.
                    index = (w * ARTICLES_PER_WRITER + n) % (WRITERS * ARTICLES_PER_WRITER * 3 // 4)
                    article_id, text = make_article(index, salt=w)
                    try:
                        stub.IngestArticle(pb.IngestArticleRequest(
                            article=pb.Article(id=article_id, text=text)), timeout=60)
                    except grpc.RpcError as e:
                        with lock:
                            errors.append("write %s: %s" % (article_id, e))
                        continue
                    with lock:
                        calls["write"] += 1
                        written.add(article_id)

            def reader(r):
                i = 0
                deadline = time.monotonic() + READ_SECONDS_MAX
                while time.monotonic() < deadline and (not writers_done.is_set() or i < 20):
                    try:
                        kind = i % 4
                        if kind == 0:
                            stub.ListQuotes(pb.ListQuotesRequest(
                                person=SURNAMES[(r + i) % len(SURNAMES)], page_size=20), timeout=30)
                        elif kind == 1:
                            stub.ListQuotes(pb.ListQuotesRequest(query="bridge winter"), timeout=30)
                        elif kind == 2:
                            stub.ListPeople(pb.ListPeopleRequest(page_size=10), timeout=30)
                        else:
                            try:
                                stub.GetPerson(pb.GetPersonRequest(
                                    name=GIVEN[i % len(GIVEN)] + " " + SURNAMES[r % len(SURNAMES)]),
                                    timeout=30)
                            except grpc.RpcError as e:
                                if e.code() != grpc.StatusCode.NOT_FOUND:
                                    raise
                    except grpc.RpcError as e:
                        with lock:
                            errors.append("read: %s" % e)
                    with lock:
                        calls["read"] += 1
                    i += 1

            threads = [threading.Thread(target=writer, args=(w,)) for w in range(WRITERS)]
            readers = [threading.Thread(target=reader, args=(r,)) for r in range(READERS)]
            for t in threads + readers:
                t.start()
            for t in threads:
                t.join()
            writers_done.set()
            for t in readers:
                t.join()
            self.assertEqual(errors, [])

            # Consistency: each article's stored count equals its listed quotes,
            # and the whole archive pages to the sum of the articles' counts.
            total = 0
            for article_id in sorted(written):
                got = stub.GetArticle(pb.GetArticleRequest(name=article_id))
                listed = stub.ListQuotes(pb.ListQuotesRequest(article=article_id, page_size=1000))
                self.assertEqual(len(got.quotes), got.article.quote_count, article_id)
                self.assertEqual(len(listed.quotes), got.article.quote_count, article_id)
                total += got.article.quote_count
            seen, token = 0, ""
            while True:
                page = stub.ListQuotes(pb.ListQuotesRequest(page_size=97, page_token=token))
                seen += len(page.quotes)
                token = page.next_page_token
                if not token:
                    break
            self.assertEqual(seen, total)
            print("writes: %d, reads: %d, articles: %d, quotes: %d, errors: 0" % (
                calls["write"], calls["read"], len(written), total))
            channel.close()
            self.assertEqual(server.stop(), 0)
        finally:
            tmp.cleanup()


if __name__ == "__main__":
    unittest.main(verbosity=2)
