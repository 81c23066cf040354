#!/usr/bin/python3
"""End-to-end test of editorial corrections against the real server: a merge,
a split and a reattribution, each checked after a restart and after
re-ingesting the same articles; and the free-text query with hostile input,
which must answer normally or with INVALID_ARGUMENT, never an internal error.

The articles are written for this test.
"""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e_util  # noqa: E402
from e2e_util import Server, TempDir  # noqa: E402

import grpc  # noqa: E402

ARTICLES = {
    "corr-harbour": "\n\n".join([
        "Harbour plan divides the city council",
        "\u201cWe will rebuild the harbour wall before the winter storms,\u201d said "
        "Sasha Ivanova, a spokesperson for the port authority.",
        "\u201cThe budget for the harbour is simply not there,\u201d said Maria Novak, "
        "the city treasurer.",
        "\u201cResidents deserve a straight answer on the harbour,\u201d said Tom Keller, "
        "a local shop owner.",
    ]) + "\n",
    "corr-timetable": "\n\n".join([
        "Port authority confirms new timetable",
        "\u201cThe first stones will be laid in March,\u201d said Alexandra Ivanova, "
        "who speaks for the port authority.",
        "\u201cI have not seen a plan this ambitious in twenty years,\u201d said Novak, "
        "a retired engineer who lives by the harbour.",
    ]) + "\n",
}

HOSTILE_QUERIES = [
    '"', '""', "NEAR(", "NEAR(harbour budget, 2)", "*", "harb*", "(", ")", "((harbour",
    "' OR 1=1 --", "harbour; DROP TABLE quotes; --", "AND", "OR NOT", "^harbour", "col:harbour",
    "harbour AND", "\\", "%", "_", "{}", "\u201charbour\u201d", "a" * 2000,
]


class CorrectionsE2E(unittest.TestCase):
    def setUp(self):
        self.tmp = TempDir()
        e2e_util.generate_stubs(self.tmp.join("gen"))
        global pb, pb_grpc
        from quotewire.v1 import quotewire_pb2 as pb
        from quotewire.v1 import quotewire_pb2_grpc as pb_grpc
        self.db = self.tmp.join("corrections.db")
        self.server = None
        self.start()
        self.ingest()

    def tearDown(self):
        try:
            self.stop()
        finally:
            if self.server:
                self.server.kill()
            self.tmp.cleanup()

    def start(self):
        self.server = Server(self.db).start()
        self.channel = grpc.insecure_channel(self.server.address)
        self.stub = pb_grpc.QuoteServiceStub(self.channel)

    def stop(self):
        if self.server and self.server.process.poll() is None:
            self.channel.close()
            self.assertEqual(self.server.stop(), 0, self.server.log())

    def restart(self):
        self.stop()
        self.start()

    def ingest(self):
        for article_id, text in ARTICLES.items():
            self.stub.IngestArticle(pb.IngestArticleRequest(
                article=pb.Article(id=article_id, text=text, language="en",
                                   publisher="Harbour Courier")))

    def texts(self, person):
        quotes = self.stub.ListQuotes(pb.ListQuotesRequest(person=person, page_size=100)).quotes
        return sorted(q.text.rstrip(",.") for q in quotes)

    def person(self, name):
        return self.stub.GetPerson(pb.GetPersonRequest(name=name)).person

    def test_merge_split_reattribute_survive_restart_and_reingest(self):
        # What the system does on its own: different given names stay apart,
        # and a surname alone joins the only full name it matches.
        sasha, alexandra = self.person("Sasha Ivanova"), self.person("Alexandra Ivanova")
        self.assertNotEqual(sasha.name, alexandra.name)
        maria = self.person("Maria Novak")
        self.assertEqual(self.person("Novak").name, maria.name)
        self.assertEqual(maria.quote_count, 2)
        keller_quote = [q for q in self.stub.ListQuotes(pb.ListQuotesRequest(
            person="Tom Keller")).quotes if q.text.startswith("Residents deserve")]
        self.assertEqual(len(keller_quote), 1)
        keller_quote = keller_quote[0].name

        # The editor's corrections.
        merged = self.stub.MergePeople(pb.MergePeopleRequest(
            person=alexandra.name, people=[sasha.name], editor="desk")).person
        self.assertEqual(merged.quote_count, 2)
        split = self.stub.SplitPerson(pb.SplitPersonRequest(
            person=maria.name, aliases=["Novak"], display_name="Novak (engineer)",
            editor="desk"))
        self.assertEqual(split.person.quote_count, 1)
        self.assertEqual(split.split_person.quote_count, 1)
        moved = self.stub.ReattributeQuote(pb.ReattributeQuoteRequest(
            quote=keller_quote, person="Lena Brandt", editor="desk")).quote
        self.assertEqual(moved.speaker.name, "Lena Brandt")
        self.assertEqual(moved.attribution, pb.ATTRIBUTION_METHOD_EDITORIAL)
        engineer = split.split_person.name

        def check(stage):
            ivanova = self.texts(alexandra.name)
            self.assertEqual(ivanova, [
                "The first stones will be laid in March",
                "We will rebuild the harbour wall before the winter storms"], stage)
            self.assertEqual(self.person("Sasha Ivanova").name, alexandra.name, stage)
            self.assertEqual(self.texts(maria.name),
                             ["The budget for the harbour is simply not there"], stage)
            self.assertEqual(self.texts(engineer),
                             ["I have not seen a plan this ambitious in twenty years"], stage)
            self.assertEqual(self.texts("Lena Brandt"),
                             ["Residents deserve a straight answer on the harbour"], stage)
            self.assertNotIn("Residents deserve a straight answer on the harbour",
                             self.texts("Tom Keller"), stage)
            got = self.stub.GetQuote(pb.GetQuoteRequest(name=keller_quote)).quote
            self.assertEqual(got.speaker.name, "Lena Brandt", stage)

        check("after the corrections")
        self.restart()
        check("after a restart")
        self.ingest()
        check("after re-ingesting the articles")
        self.restart()
        check("after re-ingesting and a restart")

        corrections = self.stub.ListCorrections(pb.ListCorrectionsRequest()).corrections
        self.assertEqual(sorted(c.action for c in corrections), ["merge", "reattribute", "split"])
        self.assertTrue(all(c.editor == "desk" for c in corrections))

    def test_hostile_free_text_queries(self):
        for query in HOSTILE_QUERIES:
            try:
                self.stub.ListQuotes(pb.ListQuotesRequest(query=query))
            except grpc.RpcError as e:
                self.assertEqual(e.code(), grpc.StatusCode.INVALID_ARGUMENT,
                                 "%r: %s" % (query, e.details()))
                self.assertIn("query", e.details(), repr(query))
        # A query that must find something still does after all that.
        found = self.stub.ListQuotes(pb.ListQuotesRequest(query="harbour budget")).quotes
        self.assertEqual([q.text.rstrip(",") for q in found],
                         ["The budget for the harbour is simply not there"])
        # And nothing was harmed.
        self.assertEqual(len(self.stub.ListQuotes(pb.ListQuotesRequest(page_size=100)).quotes), 5)


if __name__ == "__main__":
    unittest.main(verbosity=2)
