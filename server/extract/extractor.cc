// The Extractor implementation: runs the stages of the sieve in order
// (pipeline.h) and turns the quote units into Quotes.
#include "server/extract/extractor.h"

#include <utility>

#include "server/core/status_macros.h"
#include "server/extract/attribution.h"
#include "server/extract/dictionary.h"
#include "server/extract/document.h"
#include "server/extract/language_detector.h"
#include "server/extract/lexicon.h"
#include "server/extract/mentions.h"
#include "server/extract/pipeline.h"
#include "server/extract/quote_classifier.h"
#include "server/extract/quote_pairing.h"
#include "server/extract/speaker_scorer.h"
#include "server/extract/text_scan.h"

namespace quotewire {
namespace {

class SieveExtractor : public Extractor {
 public:
  SieveExtractor(std::unique_ptr<extract::Lexicon> lex,
                 std::unique_ptr<extract::SpeakerModel> model,
                 std::unique_ptr<extract::SpeakerModel> kind_model)
      : lex_(std::move(lex)),
        model_(std::move(model)),
        kind_model_(std::move(kind_model)) {}

  Extraction Extract(const Article& article) const override {
    Extraction result;
    // One working document per thread, reused so that its buffers keep
    // their capacity between calls (no per-call allocation of the token
    // arrays). Extract() never re-enters, so this is safe.
    thread_local extract::Document doc;
    std::vector<extract::QuoteUnit> units;
    extract::RunStages(*lex_, article, extract::Stage::kScoring, &doc, &units,
                       model_.get(), kind_model_.get());
    result.language = doc.language;
    result.quotes.reserve(units.size());
    for (extract::QuoteUnit& u : units) {
      // Built in place: a Quote holds nine strings and two vectors to move
      // otherwise.
      Quote& q = result.quotes.emplace_back();
      for (int r : u.raw) {
        const Span s = doc.raw_quotes[r].content;
        if (!q.spans.empty()) q.text.push_back('\n');
        q.text.append(doc.Slice(s));
        q.spans.push_back(s);
      }
      q.kind = u.kind;
      if (IsSpeech(u.kind)) {
        q.speaker = std::move(u.speaker);
        q.cue = std::move(u.cue);
        q.outlet = std::move(u.outlet);
        q.attribution = u.attribution;
        q.confidence = u.confidence;
      } else if (u.speaker.kind == SpeakerKind::kGroup) {
        q.speaker = std::move(u.speaker);
      }
      q.language = doc.language;
    }
    return result;
  }

 private:
  std::unique_ptr<extract::Lexicon> lex_;
  std::unique_ptr<extract::SpeakerModel> model_;  // null: rules only
  std::unique_ptr<extract::SpeakerModel> kind_model_;  // null: rules only
};

}  // namespace

namespace extract {

std::string_view StageName(Stage stage) {
  switch (stage) {
    case Stage::kParagraphs:
      return "paragraphs";
    case Stage::kQuotePairing:
      return "quote_pairing";
    case Stage::kTokens:
      return "tokens";
    case Stage::kLanguage:
      return "language";
    case Stage::kMentions:
      return "mentions";
    case Stage::kClassify:
      return "classify";
    case Stage::kAttribution:
      return "attribution";
    case Stage::kScoring:
      return "scoring";
  }
  return "?";
}

void RunStages(const Lexicon& lex, const Article& article, Stage last,
               Document* doc, std::vector<QuoteUnit>* units,
               const SpeakerModel* model, const SpeakerModel* kind_model) {
  units->clear();
  doc->Reset(article.text);
  SplitParagraphs(doc);
  if (last == Stage::kParagraphs) return;
  PairQuotes(lex, doc);
  if (last == Stage::kQuotePairing) return;
  Tokenize(lex, doc);
  if (last == Stage::kTokens) return;
  doc->language = article.language.empty() ? DetectLanguage(lex, *doc)
                                           : article.language;
  // Every quote unit is built from the quotation marks PairQuotes found:
  // without any, the rest of the sieve (language rules, mentions,
  // attribution) has nothing to serve. One news article in four or five has
  // none (bench/RESULTS.md, round 9).
  if (doc->raw_quotes.empty() && last > Stage::kMentions) return;
  ApplyLanguage(lex, doc);
  if (last == Stage::kLanguage) return;
  DetectMentions(lex, doc);
  if (last == Stage::kMentions) return;
  *units = BuildUnits(*doc);
  ClassifyQuotes(lex, *doc, units);
  if (last == Stage::kClassify) return;
  AttributeQuotes(lex, *doc, units);
  if (last == Stage::kAttribution) return;
  if (model != nullptr) ScoreSpeakers(lex, *model, kind_model, *doc, units);
  ChantsSpeak(lex, *doc, units);  // attribution.h: after the models
}

}  // namespace extract

absl::StatusOr<std::unique_ptr<Extractor>> Extractor::Create(
    const ExtractorOptions& options) {
  QW_ASSIGN_OR_RETURN(std::unique_ptr<extract::Lexicon> lex,
                      extract::Lexicon::Load(options.data_dir + "/extract"));
  if (options.load_all_dictionaries) lex->dictionary().LoadAll();
  std::unique_ptr<extract::SpeakerModel> model, kind_model;
  if (options.speaker_model) {
    QW_ASSIGN_OR_RETURN(model, extract::SpeakerModel::Load(
                                   options.data_dir +
                                   "/extract/speaker_model.txt"));
  }
  if (options.speaker_model && options.quote_kind_model) {
    QW_ASSIGN_OR_RETURN(kind_model, extract::SpeakerModel::Load(
                                        options.data_dir +
                                        "/extract/quote_kind_model.txt"));
  }
  return std::unique_ptr<Extractor>(new SieveExtractor(
      std::move(lex), std::move(model), std::move(kind_model)));
}

}  // namespace quotewire
