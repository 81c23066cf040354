// The Extractor implementation: runs the stages of the sieve in order.
//
//   text_scan          paragraphs
//   quote_pairing      quotation marks, multi-paragraph quotes
//   text_scan          tokens and sentences outside quotes
//   mentions           names, titles, entities, gender, ages
//   quote_classifier   full / partial / heading / slogan / title / scare
//   attribution        explicit -> pronoun / description -> continuation
#include "server/extract/extractor.h"

#include <utility>

#include "server/core/status_macros.h"
#include "server/extract/attribution.h"
#include "server/extract/document.h"
#include "server/extract/language_detector.h"
#include "server/extract/lexicon.h"
#include "server/extract/mentions.h"
#include "server/extract/quote_classifier.h"
#include "server/extract/quote_pairing.h"
#include "server/extract/text_scan.h"

namespace quotewire {
namespace {

class SieveExtractor : public Extractor {
 public:
  explicit SieveExtractor(std::unique_ptr<extract::Lexicon> lex)
      : lex_(std::move(lex)) {}

  Extraction Extract(const Article& article) const override {
    Extraction result;
    // One working document per thread, reused so that its buffers keep
    // their capacity between calls (no per-call allocation of the token
    // arrays). Extract() never re-enters, so this is safe.
    thread_local extract::Document doc;
    doc.Reset(article.text);
    extract::SplitParagraphs(&doc);
    extract::PairQuotes(*lex_, &doc);
    extract::Tokenize(*lex_, &doc);
    doc.language = article.language.empty() ? extract::DetectLanguage(*lex_, doc)
                                            : article.language;
    result.language = doc.language;
    extract::ApplyLanguage(*lex_, &doc);
    extract::DetectMentions(*lex_, &doc);
    std::vector<extract::QuoteUnit> units = extract::BuildUnits(doc);
    extract::ClassifyQuotes(*lex_, doc, &units);
    extract::AttributeQuotes(*lex_, doc, &units);
    result.quotes.reserve(units.size());
    for (extract::QuoteUnit& u : units) {
      Quote q;
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
      result.quotes.push_back(std::move(q));
    }
    return result;
  }

 private:
  std::unique_ptr<extract::Lexicon> lex_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<Extractor>> Extractor::Create(
    const ExtractorOptions& options) {
  QW_ASSIGN_OR_RETURN(std::unique_ptr<extract::Lexicon> lex,
                      extract::Lexicon::Load(options.data_dir + "/extract"));
  return std::unique_ptr<Extractor>(new SieveExtractor(std::move(lex)));
}

}  // namespace quotewire
