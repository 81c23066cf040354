// Manual scale check of the store (not a unit test): fills a database with
// synthetic articles and times typical ListQuotes calls.
//
//   store_scale_tool /tmp/scale.db 1000000   # quotes to add (10 per article)
//   store_scale_tool /tmp/scale.db 0         # only time the queries
//   store_scale_tool postgresql://... 100000 # the same on PostgreSQL
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "server/store/open_store.h"
#include "server/store/sqlite_db.h"
#include "server/store/sqlite_store.h"
#include "tests/store/store_test_util.h"

namespace quotewire {
namespace {

std::string Syllables(uint64_t n, int count) {
  static const char* kSyl[] = {"ka", "lo", "mi", "ne", "ru", "sha", "to", "va",
                               "zi", "bo", "de", "fe", "go", "ha",  "ju", "ko"};
  std::string out;
  for (int i = 0; i < count; ++i) {
    out += kSyl[n % 16];
    n /= 16;
  }
  out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

double Ms(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(
             std::chrono::steady_clock::now() - start)
      .count();
}

int Main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: store_scale_tool DB QUOTES\n";
    return 2;
  }
  const std::string path = argv[1];
  const long quotes = std::atol(argv[2]);
  auto store_or = OpenStore(testing_util::Options(path, nullptr));
  if (!store_or.ok()) {
    std::cerr << store_or.status() << "\n";
    return 1;
  }
  Store& store = **store_or;
  const auto& topics = testing_util::RealComponents().topics->taxonomy();
  std::mt19937_64 rng(42);
  const char* publishers[] = {"Reuters",  "BBC News",    "NOS", "Meduza",
                              "Le Monde", "Der Spiegel", "AFP", "Nasha Niva"};
  auto start = std::chrono::steady_clock::now();
  long added = 0;
  int64_t article_n = 0;
  {
    auto conn =
        IsPostgresDb(path)
            ? store_internal::Connection::OpenPostgres(path)
            : store_internal::Connection::Open(path, SQLITE_OPEN_READWRITE,
                                               5000);
    auto n = (*conn)->QueryText("SELECT count(*) FROM articles");
    article_n = std::atoll(n->c_str());
  }
  while (added < quotes) {
    std::vector<testing_util::QuoteSpec> specs;
    for (int i = 0; i < 10; ++i) {
      uint64_t person = rng() % 20000;
      testing_util::QuoteSpec spec;
      spec.text = absl::StrCat("Quote ", article_n, " ", i, " about ",
                               Syllables(rng(), 3), " and ",
                               Syllables(rng(), 2), " said with force.");
      spec.speaker =
          absl::StrCat(Syllables(person / 7, 2), " ", Syllables(person, 4));
      spec.topics.push_back(topics[rng() % topics.size()].id);
      if (rng() % 3 == 0)
        spec.topics.push_back(topics[rng() % topics.size()].id);
      if (rng() % 10 == 0) spec.outlet = "Al Jazeera";
      if (rng() % 20 == 0) spec.quote_kind = QuoteKind::kScare;
      specs.push_back(spec);
    }
    auto article = testing_util::MakeArticle(
        absl::StrCat("art-", article_n), specs,
        absl::FromUnixSeconds(1500000000 + article_n * 600),
        publishers[article_n % 8],
        article_n % 5 == 0 ? std::vector<std::string>{"AFP"}
                           : std::vector<std::string>{},
        article_n % 3 == 0 ? "nl" : "en");
    ++article_n;
    auto r = store.PutArticle(article);
    if (!r.ok()) {
      std::cerr << r.status() << "\n";
      return 1;
    }
    added += 10;
    if (added % 100000 == 0) {
      std::cerr << added << " quotes, " << Ms(start) / added * 1000
                << " us/quote\n";
    }
  }
  if (quotes > 0) {
    std::cout << "ingest: " << added << " quotes in " << Ms(start) / 1000
              << " s\n";
  }

  std::string top_person = "nobody";
  {
    PageOptions one;
    one.page_size = 1;
    auto people = store.ListPeople("", std::nullopt, one);
    if (people.ok() && !people->items.empty()) {
      top_person = people->items[0].display_name;
    }
  }
  struct Case {
    const char* name;
    QuoteFilter filter;
  };
  std::vector<Case> cases;
  cases.push_back({"newest", {}});
  QuoteFilter f;
  f.person = top_person;
  cases.push_back({"person", f});
  f = QuoteFilter();
  f.topic = "elections";
  cases.push_back({"topic", f});
  f = QuoteFilter();
  f.source = "Reuters";
  cases.push_back({"source", f});
  f.source_relation = SourceRelation::kWire;
  f.source = "AFP";
  cases.push_back({"source wire", f});
  f = QuoteFilter();
  f.language = "nl";
  cases.push_back({"language", f});
  f = QuoteFilter();
  f.query = "force";
  cases.push_back({"query common", f});
  f.query = "kalomi";
  cases.push_back({"query rare", f});
  f.order_by_relevance = true;
  cases.push_back({"query rare relevance", f});
  f = QuoteFilter();
  f.topic = "elections";
  f.start_time = absl::FromUnixSeconds(1500000000 + 600 * 1000);
  f.end_time = absl::FromUnixSeconds(1500000000 + 600 * 2000);
  cases.push_back({"topic + time", f});
  f = QuoteFilter();
  f.person = top_person;
  f.topic = "elections";
  cases.push_back({"person + topic", f});
  f = QuoteFilter();
  f.query = "force";
  f.topic = "health";
  cases.push_back({"query common + topic", f});
  f = QuoteFilter();
  f.query = "force";
  f.person = top_person;
  cases.push_back({"person + query common", f});
  f = QuoteFilter();
  f.query = "force";
  f.language = "xx";
  cases.push_back({"query + no language", f});
  f = QuoteFilter();
  f.topic = "health";
  f.source = "Al Jazeera";
  f.source_relation = SourceRelation::kOutlet;
  cases.push_back({"topic + outlet", f});
  f = QuoteFilter();
  f.article = "art-500";
  cases.push_back({"article", f});
  f = QuoteFilter();
  f.include_non_speech = true;
  f.start_time = absl::FromUnixSeconds(1500000000 + 600 * 50000);
  cases.push_back({"all kinds, since", f});
  {
    // What a cache check costs per request (WriteGeneration()).
    auto t = std::chrono::steady_clock::now();
    constexpr int kReads = 1000;
    for (int i = 0; i < kReads; ++i) (void)store.WriteGeneration();
    std::printf("WriteGeneration: %8.4f ms\n", Ms(t) / kReads);
  }
  for (const Case& c : cases) {
    PageOptions page;
    page.page_size = 50;
    for (int p = 0; p < 3; ++p) {
      auto t = std::chrono::steady_clock::now();
      auto r = store.ListQuotes(c.filter, page);
      double ms = Ms(t);
      if (!r.ok()) {
        std::cerr << c.name << ": " << r.status() << "\n";
        break;
      }
      std::printf("%-22s page %d: %3zu items %8.2f ms\n", c.name, p + 1,
                  r->items.size(), ms);
      if (r->next_page_token.empty()) break;
      page.page_token = r->next_page_token;
    }
  }
  auto t = std::chrono::steady_clock::now();
  auto people = store.ListPeople("", std::nullopt, PageOptions());
  std::printf("ListPeople: %8.2f ms (%s)\n", Ms(t),
              people.status().ToString().c_str());
  t = std::chrono::steady_clock::now();
  auto sources = store.ListSources("", PageOptions());
  std::printf("ListSources: %8.2f ms\n", Ms(t));
  t = std::chrono::steady_clock::now();
  auto topic_list = store.ListTopics(PageOptions());
  std::printf("ListTopics: %8.2f ms\n", Ms(t));
  t = std::chrono::steady_clock::now();
  auto person = store.GetPerson("Kakakaka");
  std::printf("GetPerson: %8.2f ms (%s)\n", Ms(t),
              person.status().ToString().c_str());
  t = std::chrono::steady_clock::now();
  auto put = store.PutArticle(
      testing_util::MakeArticle("art-0", {{"Replaced.", "Kalo Kakakaka"}},
                                absl::FromUnixSeconds(1500000000)));
  std::printf("PutArticle (replace): %8.2f ms\n", Ms(t));
  return 0;
}

}  // namespace
}  // namespace quotewire

int main(int argc, char** argv) { return quotewire::Main(argc, argv); }
