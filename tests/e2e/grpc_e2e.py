#!/usr/bin/python3
"""End-to-end test of quotewire-server through Python clients generated at
test time from the proto files: the QuoteService API, the standard health
service, and server reflection (listing services, and resolving and calling
methods from reflected descriptors only, as grpcurl does).

Run by ctest (tests/e2e/CMakeLists.txt sets the paths).
"""

import os
import signal
import sys
import threading
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e_util  # noqa: E402
from e2e_util import Server, TempDir, seed_files  # noqa: E402

import grpc  # noqa: E402

MAX_MESSAGE = 64 * 1024 * 1024


def varint(n):
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


class GrpcE2E(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = TempDir()
        e2e_util.generate_stubs(cls.tmp.join("gen"))
        global pb, pb_grpc, health_pb2, health_pb2_grpc, reflection_pb2, reflection_pb2_grpc
        from quotewire.v1 import quotewire_pb2 as pb
        from quotewire.v1 import quotewire_pb2_grpc as pb_grpc
        from qwgrpc.health.v1 import health_pb2, health_pb2_grpc
        from qwgrpc.reflection.v1alpha import reflection_pb2, reflection_pb2_grpc
        cls.db = cls.tmp.join("e2e.db")
        cls._start()
        cls.seed_texts = {}
        requests = []
        for path in seed_files():
            with open(path, encoding="utf-8") as f:
                text = f.read()
            article_id = os.path.splitext(os.path.basename(path))[0]
            cls.seed_texts[article_id] = text
            requests.append(pb.BatchIngestArticlesRequest(
                article=pb.Article(id=article_id, text=text)))
        assert requests, "no seed articles under %s" % e2e_util.SHARED_DIR
        response = cls.stub.BatchIngestArticles(iter(requests), timeout=300)
        assert response.ingested_count == len(requests), response

    @classmethod
    def _start(cls):
        cls.server = Server(cls.db).start()
        cls.channel = grpc.insecure_channel(
            cls.server.address,
            options=[("grpc.max_receive_message_length", MAX_MESSAGE)])
        cls.stub = pb_grpc.QuoteServiceStub(cls.channel)

    @classmethod
    def _stop(cls):
        cls.channel.close()
        return cls.server.stop()

    @classmethod
    def tearDownClass(cls):
        try:
            code = cls._stop()
            assert code == 0, "server exit code %s\n%s" % (code, cls.server.log())
        finally:
            cls.server.kill()
            cls.tmp.cleanup()

    def all_quotes(self, **filters):
        quotes, token = [], ""
        while True:
            response = self.stub.ListQuotes(
                pb.ListQuotesRequest(page_size=1000, page_token=token, **filters))
            quotes.extend(response.quotes)
            token = response.next_page_token
            if not token:
                return quotes

    def assertCode(self, code, call, *args, **kwargs):
        with self.assertRaises(grpc.RpcError) as raised:
            call(*args, **kwargs)
        self.assertEqual(raised.exception.code(), code, raised.exception.details())
        return raised.exception.details()

    # --- health and reflection ---------------------------------------------

    def test_health_check(self):
        stub = health_pb2_grpc.HealthStub(self.channel)
        for service in ("", "quotewire.v1.QuoteService"):
            response = stub.Check(health_pb2.HealthCheckRequest(service=service))
            self.assertEqual(response.status, health_pb2.HealthCheckResponse.SERVING)
        self.assertCode(grpc.StatusCode.NOT_FOUND, stub.Check,
                        health_pb2.HealthCheckRequest(service="no.such.Service"))

    def reflect(self, **request):
        stub = reflection_pb2_grpc.ServerReflectionStub(self.channel)
        responses = list(stub.ServerReflectionInfo(
            iter([reflection_pb2.ServerReflectionRequest(**request)])))
        self.assertEqual(len(responses), 1)
        self.assertFalse(responses[0].HasField("error_response"),
                         responses[0].error_response.error_message)
        return responses[0]

    def test_reflection_lists_services(self):
        response = self.reflect(list_services="")
        names = {s.name for s in response.list_services_response.service}
        self.assertIn("quotewire.v1.QuoteService", names)
        self.assertIn("grpc.health.v1.Health", names)
        self.assertIn("grpc.reflection.v1alpha.ServerReflection", names)

    def call_by_reflection(self, service_name, method_name, **fields):
        """Resolves a service through reflection alone and calls a method."""
        from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
        response = self.reflect(file_containing_symbol=service_name)
        files = [descriptor_pb2.FileDescriptorProto.FromString(b)
                 for b in response.file_descriptor_response.file_descriptor_proto]
        pool = descriptor_pool.DescriptorPool()
        # Add files once their dependencies are in; ask for missing ones.
        added = set()
        pending = {f.name: f for f in files}
        for _ in range(20):
            if not pending:
                break
            for name, f in list(pending.items()):
                missing = [d for d in f.dependency if d not in added]
                for d in missing:
                    if d not in pending:
                        more = self.reflect(filename=d)
                        for b in more.file_descriptor_response.file_descriptor_proto:
                            g = descriptor_pb2.FileDescriptorProto.FromString(b)
                            if g.name not in added:
                                pending[g.name] = g
                if all(d in added for d in f.dependency):
                    pool.Add(f)
                    added.add(name)
                    del pending[name]
        self.assertFalse(pending, "unresolved descriptor files: %s" % list(pending))
        method_desc = pool.FindServiceByName(service_name).methods_by_name[method_name]
        factory = message_factory.MessageFactory(pool)
        get = getattr(message_factory, "GetMessageClass", None)
        request_cls = get(method_desc.input_type) if get else factory.GetPrototype(method_desc.input_type)
        response_cls = get(method_desc.output_type) if get else factory.GetPrototype(method_desc.output_type)
        call = self.channel.unary_unary(
            "/%s/%s" % (service_name, method_name),
            request_serializer=request_cls.SerializeToString,
            response_deserializer=response_cls.FromString)
        return call(request_cls(**fields), timeout=30)

    def test_reflection_alone_suffices_to_call_health_and_the_api(self):
        health = self.call_by_reflection("grpc.health.v1.Health", "Check",
                                         service="quotewire.v1.QuoteService")
        self.assertEqual(health.status, 1)  # SERVING
        topics = self.call_by_reflection("quotewire.v1.QuoteService", "ListTopics")
        self.assertGreater(len(topics.topics), 0)
        quotes = self.call_by_reflection("quotewire.v1.QuoteService", "ListQuotes",
                                         page_size=3)
        self.assertEqual(len(quotes.quotes), 3)

    # --- offsets ---------------------------------------------------------------

    def test_offsets_slice_python_strings(self):
        for article_id, text in self.seed_texts.items():
            for unit in (pb.OFFSET_UNIT_CODE_POINT, pb.OFFSET_UNIT_UTF16,
                         pb.OFFSET_UNIT_UTF8):
                response = self.stub.GetArticle(pb.GetArticleRequest(
                    name="articles/" + article_id, offset_unit=unit))
                self.assertGreater(len(response.quotes), 0, article_id)
                if unit == pb.OFFSET_UNIT_CODE_POINT:
                    units, width, encoding = text, 1, None
                elif unit == pb.OFFSET_UNIT_UTF16:
                    units, width, encoding = text.encode("utf-16-le"), 2, "utf-16-le"
                else:
                    units, width, encoding = text.encode("utf-8"), 1, "utf-8"
                for q in response.quotes:
                    pieces = []
                    for span in q.spans:
                        piece = units[span.start * width:span.end * width]
                        pieces.append(piece if encoding is None else piece.decode(encoding))
                    self.assertEqual("\n".join(pieces), q.text,
                                     "%s unit %d quote %s" % (article_id, unit, q.name))

    # --- errors --------------------------------------------------------------

    def test_ten_mebibyte_article_is_resource_exhausted_and_server_keeps_serving(self):
        big = pb.IngestArticleRequest(article=pb.Article(text="a" * (10 * 1024 * 1024)))
        self.assertCode(grpc.StatusCode.RESOURCE_EXHAUSTED, self.stub.IngestArticle, big)
        big = pb.IngestArticleRequest(article=pb.Article(text="a" * (2 * 1024 * 1024 + 1)))
        details = self.assertCode(grpc.StatusCode.RESOURCE_EXHAUSTED,
                                  self.stub.IngestArticle, big)
        self.assertTrue(details.startswith("article.text:"), details)
        self.assertGreater(len(self.all_quotes()), 0)

    def test_invalid_utf8_is_invalid_argument_and_server_keeps_serving(self):
        # Python refuses invalid UTF-8 in a string field; build the wire bytes
        # by hand: IngestArticleRequest{article{text: b"caf\xc3("}}.
        text = b"caf\xc3( \"x\", he said."
        article = b"\x1a" + varint(len(text)) + text
        request = b"\x0a" + varint(len(article)) + article
        raw = self.channel.unary_unary(
            "/quotewire.v1.QuoteService/IngestArticle",
            request_serializer=lambda b: b,
            response_deserializer=lambda b: b)
        details = self.assertCode(grpc.StatusCode.INVALID_ARGUMENT, raw, request)
        self.assertIn("UTF-8", details)
        self.stub.ListTopics(pb.ListTopicsRequest())

    def test_bad_paging_is_invalid_argument(self):
        details = self.assertCode(grpc.StatusCode.INVALID_ARGUMENT, self.stub.ListQuotes,
                                  pb.ListQuotesRequest(page_size=-1))
        self.assertEqual(details, "page_size: must be between 0 and 1000")
        page = self.stub.ListQuotes(pb.ListQuotesRequest(page_size=2))
        self.assertTrue(page.next_page_token)
        token = page.next_page_token
        forged = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
        details = self.assertCode(grpc.StatusCode.INVALID_ARGUMENT, self.stub.ListQuotes,
                                  pb.ListQuotesRequest(page_size=2, page_token=forged))
        self.assertIn("page_token", details)
        self.assertCode(grpc.StatusCode.NOT_FOUND, self.stub.GetArticle,
                        pb.GetArticleRequest(name="articles/missing"))
        self.stub.ListTopics(pb.ListTopicsRequest())

    # --- behaviour ------------------------------------------------------------

    def test_reingest_does_not_duplicate(self):
        before = sorted(q.name for q in self.all_quotes(include_non_speech=True))
        article_id, text = sorted(self.seed_texts.items())[0]
        response = self.stub.IngestArticle(pb.IngestArticleRequest(
            article=pb.Article(id=article_id, text=text)))
        self.assertTrue(response.replaced)
        after = sorted(q.name for q in self.all_quotes(include_non_speech=True))
        self.assertEqual(before, after)

    def test_watch_receives_a_quote_ingested_after_it_starts(self):
        call = self.stub.WatchQuotes(pb.WatchQuotesRequest(
            offset_unit=pb.OFFSET_UNIT_CODE_POINT), timeout=60)
        call.initial_metadata()  # the watch is in place
        text = ("Port authority warns of delays\n\n\"Ships will wait three days "
                "before they can unload,\" said harbour master Ingrid Solberg.\n")
        received = []

        def read():
            for response in call:
                received.append(response.quote)
                break

        reader = threading.Thread(target=read)
        reader.start()
        self.stub.IngestArticle(pb.IngestArticleRequest(
            article=pb.Article(id="watch-test", text=text)))
        reader.join(timeout=30)
        call.cancel()
        self.assertEqual(len(received), 1)
        q = received[0]
        self.assertEqual(q.article, "articles/watch-test")
        self.assertEqual(text[q.spans[0].start:q.spans[0].end], q.text)
        self.stub.DeleteArticle(pb.DeleteArticleRequest(name="watch-test"))

    # --- people, sources and topics over the seed articles ------------------

    def test_one_person_across_articles_languages_and_spellings(self):
        people = self.stub.ListPeople(pb.ListPeopleRequest(page_size=1000)).people
        lukashenko = [p for p in people if "ukashenk" in p.display_name or
                      "oekasjenk" in p.display_name]
        self.assertEqual([p.display_name for p in lukashenko], ["Alexander Lukashenko"])
        self.assertGreaterEqual(lukashenko[0].article_count, 4)
        self.assertIn("nl", lukashenko[0].languages)
        self.assertIn("Loekasjenko", lukashenko[0].aliases)
        for form in ["Loekasjenko", "lukashenko", "President Lukashenko", "Лукашенко"]:
            got = self.stub.GetPerson(pb.GetPersonRequest(name=form)).person
            self.assertEqual(got.name, lukashenko[0].name, form)
        tikhanovskaya = [p for p in people if "ikhanovska" in p.display_name]
        self.assertEqual(len(tikhanovskaya), 1, [p.display_name for p in tikhanovskaya])
        for form in ["Tikhanovskaya", "Tikhanovskaïa", "Svetlana Tikhanovskaya"]:
            got = self.stub.GetPerson(pb.GetPersonRequest(name=form)).person
            self.assertEqual(got.name, tikhanovskaya[0].name, form)
        olevich = self.stub.GetPerson(pb.GetPersonRequest(name="Olevich")).person
        self.assertTrue(any("lead expert at the Center for Actual Politics" in d
                            for d in olevich.descriptions), olevich.descriptions)

    def test_person_topic_and_source_filters_compose(self):
        texts = [q.text for q in self.all_quotes(person="Lukashenko", topic="elections")]
        self.assertTrue(any(t.startswith("The elections were valid") for t in texts), texts)
        self.assertTrue(any(t.startswith("The election was valid") for t in texts), texts)
        al_jazeera = self.all_quotes(source="Al Jazeera")
        olevich = [q for q in al_jazeera if q.speaker.name == "Victor Olevich"]
        self.assertEqual(len(olevich), 1)
        self.assertEqual(len(olevich[0].spans), 3)
        self.assertTrue(olevich[0].text.startswith("Lukashenko has lost any remnants"))
        self.assertEqual(olevich[0].outlet, "Al Jazeera")
        combined = self.all_quotes(person="Olevich", source="Al Jazeera",
                                   source_relation=pb.SOURCE_RELATION_OUTLET)
        self.assertEqual([q.name for q in combined], [olevich[0].name])
        afp = self.all_quotes(source="AFP")
        kukhta = [q for q in afp if q.speaker.name == "Darya Kukhta"]
        self.assertEqual(len(kukhta), 1)
        self.assertTrue(kukhta[0].text.startswith("We believe that a new Belarus is beginning"))
        self.assertEqual(self.all_quotes(person="Kukhta", source="Agence France-Presse")[0].name,
                         kukhta[0].name)
        self.assertEqual(self.all_quotes(person="Lukashenko", source="Al Jazeera",
                                         source_relation=pb.SOURCE_RELATION_OUTLET), [])

    def test_single_filter_pages_equal_the_quotes_themselves(self):
        # A page by one person, topic or source is served from pre-encoded
        # quotes with the speaker's person and name appended: a Python client
        # reads the same messages as GetQuote returns.
        lukashenko = self.stub.GetPerson(pb.GetPersonRequest(name="Lukashenko")).person
        for filters in ({"person": "Lukashenko"}, {"topic": "elections"},
                        {"source": "Al Jazeera"}):
            quotes = self.all_quotes(**filters)
            self.assertGreater(len(quotes), 0, filters)
            for q in quotes:
                self.assertEqual(q, self.stub.GetQuote(pb.GetQuoteRequest(name=q.name)).quote,
                                 filters)
        for q in self.all_quotes(person="Lukashenko"):
            self.assertEqual(q.speaker.person, lukashenko.name)
            self.assertEqual(q.speaker.name, lukashenko.display_name)
            self.assertNotEqual(q.speaker.kind, pb.SPEAKER_KIND_UNSPECIFIED)

    def test_z_restart_keeps_everything(self):
        quotes = sorted((q.name, q.text) for q in self.all_quotes(include_non_speech=True))
        people = sorted((p.name, p.quote_count) for p in self.stub.ListPeople(
            pb.ListPeopleRequest(page_size=1000)).people)
        self.assertGreater(len(quotes), 0)
        self.assertEqual(type(self)._stop(), 0)
        self.assertIn("stopped", self.server.log())
        type(self)._start()
        self.assertEqual(sorted((q.name, q.text) for q in self.all_quotes(include_non_speech=True)),
                         quotes)
        self.assertEqual(sorted((p.name, p.quote_count) for p in self.stub.ListPeople(
            pb.ListPeopleRequest(page_size=1000)).people), people)


if __name__ == "__main__":
    unittest.main(verbosity=2)
