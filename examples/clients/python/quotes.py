#!/usr/bin/env python3
"""A small Quotewire client in Python: ingests an article, lists one person's
quotes and cuts each quote out of the article text with the offsets the server
returned.

Python strings are sequences of code points, so every request asks for
OFFSET_UNIT_CODE_POINT and text[span.start:span.end] is the quoted text,
accents and emoji included.

    python3 quotes.py [--server HOST:PORT] [--token TOKEN] \\
        --article FILE [--id ID] --person NAME

Needs the modules generated from quotewire.proto on the import path (see
README.md). Output, one line per quote: the quote's resource name, its spans
and the text sliced from the article (a JSON string; the spans of a quote over
several paragraphs are joined by "\\n", as in Quote.text). Exits 1 when an rpc
fails or a slice differs from Quote.text.
"""

import argparse
import json
import os
import sys

import grpc

from quotewire.v1 import quotewire_pb2 as pb
from quotewire.v1 import quotewire_pb2_grpc as pb_grpc

UNIT = pb.OFFSET_UNIT_CODE_POINT


def json_string(text):
    return json.dumps(text, ensure_ascii=False)


def list_quotes(stub, person, metadata):
    """Every quote of `person`, following next_page_token."""
    request = pb.ListQuotesRequest(person=person, page_size=100, offset_unit=UNIT)
    while True:
        page = stub.ListQuotes(request, metadata=metadata, timeout=30)
        yield from page.quotes
        if not page.next_page_token:
            return
        request.page_token = page.next_page_token


def run(args):
    with open(args.article, encoding="utf-8") as f:
        text = f.read()
    metadata = [("authorization", "Bearer " + args.token)] if args.token else []

    with grpc.insecure_channel(args.server) as channel:
        stub = pb_grpc.QuoteServiceStub(channel)

        # 1. Ingest the article. The response already carries its quotes.
        ingested = stub.IngestArticle(
            pb.IngestArticleRequest(article=pb.Article(id=args.id, text=text),
                                    offset_unit=UNIT),
            metadata=metadata, timeout=30)
        print("ingested %s: %d quotes" % (ingested.article.name, len(ingested.quotes)))

        # 2. Look the person up by any name form, then list their quotes.
        person = stub.GetPerson(pb.GetPersonRequest(name=args.person),
                                metadata=metadata, timeout=30).person
        quotes = list(list_quotes(stub, person.name, metadata))
        print("person %s %s: %d quotes" % (person.name, person.display_name, len(quotes)))

        # 3. Slice each quote out of its article's text: code points, str.
        texts = {}
        for quote in quotes:
            if quote.article not in texts:
                texts[quote.article] = stub.GetArticle(
                    pb.GetArticleRequest(name=quote.article, offset_unit=UNIT),
                    metadata=metadata, timeout=30).article.text
            article_text = texts[quote.article]
            sliced = "\n".join(article_text[span.start:span.end] for span in quote.spans)
            ranges = "+".join("[%d,%d)" % (span.start, span.end) for span in quote.spans)
            print("%s %s %s" % (quote.name, ranges, json_string(sliced)))
            if sliced != quote.text:
                print("error: %s: slice %s differs from quote text %s" % (
                    quote.name, json_string(sliced), json_string(quote.text)), file=sys.stderr)
                return 1
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server", default="127.0.0.1:50051", help="address of quotewire-server")
    parser.add_argument("--token", default=os.environ.get("QUOTEWIRE_TOKEN", ""),
                        help="bearer token (needed to ingest when the server has tokens)")
    parser.add_argument("--article", required=True, help="UTF-8 text file of the article")
    parser.add_argument("--id", default="", help="article id (re-ingesting it replaces the article)")
    parser.add_argument("--person", required=True,
                        help="whose quotes to list: any name form or people/{person}")
    args = parser.parse_args()
    try:
        return run(args)
    except grpc.RpcError as error:
        print("error: %s: %s" % (error.code().name, error.details()), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
