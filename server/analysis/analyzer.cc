#include "server/analysis/analyzer.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "server/analysis/speaker_names.h"
#include "server/core/status_macros.h"
#include "server/extract/extractor.h"
#include "server/people/name_analyzer.h"
#include "server/sources/source_catalog.h"
#include "server/topics/topic_tagger.h"

namespace quotewire {
namespace {

// Topic context: the reporting sentence around a quote's first span, at
// most this many bytes on each side.
constexpr size_t kContextBytes = 300;

// The topic loop asks whether to go on after this many quotes.
constexpr size_t kQuotesBetweenChecks = 256;

bool IsContinuationByte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// True iff a sentence ends just before byte `i` of `text`: ".", "!" or "?"
// followed by whitespace, or a line break.
bool SentenceBreakBefore(const std::string& text, size_t i) {
  if (i == 0) return true;
  char prev = text[i - 1];
  if (prev == '\n') return true;
  if (i >= 2 && (prev == ' ' || prev == '\t')) {
    char p2 = text[i - 2];
    return p2 == '.' || p2 == '!' || p2 == '?';
  }
  return false;
}

// The text of the sentence around `span`, without the span itself: from the
// sentence start to the span, and from the span to the sentence end, each
// capped at kContextBytes and cut at character boundaries.
std::string ContextAround(const std::string& text, const Span& span) {
  if (span.start < 0 || span.end > static_cast<int32_t>(text.size()) ||
      span.start > span.end) {
    return std::string();
  }
  const size_t start = static_cast<size_t>(span.start);
  const size_t end = static_cast<size_t>(span.end);
  const size_t floor = start > kContextBytes ? start - kContextBytes : 0;
  size_t left = start;
  while (left > floor && !SentenceBreakBefore(text, left)) --left;
  while (left < start && IsContinuationByte(text[left])) ++left;
  const size_t ceiling = std::min(text.size(), end + kContextBytes);
  size_t right = end;
  while (right < ceiling) {
    char c = text[right];
    if (c == '\n') break;
    ++right;
    if ((c == '.' || c == '!' || c == '?') &&
        (right == text.size() || text[right] == ' ' || text[right] == '\n')) {
      break;
    }
  }
  while (right > end && right < text.size() &&
         IsContinuationByte(text[right])) {
    --right;
  }
  std::string context = text.substr(left, start - left);
  context.push_back(' ');
  context.append(text, end, right - end);
  return context;
}

}  // namespace

absl::StatusOr<std::unique_ptr<Analyzer>> Analyzer::Create(
    const AnalyzerOptions& options) {
  std::unique_ptr<Analyzer> analyzer(new Analyzer());
  ExtractorOptions extractor_options;
  extractor_options.data_dir = options.data_dir;
  extractor_options.load_all_dictionaries = options.load_all_dictionaries;
  QW_ASSIGN_OR_RETURN(analyzer->extractor_,
                      Extractor::Create(extractor_options));
  QW_ASSIGN_OR_RETURN(analyzer->names_, NameAnalyzer::Create(options.data_dir));
  QW_ASSIGN_OR_RETURN(analyzer->sources_,
                      SourceCatalog::Create(options.data_dir));
  const std::string topics_file = options.topics_file.empty()
                                      ? options.data_dir + "/topics.tsv"
                                      : options.topics_file;
  QW_ASSIGN_OR_RETURN(analyzer->topics_, TopicTagger::Create(topics_file));
  return analyzer;
}

Analyzer::~Analyzer() = default;

AnalyzedArticle Analyzer::Analyze(const Article& article) const {
  return *Analyze(article, AnalyzeOptions());
}

absl::StatusOr<AnalyzedArticle> Analyzer::Analyze(
    const Article& article, const AnalyzeOptions& options) const {
  auto go_on = [&options]() -> absl::Status {
    if (options.deadline != absl::InfiniteFuture() &&
        absl::Now() >= options.deadline) {
      return absl::DeadlineExceededError(
          "analysis stopped: past the call's deadline");
    }
    if (options.cancelled && options.cancelled()) {
      return absl::CancelledError("analysis stopped: the call was cancelled");
    }
    return absl::OkStatus();
  };
  QW_RETURN_IF_ERROR(go_on());
  AnalyzedArticle out;
  out.article = article;
  Extraction extraction = extractor_->Extract(article);
  if (!extraction.language.empty()) out.article.language = extraction.language;
  out.quotes = std::move(extraction.quotes);
  QW_RETURN_IF_ERROR(go_on());

  CanonicalizeSpeakerNames(*names_, &out.quotes);

  for (size_t i = 0; i < out.quotes.size(); ++i) {
    if (i % kQuotesBetweenChecks == kQuotesBetweenChecks - 1) {
      QW_RETURN_IF_ERROR(go_on());
    }
    Quote& quote = out.quotes[i];
    if (quote.language.empty()) quote.language = out.article.language;
    std::string context = quote.spans.empty()
                              ? std::string()
                              : ContextAround(article.text, quote.spans[0]);
    quote.topics = topics_->Tag(quote.text, context, quote.language);
  }

  QW_RETURN_IF_ERROR(go_on());
  // Wire credits of the title, then the text.
  absl::flat_hash_set<std::string> seen;
  for (const std::string* part : {&article.title, &article.text}) {
    for (std::string& credit : sources_->FindWireCredits(*part)) {
      if (seen.insert(credit).second)
        out.wire_credits.push_back(std::move(credit));
    }
  }
  return out;
}

}  // namespace quotewire
