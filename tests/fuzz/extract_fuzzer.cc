// libFuzzer target for the analysis pipeline (extraction, names, sources,
// topics). Any valid UTF-8 input must be analysed without crashing, and the
// result must keep the model's invariants: spans inside the text, in order,
// not overlapping; quote text equal to its spans joined by "\n"; speaker
// mentions inside the text.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "server/analysis/analyzer.h"
#include "server/core/utf8.h"

namespace {

const quotewire::Analyzer& SharedAnalyzer() {
  static const quotewire::Analyzer* analyzer = [] {
    auto created = quotewire::Analyzer::Create({});
    if (!created.ok()) {
      fprintf(stderr, "%s\n", created.status().ToString().c_str());
      abort();
    }
    return created->release();
  }();
  return *analyzer;
}

void Require(bool condition, const char* what) {
  if (!condition) {
    fprintf(stderr, "invariant violated: %s\n", what);
    abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  if (!quotewire::ValidateUtf8(text, "text").ok()) return 0;
  quotewire::Article article;
  article.text = text;
  const quotewire::AnalyzedArticle result = SharedAnalyzer().Analyze(article);
  const int32_t n = static_cast<int32_t>(text.size());
  for (const quotewire::Quote& quote : result.quotes) {
    Require(!quote.spans.empty(), "quote has spans");
    std::string joined;
    int32_t previous_end = 0;
    for (const quotewire::Span& span : quote.spans) {
      Require(span.start >= previous_end, "spans ordered and disjoint");
      Require(span.start <= span.end && span.end <= n, "span inside text");
      if (!joined.empty() || &span != &quote.spans.front()) joined += "\n";
      joined.append(text, span.start, span.end - span.start);
      previous_end = span.end;
    }
    Require(quote.text == joined, "quote text equals its spans joined by newlines");
    const quotewire::Span& mention = quote.speaker.mention_span;
    Require(mention.start >= 0 && mention.start <= mention.end && mention.end <= n,
            "mention span inside text");
    Require(quote.confidence >= 0 && quote.confidence <= 1, "confidence in [0, 1]");
  }
  return 0;
}
