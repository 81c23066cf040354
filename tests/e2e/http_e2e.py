#!/usr/bin/python3
"""End-to-end test of the HTTP/JSON API (--http_listen) against gRPC on the
same server: every rpc is called both ways and the answers compared (the HTTP
JSON parsed back into the response message must equal the gRPC response);
every documented error gives the same gRPC code and message, with the HTTP
status of the mapping; WatchQuotes as server-sent events; the OpenAPI document
against the proto's google.api.http annotations; CORS; the static directory;
/metrics after the calls; the --log_format=json lines.

Run by ctest (tests/e2e/CMakeLists.txt sets the paths).
"""

import http.client
import json
import os
import re
import signal
import socket
import sys
import threading
import unittest
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e_util  # noqa: E402
from e2e_util import Server, TempDir, seed_files  # noqa: E402

import grpc  # noqa: E402
from google.protobuf import json_format  # noqa: E402

WRITE_TOKEN = "http-e2e-write-token-0123456789"
READ_TOKEN = "http-e2e-read-token-0123456789"
ORIGIN = "https://desk.example"
HTTP_LINE = re.compile(r"quotewire-server HTTP on (\S+)")
MAX_ARTICLE = 100000
MAX_MESSAGE = 300000
MAX_BATCH = 20


def clear_everywhere(message, field):
    """Clears `field` in `message` and every message inside it."""
    if field in message.DESCRIPTOR.fields_by_name:
        message.ClearField(field)
    for descriptor, value in message.ListFields():
        if descriptor.message_type is None:
            continue
        if descriptor.label == descriptor.LABEL_REPEATED:
            for item in value:
                clear_everywhere(item, field)
        else:
            clear_everywhere(value, field)


class Answer:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def json(self):
        return json.loads(self.body)


class HttpE2E(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = TempDir()
        e2e_util.generate_stubs(cls.tmp.join("gen"))
        global pb, pb_grpc, annotations_pb2
        from quotewire.v1 import quotewire_pb2 as pb
        from quotewire.v1 import quotewire_pb2_grpc as pb_grpc
        from google.api import annotations_pb2
        tokens = cls.tmp.join("tokens")
        with open(tokens, "w") as f:
            f.write("%s write editor-bot\n%s read dashboard\n" % (WRITE_TOKEN, READ_TOKEN))
        os.chmod(tokens, 0o600)
        static = cls.tmp.join("static")
        os.makedirs(static)
        with open(os.path.join(static, "index.html"), "w") as f:
            f.write("<!doctype html><title>quote desk</title>\n")
        cls.server = Server(cls.tmp.join("http.db"), extra_args=[
            "--http_listen", "127.0.0.1:0", "--auth_token_file", tokens,
            "--cors_origins", ORIGIN, "--http_static_dir", static,
            "--log_format", "json", "--max_article_bytes", str(MAX_ARTICLE),
            "--max_message_bytes", str(MAX_MESSAGE),
            "--max_batch_articles", str(MAX_BATCH)]).start()
        cls.http_address = HTTP_LINE.search(cls.server.log()).group(1)
        cls.channel = grpc.insecure_channel(cls.server.address)
        cls.stub = pb_grpc.QuoteServiceStub(cls.channel)
        cls.write = (("authorization", "Bearer " + WRITE_TOKEN),)
        # The seeds, stored over gRPC.
        cls.seeds = []
        for path in seed_files():
            with open(path, encoding="utf-8") as f:
                cls.seeds.append((os.path.splitext(os.path.basename(path))[0], f.read()))
        assert cls.seeds, "no seed articles under %s" % e2e_util.SHARED_DIR
        cls.stub.BatchIngestArticles(
            iter([pb.BatchIngestArticlesRequest(article=pb.Article(id=i, text=t))
                  for i, t in cls.seeds]), metadata=cls.write, timeout=300)

    @classmethod
    def tearDownClass(cls):
        try:
            cls.channel.close()
            cls.server.stop()
        finally:
            cls.server.kill()
            cls.tmp.cleanup()

    # --- helpers -----------------------------------------------------------

    def http(self, method, path, body=None, token=None, headers=None, raw=None):
        connection = http.client.HTTPConnection(self.http_address, timeout=120)
        all_headers = dict(headers or {})
        if token:
            all_headers["Authorization"] = "Bearer " + token
        data = raw
        if body is not None:
            data = json.dumps(body).encode("utf-8")
            all_headers["Content-Type"] = "application/json"
        connection.request(method, path, body=data, headers=all_headers)
        response = connection.getresponse()
        answer = Answer(response.status, response.headers, response.read().decode("utf-8"))
        connection.close()
        return answer

    def grpc_call(self, method, request, token=None):
        """(response, None) or (None, RpcError)."""
        metadata = (("authorization", "Bearer " + token),) if token else ()
        try:
            response = getattr(self.stub, method)(request, metadata=metadata, timeout=120)
            if method == "WatchQuotes":  # a stream: an error ends it at once
                response = next(iter(response))
            return response, None
        except grpc.RpcError as error:
            return None, error

    def same(self, method, http_method, path, request, body=None, token=None,
             ignore=()):
        """Calls `method` both ways; asserts equal answers; returns the response."""
        answer = self.http(http_method, path, body=body, token=token)
        self.assertEqual(answer.status, 200, answer.body)
        self.assertEqual(answer.headers["Content-Type"], "application/json")
        response, error = self.grpc_call(method, request, token)
        self.assertIsNone(error, error and error.details())
        from_http = json_format.Parse(answer.body, type(response)())
        for field in ignore:  # fields that differ by design, at any depth
            for message in (from_http, response):
                clear_everywhere(message, field)
        self.assertEqual(from_http, response, "%s %s" % (http_method, path))
        # Canonical JSON: what MessageToJson prints (camelCase, defaults omitted).
        self.assertEqual(answer.json(), json.loads(json_format.MessageToJson(
            json_format.Parse(answer.body, type(response)()))))
        return response

    def same_error(self, method, http_method, path, request, status, body=None,
                   token=None, raw=None, compare_message=True):
        """Both ways fail with the same code (and message); HTTP `status`."""
        answer = self.http(http_method, path, body=body, token=token, raw=raw)
        self.assertEqual(answer.status, status, answer.body)
        error_body = answer.json()
        self.assertEqual(set(error_body) - {"details"}, {"code", "message"}, answer.body)
        response, error = self.grpc_call(method, request, token)
        self.assertIsNotNone(error, "%s succeeded over gRPC: %s" % (method, response))
        self.assertEqual(error_body["code"], error.code().value[0], answer.body)
        if compare_message:
            self.assertEqual(error_body["message"], error.details())
        return error_body

    # --- every rpc, both ways ----------------------------------------------

    def test_extract_quotes(self):
        # The README's example.
        body = {"article": {"text": "\"We are ready,\" said coach Ana Lima."}}
        response = self.same("ExtractQuotes", "POST", "/v1/articles:extract",
                             pb.ExtractQuotesRequest(**{"article": pb.Article(
                                 text=body["article"]["text"])}), body=body)
        self.assertEqual(len(response.quotes), 1)
        # `curl -d` labels a JSON body as a form: still the JSON body, and
        # never form fields taken for query parameters.
        answer = self.http("POST", "/v1/articles:extract", raw=json.dumps(body).encode(),
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(answer.status, 200, answer.body)
        self.assertEqual(json_format.Parse(answer.body, pb.ExtractQuotesResponse()), response)
        # ... of any size up to the body limit (the HTTP library refuses
        # form fields over 8 KiB with 413).
        long_body = {"article": {"text": body["article"]["text"] + " Then she left." * 800}}
        self.assertGreater(len(json.dumps(long_body)), 8192)
        as_json = self.http("POST", "/v1/articles:extract", body=long_body)
        self.assertEqual(as_json.status, 200, as_json.body)
        answer = self.http("POST", "/v1/articles:extract", raw=json.dumps(long_body).encode(),
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(answer.status, 200, answer.body)
        self.assertEqual(answer.json(), as_json.json())
        # A multipart form is no JSON: 400 naming the body.
        answer = self.http("POST", "/v1/articles:extract", raw=b"--x\r\n\r\n{}\r\n--x--\r\n",
                           headers={"Content-Type": "multipart/form-data; boundary=x"})
        self.assertEqual(answer.status, 400, answer.body)
        self.assertEqual(answer.json()["code"], 3)
        self.assertIn("body", answer.json()["message"])
        article_id, text = self.seeds[0]
        body = {"article": {"text": text}, "offset_unit": "OFFSET_UNIT_UTF16"}
        self.same("ExtractQuotes", "POST", "/v1/articles:extract",
                  pb.ExtractQuotesRequest(article=pb.Article(text=text),
                                          offset_unit=pb.OFFSET_UNIT_UTF16), body=body)

    def test_ingest_and_batch_ingest(self):
        article_id, text = self.seeds[1]
        body = {"article": {"id": article_id, "text": text}}
        request = pb.IngestArticleRequest(article=pb.Article(id=article_id, text=text))
        # Both re-ingest a stored article, so both answer replaced=true; the
        # ingest time (and a quote's publish time, without a date) is each call's own.
        self.same("IngestArticle", "POST", "/v1/articles", request, body=body,
                  token=WRITE_TOKEN, ignore=["ingest_time", "publish_time"])
        lines = "\n".join(json.dumps({"article": {"id": i, "text": t}})
                          for i, t in self.seeds)
        answer = self.http("POST", "/v1/articles:batchIngest", raw=lines.encode(),
                           token=WRITE_TOKEN,
                           headers={"Content-Type": "application/x-ndjson"})
        self.assertEqual(answer.status, 200, answer.body)
        grpc_response = self.stub.BatchIngestArticles(
            iter([pb.BatchIngestArticlesRequest(article=pb.Article(id=i, text=t))
                  for i, t in self.seeds]), metadata=self.write)
        self.assertEqual(json_format.Parse(answer.body, pb.BatchIngestArticlesResponse()),
                         grpc_response)
        self.assertEqual(grpc_response.ingested_count, len(self.seeds))
        # One bad article in a batch fails alone, the same way.
        bad = lines + "\n" + json.dumps({"article": {"text": ""}})
        answer = self.http("POST", "/v1/articles:batchIngest", raw=bad.encode(),
                           token=WRITE_TOKEN)
        result = answer.json()["results"][-1]
        self.assertEqual(result["code"], 3, answer.body)
        self.assertIn("article.text", result["message"])

    def test_get_article_get_quote_and_list_quotes(self):
        article_id = self.seeds[0][0]
        for unit in ("OFFSET_UNIT_UTF8", "OFFSET_UNIT_UTF16", "OFFSET_UNIT_CODE_POINT"):
            article = self.same(
                "GetArticle", "GET", "/v1/articles/%s?offset_unit=%s" % (article_id, unit),
                pb.GetArticleRequest(name="articles/" + article_id,
                                     offset_unit=pb.OffsetUnit.Value(unit)))
        quote = article.quotes[0]
        self.same("GetQuote", "GET", "/v1/%s?offsetUnit=OFFSET_UNIT_UTF16" % quote.name,
                  pb.GetQuoteRequest(name=quote.name, offset_unit=pb.OFFSET_UNIT_UTF16))
        speaker = next(q.speaker.person for q in article.quotes if q.speaker.person)
        topic = next(t for q in article.quotes for t in q.topics)
        cases = [
            {"person": speaker, "page_size": "5"},
            {"topic": topic},
            {"article": "articles/" + article_id, "include_non_speech": "true"},
            {"language": "en", "page_size": "3"},
            {"start_time": "2000-01-01T00:00:00Z", "end_time": "2100-01-01T00:00:00Z"},
            {"source_relation": "SOURCE_RELATION_PUBLISHER", "page_size": "2"},
            {"query": "said", "order_by": "relevance"},
            {},
        ]
        for params in cases:
            request = json_format.ParseDict(
                {k: (int(v) if k == "page_size" else
                     v == "true" if k == "include_non_speech" else v)
                 for k, v in params.items()}, pb.ListQuotesRequest())
            self.same("ListQuotes", "GET", "/v1/quotes?" + urllib.parse.urlencode(params),
                      request)
        # Paging: the HTTP token continues the gRPC listing and vice versa.
        first = self.same("ListQuotes", "GET", "/v1/quotes?page_size=2",
                          pb.ListQuotesRequest(page_size=2))
        self.assertTrue(first.next_page_token)
        self.same("ListQuotes", "GET", "/v1/quotes?" + urllib.parse.urlencode(
            {"page_size": 2, "page_token": first.next_page_token}),
            pb.ListQuotesRequest(page_size=2, page_token=first.next_page_token))

    def test_readme_examples(self):
        # quotewire quotes --person Lukashenko --limit 5, and the others of
        # the README's grpcurl list (which curl reproduces the same way).
        self.same("ListQuotes", "GET", "/v1/quotes?person=Lukashenko&page_size=5",
                  pb.ListQuotesRequest(person="Lukashenko", page_size=5))
        self.same("ListQuotes", "GET",
                  "/v1/quotes?source=Al%20Jazeera&offset_unit=OFFSET_UNIT_CODE_POINT",
                  pb.ListQuotesRequest(source="Al Jazeera",
                                       offset_unit=pb.OFFSET_UNIT_CODE_POINT))
        people = self.stub.ListPeople(pb.ListPeopleRequest(page_size=1)).people
        name = people[0].display_name
        self.same("GetPerson", "GET", "/v1/people/" + urllib.parse.quote(name),
                  pb.GetPersonRequest(name="people/" + name))
        self.same("GetPerson", "GET", "/v1/" + people[0].name,
                  pb.GetPersonRequest(name=people[0].name))

    def test_lists(self):
        self.same("ListPeople", "GET", "/v1/people?page_size=3&kind=SPEAKER_KIND_PERSON",
                  pb.ListPeopleRequest(page_size=3, kind=pb.SPEAKER_KIND_PERSON))
        self.same("ListPeople", "GET", "/v1/people?query=a",
                  pb.ListPeopleRequest(query="a"))
        self.same("ListSources", "GET", "/v1/sources", pb.ListSourcesRequest())
        self.same("ListSources", "GET", "/v1/sources?pageSize=1",
                  pb.ListSourcesRequest(page_size=1))
        self.same("ListTopics", "GET", "/v1/topics", pb.ListTopicsRequest())
        self.same("ListCorrections", "GET", "/v1/corrections",
                  pb.ListCorrectionsRequest())
        self.same("ListMergeSuggestions", "GET", "/v1/mergeSuggestions?pageSize=5",
                  pb.ListMergeSuggestionsRequest(page_size=5))

    def test_corrections_and_delete(self):
        text = ('"The harbour will reopen in May," said Ilse Vandermeer, the port '
                'director. "We are confident," Vandermeer added. "No comment," '
                'said Piet Rombouts.')
        self.stub.IngestArticle(pb.IngestArticleRequest(
            article=pb.Article(id="http-corrections", text=text)), metadata=self.write)
        quotes = self.stub.GetArticle(pb.GetArticleRequest(
            name="articles/http-corrections")).quotes
        people = sorted({q.speaker.person for q in quotes if q.speaker.person})
        self.assertEqual(len(people), 2, quotes)
        ilse, piet = people
        # Rename over HTTP; gRPC sees the same person.
        answer = self.http("POST", "/v1/%s:rename" % ilse,
                           body={"display_name": "Ilse M. Vandermeer"}, token=WRITE_TOKEN)
        self.assertEqual(answer.status, 200, answer.body)
        renamed = json_format.Parse(answer.body, pb.RenamePersonResponse()).person
        self.assertEqual(renamed, self.stub.GetPerson(pb.GetPersonRequest(name=ilse)).person)
        # Reattribute over HTTP, read over gRPC.
        answer = self.http("POST", "/v1/%s:reattribute" % quotes[0].name,
                           body={"person": piet}, token=WRITE_TOKEN)
        self.assertEqual(answer.status, 200, answer.body)
        moved = json_format.Parse(answer.body, pb.ReattributeQuoteResponse()).quote
        self.assertEqual(moved, self.stub.GetQuote(pb.GetQuoteRequest(name=moved.name)).quote)
        self.assertEqual(moved.speaker.person, piet)
        # Merge over HTTP (the collection-level custom method), split over HTTP.
        answer = self.http("POST", "/v1/people:merge",
                           body={"person": ilse, "people": [piet]}, token=WRITE_TOKEN)
        self.assertEqual(answer.status, 200, answer.body)
        merged = json_format.Parse(answer.body, pb.MergePeopleResponse()).person
        self.assertEqual(merged, self.stub.GetPerson(pb.GetPersonRequest(name=ilse)).person)
        alias = next(a for a in merged.aliases if "Rombouts" in a)
        answer = self.http("POST", "/v1/%s:split" % ilse,
                           body={"aliases": [alias]}, token=WRITE_TOKEN)
        self.assertEqual(answer.status, 200, answer.body)
        split = json_format.Parse(answer.body, pb.SplitPersonResponse())
        self.assertEqual(split.split_person, self.stub.GetPerson(
            pb.GetPersonRequest(name=split.split_person.name)).person)
        # The corrections log lists them, the same both ways, editor = token label.
        log = self.same("ListCorrections", "GET", "/v1/corrections?page_size=4",
                        pb.ListCorrectionsRequest(page_size=4))
        self.assertTrue(all(c.editor == "editor-bot" for c in log.corrections), log)
        # Errors of the corrections, the same both ways.
        self.same_error("SplitPerson", "POST", "/v1/%s:split" % ilse,
                        pb.SplitPersonRequest(person=ilse, aliases=["Nobody Else"]),
                        400, body={"aliases": ["Nobody Else"]}, token=WRITE_TOKEN)
        self.same_error("MergePeople", "POST", "/v1/people:merge",
                        pb.MergePeopleRequest(person=ilse, people=["people/nobody"]),
                        404, body={"person": ilse, "people": ["people/nobody"]},
                        token=WRITE_TOKEN)
        self.same_error("RenamePerson", "POST", "/v1/people/nobody:rename",
                        pb.RenamePersonRequest(person="people/nobody", display_name="X"),
                        404, body={"display_name": "X"}, token=WRITE_TOKEN)
        self.same_error("ReattributeQuote", "POST", "/v1/quotes/0123456789abcdef:reattribute",
                        pb.ReattributeQuoteRequest(quote="quotes/0123456789abcdef",
                                                   person=ilse),
                        404, body={"person": ilse}, token=WRITE_TOKEN)
        # Delete over HTTP: the count gRPC would report; then NOT_FOUND both ways.
        answer = self.http("DELETE", "/v1/articles/http-corrections", token=WRITE_TOKEN)
        self.assertEqual(answer.status, 200, answer.body)
        self.assertEqual(answer.json(), {"deletedQuoteCount": len(quotes)})
        self.same_error("DeleteArticle", "DELETE", "/v1/articles/http-corrections",
                        pb.DeleteArticleRequest(name="articles/http-corrections"), 404,
                        token=WRITE_TOKEN)

    # --- documented errors -------------------------------------------------

    def test_documented_errors(self):
        big = "x" * (MAX_ARTICLE + 1)
        cases = [
            # (rpc, http method, path, request, status, body, token)
            ("ExtractQuotes", "POST", "/v1/articles:extract",
             pb.ExtractQuotesRequest(article=pb.Article(text="")), 400,
             {"article": {"text": ""}}, None),
            ("ExtractQuotes", "POST", "/v1/articles:extract",
             pb.ExtractQuotesRequest(article=pb.Article(text="a", language="not a tag")),
             400, {"article": {"text": "a", "language": "not a tag"}}, None),
            ("ExtractQuotes", "POST", "/v1/articles:extract",
             pb.ExtractQuotesRequest(article=pb.Article(text=big)), 413,
             {"article": {"text": big}}, None),
            ("IngestArticle", "POST", "/v1/articles",
             pb.IngestArticleRequest(article=pb.Article(text="\"Hi,\" he said.")), 401,
             {"article": {"text": "\"Hi,\" he said."}}, None),
            ("IngestArticle", "POST", "/v1/articles",
             pb.IngestArticleRequest(article=pb.Article(text="\"Hi,\" he said.")), 401,
             {"article": {"text": "\"Hi,\" he said."}}, "not-a-valid-token-at-all"),
            ("IngestArticle", "POST", "/v1/articles",
             pb.IngestArticleRequest(article=pb.Article(text="\"Hi,\" he said.")), 403,
             {"article": {"text": "\"Hi,\" he said."}}, READ_TOKEN),
            ("IngestArticle", "POST", "/v1/articles",
             pb.IngestArticleRequest(article=pb.Article(id="bad id!", text="x")), 400,
             {"article": {"id": "bad id!", "text": "x"}}, WRITE_TOKEN),
            ("IngestArticle", "POST", "/v1/articles",
             pb.IngestArticleRequest(article=pb.Article(text=big)), 413,
             {"article": {"text": big}}, WRITE_TOKEN),
            ("GetArticle", "GET", "/v1/articles/missing",
             pb.GetArticleRequest(name="articles/missing"), 404, None, None),
            ("DeleteArticle", "DELETE", "/v1/articles/missing",
             pb.DeleteArticleRequest(name="articles/missing"), 401, None, None),
            ("DeleteArticle", "DELETE", "/v1/articles/missing",
             pb.DeleteArticleRequest(name="articles/missing"), 403, None, READ_TOKEN),
            ("GetQuote", "GET", "/v1/quotes/missing",
             pb.GetQuoteRequest(name="quotes/missing"), 404, None, None),
            ("GetQuote", "GET", "/v1/quotes/bad%20name",
             pb.GetQuoteRequest(name="quotes/bad name"), 400, None, None),
            ("ListQuotes", "GET", "/v1/quotes?page_size=1001",
             pb.ListQuotesRequest(page_size=1001), 400, None, None),
            ("ListQuotes", "GET", "/v1/quotes?page_token=garbage",
             pb.ListQuotesRequest(page_token="garbage"), 400, None, None),
            ("ListQuotes", "GET",
             "/v1/quotes?start_time=2020-01-02T00:00:00Z&end_time=2020-01-01T00:00:00Z",
             json_format.ParseDict({"start_time": "2020-01-02T00:00:00Z",
                                    "end_time": "2020-01-01T00:00:00Z"},
                                   pb.ListQuotesRequest()), 400, None, None),
            ("ListPeople", "GET", "/v1/people?page_size=-1",
             pb.ListPeopleRequest(page_size=-1), 400, None, None),
            ("GetPerson", "GET", "/v1/people/Nobody%20Atall",
             pb.GetPersonRequest(name="people/Nobody Atall"), 404, None, None),
            ("ListSources", "GET", "/v1/sources?page_token=garbage",
             pb.ListSourcesRequest(page_token="garbage"), 400, None, None),
            ("ListTopics", "GET", "/v1/topics?page_size=5000",
             pb.ListTopicsRequest(page_size=5000), 400, None, None),
            ("ListCorrections", "GET", "/v1/corrections?page_size=-5",
             pb.ListCorrectionsRequest(page_size=-5), 400, None, None),
            ("MergePeople", "POST", "/v1/people:merge",
             pb.MergePeopleRequest(person="people/a"), 400, {"person": "people/a"},
             WRITE_TOKEN),
            ("RenamePerson", "POST", "/v1/people/a:rename",
             pb.RenamePersonRequest(person="people/a", display_name="B"), 403,
             {"display_name": "B"}, READ_TOKEN),
        ]
        for rpc, method, path, request, status, body, token in cases:
            with self.subTest(rpc=rpc, path=path, status=status):
                self.same_error(rpc, method, path, request, status, body=body, token=token)

    def test_watch_errors_before_the_stream_opens(self):
        self.same_error("WatchQuotes", "GET", "/v1/quotes:watch?topic=no-such-topic",
                        pb.WatchQuotesRequest(topic="no-such-topic"), 400)

    def test_batch_over_the_limit_is_413_like_grpc(self):
        lines = "\n".join(json.dumps({"article": {"id": "b%d" % i, "text": "\"Yes,\" she said."}})
                          for i in range(MAX_BATCH + 1))
        answer = self.http("POST", "/v1/articles:batchIngest", raw=lines.encode(),
                           token=WRITE_TOKEN)
        self.assertEqual(answer.status, 413, answer.body)
        try:
            self.stub.BatchIngestArticles(
                iter([pb.BatchIngestArticlesRequest(article=pb.Article(
                    id="b%d" % i, text="\"Yes,\" she said.")) for i in range(MAX_BATCH + 1)]),
                metadata=self.write)
            self.fail("gRPC batch over the limit succeeded")
        except grpc.RpcError as error:
            self.assertEqual(error.code(), grpc.StatusCode.RESOURCE_EXHAUSTED)
            self.assertEqual(answer.json(), {"code": 8, "message": error.details()})

    def test_http_errors(self):
        # A body over the message limit: 413 before any rpc.
        answer = self.http("POST", "/v1/articles:extract",
                           raw=b"{\"article\": {\"text\": \"" + b"x" * MAX_MESSAGE + b"\"}}")
        self.assertEqual(answer.status, 413, answer.body)
        self.assertEqual(answer.json()["code"], 8)
        # Not JSON, an unknown field, a wrong type: 400 naming the problem.
        for raw in (b"{", b"{\"nope\": 1}", b"{\"article\": 5}"):
            answer = self.http("POST", "/v1/articles:extract", raw=raw)
            self.assertEqual(answer.status, 400, raw)
            self.assertEqual(answer.json()["code"], 3)
        answer = self.http("GET", "/v1/quotes?no_such_param=1")
        self.assertEqual(answer.status, 400)
        self.assertIn("no_such_param", answer.json()["message"])
        answer = self.http("GET", "/v1/quotes?include_non_speech=maybe")
        self.assertEqual(answer.status, 400)
        # Unknown path 404, known path with another method 405 + Allow.
        answer = self.http("GET", "/v1/nothing-here")
        self.assertEqual((answer.status, answer.json()["code"]), (404, 5))
        answer = self.http("PUT", "/v1/quotes")
        self.assertEqual(answer.status, 405)
        self.assertEqual(answer.headers["Allow"], "GET")

    # --- WatchQuotes as server-sent events ---------------------------------

    def open_events(self, query):
        connection = http.client.HTTPConnection(self.http_address, timeout=60)
        connection.request("GET", "/v1/quotes:watch?" + query,
                           headers={"Accept": "text/event-stream"})
        response = connection.getresponse()
        self.assertEqual(response.status, 200)
        self.assertEqual(response.headers["Content-Type"], "text/event-stream")
        return connection, response

    @staticmethod
    def next_event(response):
        """The next event as (name, data), skipping comments."""
        name, data = "message", []
        while True:
            line = response.readline().decode("utf-8")
            if not line:
                return None
            line = line.rstrip("\r\n")
            if line == "":
                if data:
                    return name, "\n".join(data)
                continue
            if line.startswith(":"):
                continue
            field, _, value = line.partition(":")
            value = value[1:] if value.startswith(" ") else value
            if field == "event":
                name = value
            elif field == "data":
                data.append(value)

    def test_watch_events_equal_grpc_watch(self):
        connection, response = self.open_events("offset_unit=OFFSET_UNIT_UTF16")
        self.assertEqual(response.readline(), b": open\n")
        grpc_stream = self.stub.WatchQuotes(
            pb.WatchQuotesRequest(offset_unit=pb.OFFSET_UNIT_UTF16), timeout=60)
        ready = threading.Event()
        grpc_messages = []

        def read_grpc():
            ready.set()
            for message in grpc_stream:
                grpc_messages.append(message)
                if len(grpc_messages) == 2:
                    return
        reader = threading.Thread(target=read_grpc, daemon=True)
        reader.start()
        ready.wait()
        grpc_stream.initial_metadata()  # sent once the gRPC watch is in place
        text = ('"We will rebuild the bridge by spring," said mayor Karin Holt. '
                '"It is overdue," Holt told the Courier.')
        self.stub.IngestArticle(pb.IngestArticleRequest(
            article=pb.Article(id="http-watch", text=text)), metadata=self.write)
        events = [self.next_event(response), self.next_event(response)]
        reader.join(timeout=30)
        grpc_stream.cancel()
        connection.close()
        self.assertEqual([e[0] for e in events], ["message", "message"])
        from_http = [json_format.Parse(e[1], pb.WatchQuotesResponse()) for e in events]
        self.assertEqual(from_http, grpc_messages)

    def test_z_watch_ends_with_an_error_event_on_shutdown(self):
        # Last (unittest runs tests by name): it stops the server.
        self.check_metrics_and_log()
        connection, response = self.open_events("")
        self.server.send_signal(signal.SIGTERM)
        event = self.next_event(response)
        self.assertEqual(event[0], "error")
        self.assertEqual(json.loads(event[1])["code"], 14)  # UNAVAILABLE
        connection.close()
        self.assertEqual(self.server.process.wait(timeout=60), 0)

    # --- OpenAPI, CORS, static files ---------------------------------------

    def test_openapi_matches_the_annotations_and_the_routes(self):
        answer = self.http("GET", "/v1/openapi.json")
        self.assertEqual(answer.status, 200)
        doc = answer.json()
        self.assertEqual(doc["openapi"][:2], "3.")
        service = pb.DESCRIPTOR.services_by_name["QuoteService"]
        expected = {}
        for method in service.methods:
            rule = method.GetOptions().Extensions[annotations_pb2.http]
            verb = rule.WhichOneof("pattern")
            self.assertIsNotNone(verb, "%s has no google.api.http rule" % method.name)
            path = getattr(rule, verb)
            # {name=people/*} -> people/{name}, as the document writes it.
            path = re.sub(r"\{(\w+)=([^}]*)\}",
                          lambda m: m.group(2).replace("*", "{%s}" % m.group(1)), path)
            expected[(path, verb.replace("delete_", "delete"))] = method.name
        documented = {(path, verb): op["operationId"]
                      for path, ops in doc["paths"].items() for verb, op in ops.items()}
        self.assertEqual(documented, expected)
        # Every documented operation is routed (no "no route" 404, no 405).
        for (path, verb), name in documented.items():
            concrete = re.sub(r"\{\w+\}", "zz-probe", path)
            if name == "WatchQuotes":
                connection, response = self.open_events("")
                connection.close()
                continue
            answer = self.http(verb.upper(), concrete,
                               raw=b"{}" if verb == "post" else None)
            self.assertNotIn(answer.status, (405,), (path, verb, answer.body))
            if answer.status == 404:
                self.assertNotIn("no route", answer.body, (path, verb))
        # Schemas exist for every referenced message.
        refs = set(re.findall(r'"#/components/schemas/([\w.]+)"', answer.body + json.dumps(doc)))
        self.assertTrue(refs)
        self.assertTrue(refs <= set(doc["components"]["schemas"]), refs - set(doc["components"]["schemas"]))

    def test_cors(self):
        answer = self.http("GET", "/v1/topics", headers={"Origin": ORIGIN})
        self.assertEqual(answer.headers["Access-Control-Allow-Origin"], ORIGIN)
        answer = self.http("GET", "/v1/topics", headers={"Origin": "https://evil.example"})
        self.assertIsNone(answer.headers["Access-Control-Allow-Origin"])
        answer = self.http("OPTIONS", "/v1/articles", headers={
            "Origin": ORIGIN, "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type"})
        self.assertEqual(answer.status, 204)
        self.assertIn("Authorization", answer.headers["Access-Control-Allow-Headers"])
        answer = self.http("OPTIONS", "/v1/articles", headers={
            "Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
        self.assertEqual(answer.status, 403)

    def test_static_directory_is_served_at_root(self):
        answer = self.http("GET", "/")
        self.assertEqual(answer.status, 200)
        self.assertIn("quote desk", answer.body)

    # --- metrics and the JSON log ------------------------------------------

    def check_metrics_and_log(self):
        # Called by the last test, after the others ran.
        answer = self.http("GET", "/metrics")
        self.assertEqual(answer.status, 200)
        self.assertTrue(answer.headers["Content-Type"].startswith("text/plain"))
        handled = {}
        for match in re.finditer(
                r'^grpc_server_handled_total\{grpc_service="quotewire.v1.QuoteService",'
                r'grpc_method="(\w+)",transport="(\w+)",grpc_code="(\w+)"\} (\d+)$',
                answer.body, re.M):
            key = (match.group(1), match.group(2))
            handled[key] = handled.get(key, 0) + int(match.group(4))
        service = pb.DESCRIPTOR.services_by_name["QuoteService"]
        for method in service.methods:
            for transport in ("grpc", "http"):
                self.assertGreater(handled.get((method.name, transport), 0), 0,
                                   (method.name, transport, sorted(handled)))
        for name in ("quotewire_ingested_articles_total", "quotewire_ingested_quotes_total",
                     "quotewire_store_bytes", "quotewire_response_cache_misses_total"):
            value = re.search(r"^%s (\S+)$" % name, answer.body, re.M)
            self.assertIsNotNone(value, name)
            self.assertGreater(float(value.group(1)), 0, name)
        self.assertRegex(answer.body, r"(?m)^quotewire_watch_subscribers \d+$")
        self.assertRegex(answer.body,
                         r'(?m)^grpc_server_handling_seconds_count\{[^}]*grpc_method="ListQuotes",'
                         r'transport="http"\} [1-9]')
        # The log: one JSON line per rpc; HTTP calls carry the HTTP peer;
        # never a token or a text.
        log = self.server.log()
        lines = [json.loads(line) for line in log.splitlines() if line.startswith("{")]
        self.assertGreater(len(lines), 50)
        for line in lines:
            self.assertEqual(set(line), {"time", "method", "code", "duration_ms", "peer",
                                         "transport"})
        http_lines = [line for line in lines if line["transport"] == "http"]
        self.assertTrue(http_lines)
        self.assertTrue(all(line["peer"].startswith("127.0.0.1:") for line in http_lines))
        self.assertTrue(all(line["peer"].startswith("ipv4:127.0.0.1:")
                            for line in lines if line["transport"] == "grpc"))
        for secret in (WRITE_TOKEN, READ_TOKEN, "rebuild the bridge"):
            self.assertNotIn(secret, log)


if __name__ == "__main__":
    unittest.main(verbosity=2)
