// Throughput of the extraction pipeline, single thread: the Extractor alone
// and the whole Analyzer (extraction, names, sources, topics), on the seed
// articles, the development sets and the synthetic corpus; and the sieve's
// stages (BM_Stages/CORPUS/N_STAGE runs stages 1..N, so that a stage costs the
// difference between its row and the one before); and the cost per MB of the
// whole analysis (what ExtractQuotes does) as one article grows from 8 KB to
// 2 MiB (BM_AnalyzeSize/KIND/SIZE): real news (seed and development articles
// concatenated) and repetitive text (one short attributed sentence repeated),
// which shows any cost that grows faster than the article. BM_DictionaryLoad/
// LANG loads the spell-checker dictionaries of one language (the rows of
// data/extract/dictionaries.tsv for it; `all`: every row), with the heap
// memory they keep; BM_ExtractorCreate creates an Extractor once the
// process has loaded the dictionaries (Dictionary::LoadShared).
//
//   build/bench/extract_bench --benchmark_counters_tabular=true
#include <malloc.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "benchmark/benchmark.h"
#include "bench/bench_articles.h"
#include "bench/synthetic_corpus.h"
#include "server/analysis/analyzer.h"
#include "server/extract/dictionary.h"
#include "server/extract/extractor.h"
#include "server/extract/lexicon.h"
#include "server/extract/pipeline.h"
#include "server/extract/speaker_scorer.h"

namespace quotewire::bench {
namespace {

const std::vector<Article>& Corpus(const std::string& name) {
  static const auto* corpora = [] {
    auto* m = new std::map<std::string, std::vector<Article>>();
    auto add = [&](const std::string& key, const std::vector<std::string>& texts) {
      for (const std::string& t : texts) {
        Article article;
        article.text = t;
        (*m)[key].push_back(std::move(article));
      }
    };
    add("seeds", LoadSeedTexts(QUOTEWIRE_SHARED_DIR));
    add("polnear", LoadJsonlTexts(std::string(QUOTEWIRE_SHARED_DIR) + "/eval/polnear-dev.jsonl"));
    add("wikinews", LoadJsonlTexts(std::string(QUOTEWIRE_SHARED_DIR) + "/eval/de-wikinews-dev.jsonl"));
    SyntheticCorpus synthetic;
    for (int i = 0; i < 500; ++i) (*m)["synthetic"].push_back(synthetic.MakeArticle(i));
    return m;
  }();
  static const std::vector<Article> kEmpty;
  auto it = corpora->find(name);
  return it == corpora->end() ? kEmpty : it->second;
}

const Extractor& SharedExtractor() {
  static const Extractor* extractor = [] {
    auto created = Extractor::Create({});
    if (!created.ok()) {
      fprintf(stderr, "Extractor::Create: %s\n", created.status().ToString().c_str());
      abort();
    }
    return created->release();
  }();
  return *extractor;
}

const Analyzer& SharedAnalyzer() {
  static const Analyzer* analyzer = [] {
    auto created = Analyzer::Create({});
    if (!created.ok()) {
      fprintf(stderr, "Analyzer::Create: %s\n", created.status().ToString().c_str());
      abort();
    }
    return created->release();
  }();
  return *analyzer;
}

template <typename Fn>
void RunOver(benchmark::State& state, const std::string& corpus, Fn fn) {
  const std::vector<Article>& articles = Corpus(corpus);
  if (articles.empty()) {
    state.SkipWithError(("corpus not found: " + corpus).c_str());
    return;
  }
  int64_t bytes = 0, quotes = 0;
  size_t i = 0;
  for (auto _ : state) {
    const Article& article = articles[i++ % articles.size()];
    quotes += fn(article);
    bytes += static_cast<int64_t>(article.text.size());
  }
  state.SetBytesProcessed(bytes);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.counters["quotes/article"] =
      benchmark::Counter(static_cast<double>(quotes) / std::max<int64_t>(1, state.iterations()));
}

void BM_Extract(benchmark::State& state, const std::string& corpus) {
  const Extractor& extractor = SharedExtractor();
  RunOver(state, corpus, [&](const Article& a) {
    Extraction e = extractor.Extract(a);
    benchmark::DoNotOptimize(e);
    return static_cast<int64_t>(e.quotes.size());
  });
}

void BM_Analyze(benchmark::State& state, const std::string& corpus) {
  const Analyzer& analyzer = SharedAnalyzer();
  RunOver(state, corpus, [&](const Article& a) {
    AnalyzedArticle e = analyzer.Analyze(a);
    benchmark::DoNotOptimize(e);
    return static_cast<int64_t>(e.quotes.size());
  });
}

const extract::Lexicon& SharedLexicon() {
  static const extract::Lexicon* lexicon = [] {
    auto loaded = extract::Lexicon::Load(ExtractorOptions().data_dir + "/extract");
    if (!loaded.ok()) {
      fprintf(stderr, "Lexicon::Load: %s\n", loaded.status().ToString().c_str());
      abort();
    }
    return loaded->release();
  }();
  return *lexicon;
}

// data/extract/`file`, loaded once.
const extract::SpeakerModel* LoadModel(const std::string& file) {
  auto loaded = extract::SpeakerModel::Load(ExtractorOptions().data_dir + "/extract/" + file);
  if (!loaded.ok()) {
    fprintf(stderr, "SpeakerModel::Load: %s\n", loaded.status().ToString().c_str());
    abort();
  }
  return loaded->release();
}

const extract::SpeakerModel& SharedSpeakerModel() {
  static const extract::SpeakerModel* model = LoadModel("speaker_model.txt");
  return *model;
}

const extract::SpeakerModel& SharedQuoteKindModel() {
  static const extract::SpeakerModel* model = LoadModel("quote_kind_model.txt");
  return *model;
}

void BM_Stages(benchmark::State& state, const std::string& corpus, extract::Stage last) {
  const extract::Lexicon& lexicon = SharedLexicon();
  const extract::SpeakerModel& model = SharedSpeakerModel();
  const extract::SpeakerModel& kind_model = SharedQuoteKindModel();
  extract::Document doc;
  std::vector<extract::QuoteUnit> units;
  RunOver(state, corpus, [&](const Article& a) {
    extract::RunStages(lexicon, a, last, &doc, &units, &model, &kind_model);
    benchmark::DoNotOptimize(doc);
    return static_cast<int64_t>(units.size());
  });
}

// BM_Stages/polnear/1_paragraphs ... BM_Stages/wikinews/7_attribution.
const bool kStagesRegistered = [] {
  for (const char* corpus : {"polnear", "wikinews"}) {
    int n = 0;
    for (extract::Stage stage : extract::kStages) {
      const std::string name = "BM_Stages/" + std::string(corpus) + "/" +
                               std::to_string(++n) + "_" +
                               std::string(extract::StageName(stage));
      benchmark::RegisterBenchmark(name.c_str(), BM_Stages, std::string(corpus), stage);
    }
  }
  return true;
}();

// Article texts of about `bytes` bytes (cut at a line end or a space).
std::string RealText(size_t bytes) {
  std::vector<std::string> texts = LoadSeedTexts(QUOTEWIRE_SHARED_DIR);
  for (const char* set : {"/eval/polnear-dev.jsonl", "/eval/de-wikinews-dev.jsonl"}) {
    for (std::string& t : LoadJsonlTexts(std::string(QUOTEWIRE_SHARED_DIR) + set)) {
      texts.push_back(std::move(t));
    }
  }
  std::string out;
  if (texts.empty()) return out;
  for (size_t i = 0; out.size() < bytes; ++i) {
    out += texts[i % texts.size()];
    out += "\n\n";
  }
  size_t cut = out.rfind('\n', bytes);
  if (cut == std::string::npos || cut < bytes / 2) cut = out.rfind(' ', bytes);
  out.resize(cut);
  return out;
}

// `unit` repeated up to `bytes` bytes.
std::string Repeat(const std::string& unit, size_t bytes) {
  std::string out;
  out.reserve(bytes + unit.size());
  while (out.size() + unit.size() <= bytes) out += unit;
  return out;
}

// The size kinds: the same sentence with one speaker; a description and a
// pronoun after a named speaker; many people sharing a surname; one
// sentence of quoted titles and scare quotes without end (every clause
// scan before and after a quote stays within its neighbours); one sentence
// of distinct quoted phrases left to the speaker scorer, closed by a source
// (each quote's candidates come from a window of tokens around it).
std::string SizedText(const std::string& kind, size_t bytes) {
  if (kind == "real") return RealText(bytes);
  if (kind == "repeat_name") return Repeat("\"Yes,\" said Ana Lima. ", bytes);
  if (kind == "one_sentence_titles") {
    return Repeat("she spoke of \"Hope\" and ", bytes);
  }
  if (kind == "one_sentence_phrases") {
    const std::string end = " the end, according to Ana Lima.";
    std::string out;
    for (int i = 0;; ++i) {
      const std::string unit = "the plan of \"hope" + std::to_string(i) + "\" and ";
      if (out.size() + unit.size() + end.size() > bytes) break;
      out += unit;
    }
    return out + end;
  }
  if (kind == "repeat_description") {
    return Repeat(
        "Interior Minister Ana Lima spoke on Monday. \"We will act,\" the "
        "minister said. \"Soon,\" she added.\n\n",
        bytes);
  }
  if (kind == "repeat_surname") {
    // Distinct given names, one surname: "Ana0 Lima", "Ana1 Lima", ...
    std::string out;
    static const char* const kGiven[] = {"Ana", "Maria", "Paulo", "Joana", "Rui",
                                         "Pedro", "Ines", "Tiago"};
    for (int i = 0; out.size() < bytes; ++i) {
      out += "\"Yes,\" said " + std::string(kGiven[i % 8]) + " Lima. \"No,\" said Lima. ";
    }
    return out;
  }
  return std::string();
}

void BM_AnalyzeSize(benchmark::State& state, const std::string& kind, size_t bytes) {
  const Analyzer& analyzer = SharedAnalyzer();
  Article article;
  article.text = SizedText(kind, bytes);
  article.language = "en";
  if (article.text.empty()) {
    state.SkipWithError("no articles under QUOTEWIRE_SHARED_DIR");
    return;
  }
  int64_t quotes = 0;
  for (auto _ : state) {
    AnalyzedArticle e = analyzer.Analyze(article);
    quotes = static_cast<int64_t>(e.quotes.size());
    benchmark::DoNotOptimize(e);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(article.text.size()));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.counters["quotes/article"] = benchmark::Counter(static_cast<double>(quotes));
}

// BM_AnalyzeSize/real/8KB ... BM_AnalyzeSize/one_sentence_titles/2048KB.
const bool kSizesRegistered = [] {
  for (const char* kind : {"real", "repeat_name", "repeat_description",
                           "repeat_surname", "one_sentence_titles",
                           "one_sentence_phrases"}) {
    for (size_t kb : {8, 64, 512, 1024, 2048}) {
      const std::string name = "BM_AnalyzeSize/" + std::string(kind) + "/" +
                               std::to_string(kb) + "KB";
      benchmark::RegisterBenchmark(name.c_str(), BM_AnalyzeSize, std::string(kind), kb << 10)
          ->Unit(benchmark::kMillisecond);
    }
  }
  return true;
}();

void BM_DictionaryLoad(benchmark::State& state, const std::string& lang) {
  const std::string dir = ExtractorOptions().data_dir + "/extract";
  const std::string list = "/tmp/quotewire-bench-dictionaries-" + lang + ".tsv";
  {
    std::ifstream in(dir + "/dictionaries.tsv");
    std::ofstream out(list);
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty() && line[0] != '#' &&
          (lang == "all" || line.rfind(lang + "\t", 0) == 0)) {
        out << line << "\n";
      }
    }
  }
  const extract::LanguageBits nouns = 1u << extract::kGerman;
  // The noun inflection of endings.tsv, as the extractor loads it.
  auto lex = extract::Lexicon::Load(dir);
  const extract::NounInflection inflection =
      lex.ok() ? (*lex)->NounForms() : extract::NounInflection();
  // The heap the loaded dictionary keeps.
  const auto heap = [] {
    const struct mallinfo2 m = mallinfo2();
    return m.uordblks + m.hblkhd;  // small blocks and mmapped ones
  };
  const size_t before = heap();
  auto kept = extract::Dictionary::Load(list, dir, nouns, inflection);
  if (kept.ok()) (*kept)->LoadAll();
  const size_t after = heap();
  if (!kept.ok()) {
    state.SkipWithError(std::string(kept.status().message()).c_str());
    return;
  }
  for (auto _ : state) {
    auto dict = extract::Dictionary::Load(list, dir, nouns, inflection);
    if (dict.ok()) (*dict)->LoadAll();
    benchmark::DoNotOptimize(dict);
  }
  size_t words = 0;
  for (int i = 0; i < extract::kNumLanguages; ++i) words += (*kept)->Size(i);
  state.counters["words"] = benchmark::Counter(static_cast<double>(words));
  state.counters["heap_MB"] =
      benchmark::Counter(static_cast<double>(after - before) / 1e6);
  std::remove(list.c_str());
}

const bool kDictionariesRegistered = [] {
  for (const char* lang : {"de", "en", "nl", "fr", "es", "it", "pt", "ru", "cs", "pl", "all"}) {
    benchmark::RegisterBenchmark(("BM_DictionaryLoad/" + std::string(lang)).c_str(),
                                 BM_DictionaryLoad, std::string(lang))
        ->Unit(benchmark::kMillisecond)
        ->Iterations(3);
  }
  return true;
}();

void BM_ExtractorCreate(benchmark::State& state) {
  SharedExtractor();  // the dictionaries are loaded (once per process)
  for (auto _ : state) {
    auto created = Extractor::Create({});
    benchmark::DoNotOptimize(created);
  }
}
BENCHMARK(BM_ExtractorCreate)->Unit(benchmark::kMillisecond);

BENCHMARK_CAPTURE(BM_Extract, seeds, std::string("seeds"));
BENCHMARK_CAPTURE(BM_Extract, polnear, std::string("polnear"));
BENCHMARK_CAPTURE(BM_Extract, wikinews, std::string("wikinews"));
BENCHMARK_CAPTURE(BM_Extract, synthetic, std::string("synthetic"));
BENCHMARK_CAPTURE(BM_Analyze, seeds, std::string("seeds"));
BENCHMARK_CAPTURE(BM_Analyze, polnear, std::string("polnear"));
BENCHMARK_CAPTURE(BM_Analyze, wikinews, std::string("wikinews"));
BENCHMARK_CAPTURE(BM_Analyze, synthetic, std::string("synthetic"));

}  // namespace
}  // namespace quotewire::bench

BENCHMARK_MAIN();
