// Query latency of the store as the archive grows.
//
// Fills a store (a SQLite file in WAL mode, as the server runs it, or with
// --db=postgresql://... an empty PostgreSQL database) with the synthetic corpus up to each size in --sizes, and after each fill measures
// ListQuotes latency (p50/p99 over --queries calls; pre-encoded pages where
// the store serves the filter from them, as the server does) by person,
// topic, source, topic+source, person+topic+source, a deep page (following
// page tokens), free text, and free text + source, with the mean CPU time
// per call, plus the store-only ingest rate and the process's peak memory.
// To measure a kept store without filling it, resume it at its size
// (--resume_articles, --resume_quotes, --sizes=<its quotes>).
//
//   build/bench/store_bench --sizes=10000,100000,1000000
//   build/bench/store_bench --sizes=100000 --db='postgresql://...'
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "bench/synthetic_corpus.h"
#include "server/analysis/analyzer.h"
#include "server/service/proto_conversion.h"
#include "server/store/open_store.h"
#include "server/store/sqlite_store.h"

ABSL_FLAG(std::string, sizes, "10000,100000,1000000",
          "Corpus sizes in quotes at which to measure, ascending");
ABSL_FLAG(int, queries, 300, "Calls per measured query kind");
ABSL_FLAG(int, page_size, 50, "Page size of the measured listings");
ABSL_FLAG(std::string, db, "",
          "Store file (default: a temporary file, removed at exit), or a "
          "PostgreSQL URI naming an empty database (kept at exit)");
ABSL_FLAG(bool, keep_db, false, "Keep the store file at exit (for the gRPC load test)");
ABSL_FLAG(int64_t, resume_articles, 0,
          "Continue filling a store kept by an earlier run that stopped after "
          "this many articles (for profiling ingest at scale); --sizes are then "
          "totals including the stored quotes, given by --resume_quotes");
ABSL_FLAG(int64_t, resume_quotes, 0, "Quotes of the resumed store");
ABSL_FLAG(int, wal_autocheckpoint_pages,
          quotewire::SqliteStoreOptions().wal_autocheckpoint_pages,
          "SqliteStoreOptions::wal_autocheckpoint_pages");
ABSL_FLAG(int, batch, 1,
          "Articles per write: 1 uses PutArticle (one commit each), more uses "
          "PutArticles (one commit per batch)");
ABSL_FLAG(int, writers, 1,
          "PostgreSQL: stores opened on the database, each writing its share "
          "of the articles from a thread of its own (as that many servers "
          "would); the ingest rate is theirs together");
ABSL_FLAG(bool, listings, true,
          "Keep the pre-encoded quotes ListQuotes pages are served from, as "
          "the server does by default");
ABSL_FLAG(bool, word_bands, false,
          "After each size, also measure free text and free text + source "
          "by how often the words occur (a table of its own): few (~0.01 % "
          "of the quotes), mid (~0.2 %), band (0.4-1 %) and the common words "
          "of the main table (2-20 %)");
ABSL_FLAG(int, writer_cache_mib, quotewire::SqliteStoreOptions().writer_cache_mib,
          "SqliteStoreOptions::writer_cache_mib");
ABSL_FLAG(int, reader_cache_mib, quotewire::SqliteStoreOptions().reader_cache_mib,
          "SqliteStoreOptions::reader_cache_mib");
ABSL_FLAG(int, listing_cache_mib, quotewire::SqliteStoreOptions().listing_cache_mib,
          "SqliteStoreOptions::listing_cache_mib");

namespace quotewire::bench {
namespace {

struct Latency {
  double p50_ms = 0, p99_ms = 0;
  double cpu_us = 0;  // mean CPU time of this thread per call
};

double ThreadCpuMicros() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

Latency Measure(int n, const std::function<void(int)>& call) {
  std::vector<double> ms;
  ms.reserve(n);
  const double cpu_start = ThreadCpuMicros();
  for (int i = 0; i < n; ++i) {
    const absl::Time start = absl::Now();
    call(i);
    ms.push_back(absl::ToDoubleMilliseconds(absl::Now() - start));
  }
  const double cpu_us = (ThreadCpuMicros() - cpu_start) / n;
  std::sort(ms.begin(), ms.end());
  return {ms[ms.size() / 2], ms[std::min(ms.size() - 1, ms.size() * 99 / 100)],
          cpu_us};
}

// CPU seconds (user + system) used by this process so far: on a shared
// machine the wall-clock ingest rate depends on the neighbours, CPU time per
// article much less.
double CpuSeconds() {
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

long PeakRssMb() {
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

void Check(const absl::Status& status, const char* what) {
  if (!status.ok()) {
    fprintf(stderr, "%s: %s\n", what, status.ToString().c_str());
    exit(1);
  }
}

int Run() {
  std::vector<int64_t> sizes;
  for (absl::string_view s : absl::StrSplit(absl::GetFlag(FLAGS_sizes), ',')) {
    sizes.push_back(std::stoll(std::string(s)));
  }
  const int queries = absl::GetFlag(FLAGS_queries);
  std::string db = absl::GetFlag(FLAGS_db);
  if (db.empty()) {
    db = (std::filesystem::temp_directory_path() /
          ("quotewire-store-bench-" + std::to_string(getpid()) + ".db"))
             .string();
  }
  const int64_t resume_articles = absl::GetFlag(FLAGS_resume_articles);
  const bool postgres = IsPostgresDb(db);
  if (resume_articles == 0 && !postgres) std::filesystem::remove(db);

  auto analyzer = Analyzer::Create({});
  Check(analyzer.status(), "Analyzer::Create");
  SqliteStoreOptions options;
  options.path = db;
  options.names = &(*analyzer)->names();
  options.sources = &(*analyzer)->sources();
  options.topics = &(*analyzer)->topics();
  options.writer_cache_mib = absl::GetFlag(FLAGS_writer_cache_mib);
  options.reader_cache_mib = absl::GetFlag(FLAGS_reader_cache_mib);
  options.listing_cache_mib = absl::GetFlag(FLAGS_listing_cache_mib);
  options.wal_autocheckpoint_pages = absl::GetFlag(FLAGS_wal_autocheckpoint_pages);
  // The server's encoding, so that a store filled here serves it at once.
  const ListingEncoder encoder;
  if (absl::GetFlag(FLAGS_listings)) options.encoder = &encoder;
  auto store_or = OpenStore(options);
  Check(store_or.status(), "OpenStore");
  Store& store = **store_or;

  // More writers (--writers): stores of their own on the same database.
  std::vector<std::unique_ptr<Store>> writers;
  for (int i = 1; postgres && i < absl::GetFlag(FLAGS_writers); ++i) {
    auto writer = OpenStore(options);
    Check(writer.status(), "OpenStore (writer)");
    writers.push_back(*std::move(writer));
  }

  SyntheticCorpus corpus;
  int64_t articles = resume_articles;
  int64_t quotes = resume_articles > 0 ? absl::GetFlag(FLAGS_resume_quotes) : 0;
  const char* store_name = postgres ? "PostgreSQL" : "SQLite";
  printf("| store | quotes | articles | ingest articles/s (store only) | ingest CPU ms/article | "
         "by person p50/p99 ms (CPU us/call) | by topic | by source | "
         "topic+source | person+topic+source | 20 pages (tokens) | free text | "
         "free text+source | peak RSS MB |\n"
         "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
  for (int64_t target : sizes) {
    const absl::Time fill_start = absl::Now();
    const double cpu_start = CpuSeconds();
    int64_t filled = 0;
    const int batch = std::max(1, absl::GetFlag(FLAGS_batch));
    std::vector<AnalyzedArticle> pending;
    if (!writers.empty()) {
      // The articles up to the target first, then each writer its share.
      std::vector<AnalyzedArticle> all;
      while (quotes < target) {
        all.push_back(corpus.MakeAnalyzed(articles++));
        quotes += static_cast<int64_t>(all.back().quotes.size());
      }
      filled = static_cast<int64_t>(all.size());
      std::vector<Store*> stores = {&store};
      for (auto& w : writers) stores.push_back(w.get());
      const absl::Time start = absl::Now();
      std::vector<std::thread> threads;
      for (size_t t = 0; t < stores.size(); ++t) {
        threads.emplace_back([&, t] {
          std::vector<AnalyzedArticle> mine;
          for (size_t i = t; i < all.size(); i += stores.size()) {
            mine.push_back(all[i]);
            if (static_cast<int>(mine.size()) == batch || i + stores.size() >= all.size()) {
              auto results = stores[t]->PutArticles(mine);
              Check(results.status(), "PutArticles");
              for (const auto& r : *results) Check(r.status(), "PutArticles item");
              mine.clear();
            }
          }
        });
      }
      for (std::thread& thread : threads) thread.join();
      fprintf(stderr, "%zu writers: %lld articles in %.2f s\n", stores.size(),
              static_cast<long long>(filled),
              absl::ToDoubleSeconds(absl::Now() - start));
    }
    while (quotes < target) {
      AnalyzedArticle a = corpus.MakeAnalyzed(articles++);
      quotes += static_cast<int64_t>(a.quotes.size());
      ++filled;
      if (batch == 1) {
        Check(store.PutArticle(a).status(), "PutArticle");
        continue;
      }
      pending.push_back(std::move(a));
      if (static_cast<int>(pending.size()) == batch || quotes >= target) {
        auto results = store.PutArticles(pending);
        Check(results.status(), "PutArticles");
        for (const auto& r : *results) Check(r.status(), "PutArticles item");
        pending.clear();
      }
    }
    const double ingest_rate =
        filled / std::max(1e-9, absl::ToDoubleSeconds(absl::Now() - fill_start));
    const double ingest_cpu_ms =
        1e3 * (CpuSeconds() - cpu_start) / std::max<int64_t>(1, filled);

    auto list = [&](QuoteFilter f, int pages = 1) {
      PageOptions page;
      page.page_size = absl::GetFlag(FLAGS_page_size);
      for (int p = 0; p < pages; ++p) {
        // What the server answers with: the pre-encoded quotes when the
        // store serves the filter from them.
        auto encoded = store.ListEncodedQuotes(f, page);
        Check(encoded.status(), "ListEncodedQuotes");
        std::string token;
        if (encoded->has_value()) {
          token = (*encoded)->next_page_token;
        } else {
          auto result = store.ListQuotes(f, page);
          Check(result.status(), "ListQuotes");
          token = result->next_page_token;
        }
        if (token.empty()) break;
        page.page_token = token;
      }
    };
    const Latency by_person = Measure(queries, [&](int i) {
      QuoteFilter f;
      f.person = corpus.PersonName(i * 13);
      list(f);
    });
    const Latency by_topic = Measure(queries, [&](int i) {
      QuoteFilter f;
      f.topic = corpus.TopicId(i);
      list(f);
    });
    const Latency by_source = Measure(queries, [&](int i) {
      QuoteFilter f;
      f.source = corpus.OutletName(i * 7);
      list(f);
    });
    const Latency combined = Measure(queries, [&](int i) {
      QuoteFilter f;
      f.person = corpus.PersonName(i * 13);
      f.topic = corpus.TopicId(i);
      f.source = corpus.OutletName(i * 7);
      list(f);
    });
    const Latency topic_source = Measure(queries, [&](int i) {
      QuoteFilter f;
      f.topic = corpus.TopicId(i);
      f.source = corpus.OutletName(i * 7);
      list(f);
    });
    const Latency deep = Measure(std::max(1, queries / 10), [&](int i) {
      QuoteFilter f;
      f.topic = corpus.TopicId(i);
      list(f, 20);
    });
    const Latency text = Measure(queries, [&](int i) {
      QuoteFilter f;
      f.query = corpus.QueryWord(i);
      list(f);
    });
    const Latency text_source = Measure(queries, [&](int i) {
      QuoteFilter f;
      f.query = corpus.QueryWord(i);
      f.source = corpus.OutletName(i * 7);
      list(f);
    });
    auto cell = [](const Latency& l) {
      char buf[64];
      snprintf(buf, sizeof buf, "%.2f / %.2f (%.0f)", l.p50_ms, l.p99_ms,
               l.cpu_us);
      return std::string(buf);
    };
    // Words of the synthetic corpus by share of the quotes (at 100 k and
    // 1 M alike: the copies keep the shares; bench/pg_rum_fit.sql counts).
    std::string bands;
    if (absl::GetFlag(FLAGS_word_bands)) {
      static const std::vector<std::vector<std::string>> kBands = {
          {"karayevskiaaa", "garciaskiaaa", "haddadiceee", "popovskie",
           "olevichera", "vriesskiooo"},
          {"gefangen", "troupes", "negotiation"},
          {"politische", "strafmassnahmen", "gevangen", "oleg", "pieter"},
          {}};
      for (bool with_source : {false, true}) {
        for (const std::vector<std::string>& words : kBands) {
          const Latency l = Measure(queries, [&](int i) {
            QuoteFilter f;
            f.query = words.empty() ? corpus.QueryWord(i)
                                    : words[static_cast<size_t>(i) % words.size()];
            if (with_source) f.source = corpus.OutletName(i * 7);
            list(f);
          });
          absl::StrAppend(&bands, " | ", cell(l));
        }
      }
    }
    // A resumed store measured without filling has no ingest figures.
    char ingest[64] = "not filled here | ";
    if (filled > 0) snprintf(ingest, sizeof ingest, "%.0f | %.2f", ingest_rate, ingest_cpu_ms);
    printf("| %s | %lld | %lld | %s | %s | %s | %s | %s | %s | %s | %s | %s | %ld |\n",
           store_name, static_cast<long long>(quotes),
           static_cast<long long>(articles), ingest,
           cell(by_person).c_str(), cell(by_topic).c_str(), cell(by_source).c_str(),
           cell(topic_source).c_str(), cell(combined).c_str(), cell(deep).c_str(),
           cell(text).c_str(), cell(text_source).c_str(), PeakRssMb());
    if (!bands.empty()) {
      printf("\n| store | quotes | free text: few | mid | band | common | "
             "free text + source: few | mid | band | common |\n"
             "|---|---|---|---|---|---|---|---|---|---|\n| %s | %lld%s |\n\n",
             store_name, static_cast<long long>(quotes), bands.c_str());
    }
    fflush(stdout);
  }
  store_or->reset();
  if (postgres) {
    // The database belongs to whoever named it.
  } else if (!absl::GetFlag(FLAGS_keep_db)) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db + suffix);
  } else {
    fprintf(stderr, "store kept at %s\n", db.c_str());
  }
  return 0;
}

}  // namespace
}  // namespace quotewire::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  return quotewire::bench::Run();
}
