// A small Quotewire client in TypeScript (Node.js, @grpc/grpc-js): ingests an
// article, lists one person's quotes and cuts each quote out of the article
// text with the offsets the server returned.
//
// JavaScript strings are UTF-16 code units, so every request asks for
// OFFSET_UNIT_UTF16 and text.slice(span.start, span.end) is the quoted text,
// accents and emoji included.
//
//   node dist/quotes.js [--server HOST:PORT] [--token TOKEN] \
//       --article FILE [--id ID] --person NAME [--proto_path DIR]...
//
// The types come from `npm run generate` (proto-loader-gen-types); the proto
// itself is loaded at run time from --proto_path (default: the repository's
// proto/ and build/proto/googleapis). Output, one line per quote: the quote's
// resource name, its spans and the text sliced from the article (a JSON string;
// the spans of a quote over several paragraphs are joined by "\n", as in
// Quote.text). Exits 1 when an rpc fails or a slice differs from Quote.text.

import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

import type { ProtoGrpcType } from './generated/quotewire';
import type { GetArticleResponse__Output } from './generated/quotewire/v1/GetArticleResponse';
import type { GetPersonResponse__Output } from './generated/quotewire/v1/GetPersonResponse';
import type { IngestArticleResponse__Output } from './generated/quotewire/v1/IngestArticleResponse';
import type { ListQuotesResponse__Output } from './generated/quotewire/v1/ListQuotesResponse';
import type { Quote__Output } from './generated/quotewire/v1/Quote';
import type { QuoteServiceClient } from './generated/quotewire/v1/QuoteService';

const UNIT = 'OFFSET_UNIT_UTF16';
const REPO = path.join(__dirname, '..', '..', '..', '..');

// The same options as `npm run generate`, so the generated types fit.
const LOADER_OPTIONS: protoLoader.Options = {
  longs: String, enums: String, defaults: true, oneofs: true,
};

// Runs one unary call, started by `start` with a callback, as a promise.
function unary<Response>(start: (done: grpc.requestCallback<Response>) => void): Promise<Response> {
  return new Promise((resolve, reject) => {
    start((error, response) => {
      if (error || response === undefined) {
        reject(error ?? new Error('empty response'));
      } else {
        resolve(response);
      }
    });
  });
}

// Call options of every rpc: a 30 s deadline.
function options(): grpc.CallOptions {
  return { deadline: new Date(Date.now() + 30_000) };
}

async function run(): Promise<number> {
  const { values } = parseArgs({
    options: {
      server: { type: 'string', default: '127.0.0.1:50051' },
      token: { type: 'string', default: process.env.QUOTEWIRE_TOKEN ?? '' },
      article: { type: 'string' },
      id: { type: 'string', default: '' },
      person: { type: 'string' },
      proto_path: { type: 'string', multiple: true },
    },
  });
  if (!values.article || !values.person) {
    console.error('usage: node dist/quotes.js [--server HOST:PORT] [--token TOKEN] ' +
                  '--article FILE [--id ID] --person NAME [--proto_path DIR]...');
    return 2;
  }
  const includeDirs = values.proto_path ??
      [path.join(REPO, 'proto'), path.join(REPO, 'build', 'proto', 'googleapis')];
  const definition = protoLoader.loadSync('quotewire/v1/quotewire.proto',
                                          { ...LOADER_OPTIONS, includeDirs });
  const proto = grpc.loadPackageDefinition(definition) as unknown as ProtoGrpcType;
  const client = new proto.quotewire.v1.QuoteService(
      values.server!, grpc.credentials.createInsecure());
  const metadata = new grpc.Metadata();
  if (values.token) {
    metadata.set('authorization', `Bearer ${values.token}`);
  }

  try {
    // 1. Ingest the article. The response already carries its quotes.
    const text = readFileSync(values.article, 'utf8');
    const ingested = await unary<IngestArticleResponse__Output>((done) => client.IngestArticle(
        { article: { id: values.id, text }, offsetUnit: UNIT }, metadata, options(), done));
    console.log(`ingested ${ingested.article!.name}: ${ingested.quotes.length} quotes`);

    // 2. Look the person up by any name form, then list their quotes.
    const { person } = await unary<GetPersonResponse__Output>((done) => client.GetPerson(
        { name: values.person }, metadata, options(), done));
    const quotes: Quote__Output[] = [];
    let pageToken = '';
    do {
      const page = await unary<ListQuotesResponse__Output>((done) => client.ListQuotes(
          { person: person!.name, pageSize: 100, pageToken, offsetUnit: UNIT },
          metadata, options(), done));
      quotes.push(...page.quotes);
      pageToken = page.nextPageToken;
    } while (pageToken);
    console.log(`person ${person!.name} ${person!.displayName}: ${quotes.length} quotes`);

    // 3. Slice each quote out of its article's text: UTF-16 offsets, JS strings.
    const texts = new Map<string, string>();
    for (const quote of quotes) {
      if (!texts.has(quote.article)) {
        const got = await unary<GetArticleResponse__Output>((done) => client.GetArticle(
            { name: quote.article, offsetUnit: UNIT }, metadata, options(), done));
        texts.set(quote.article, got.article!.text);
      }
      const articleText = texts.get(quote.article)!;
      const sliced = quote.spans.map((span) => articleText.slice(span.start, span.end)).join('\n');
      const ranges = quote.spans.map((span) => `[${span.start},${span.end})`).join('+');
      console.log(`${quote.name} ${ranges} ${JSON.stringify(sliced)}`);
      if (sliced !== quote.text) {
        console.error(`error: ${quote.name}: slice ${JSON.stringify(sliced)} ` +
                      `differs from quote text ${JSON.stringify(quote.text)}`);
        return 1;
      }
    }
    return 0;
  } catch (error) {
    const status = error as grpc.ServiceError;
    console.error(`error: ${grpc.status[status.code] ?? 'ERROR'}: ${status.details ?? status.message}`);
    return 1;
  } finally {
    client.close();
  }
}

run().then((code) => { process.exitCode = code; });
