// Table tests of the attribution rules (server/extract/attribution.h), one
// file per rule family: each case is a short invented article, its language
// and, for each quote (found by a part of its text), the speaker's name,
// and optionally the outlet, the attribution and the cue. The extractor runs with
// its learned models off, so each case checks the rules alone.
#ifndef QUOTEWIRE_TESTS_EXTRACT_ATTRIBUTION_TABLE_H_
#define QUOTEWIRE_TESTS_EXTRACT_ATTRIBUTION_TABLE_H_

#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "server/extract/extractor.h"

namespace quotewire {
namespace attribution_table {

struct Expect {
  const char* quote;    // a part of Quote.text that tells the quote apart
  const char* speaker;  // Speaker.name ("" = none)
  const char* outlet = nullptr;  // Quote.outlet; nullptr = not checked
  // Quote.attribution; kNone here = not checked.
  Attribution attribution = Attribution::kNone;
  const char* cue = nullptr;  // Quote.cue; nullptr = not checked
};

struct Case {
  const char* name;
  const char* language;  // BCP-47, given to the extractor
  const char* text;
  std::vector<Expect> quotes;
};

// The extractor with the rules only (no speaker or quote-kind model).
inline const Extractor& RulesOnly() {
  static const Extractor* const kExtractor = [] {
    auto e = Extractor::Create(
        {.speaker_model = false, .quote_kind_model = false});
    if (!e.ok()) {
      ADD_FAILURE() << e.status();
      return static_cast<Extractor*>(nullptr);
    }
    return e->release();
  }();
  return *kExtractor;
}

// Runs every case and reports each difference with the case's name.
inline void Check(const std::vector<Case>& cases) {
  const Extractor& extractor = RulesOnly();
  for (const Case& c : cases) {
    Article article;
    article.text = c.text;
    article.language = c.language;
    const Extraction ex = extractor.Extract(article);
    for (const Expect& want : c.quotes) {
      const Quote* found = nullptr;
      for (const Quote& q : ex.quotes) {
        if (IsSpeech(q.kind) && q.text.find(want.quote) != std::string::npos) {
          found = &q;
          break;
        }
      }
      if (found == nullptr) {
        ADD_FAILURE() << c.name << ": no speech quote with \"" << want.quote
                      << "\"";
        continue;
      }
      EXPECT_EQ(found->speaker.name, want.speaker)
          << c.name << ": speaker of \"" << want.quote << "\"";
      if (want.outlet != nullptr) {
        EXPECT_EQ(found->outlet, want.outlet)
            << c.name << ": outlet of \"" << want.quote << "\"";
      }
      if (want.cue != nullptr) {
        EXPECT_EQ(found->cue, want.cue)
            << c.name << ": cue of \"" << want.quote << "\"";
      }
      if (want.attribution != Attribution::kNone) {
        EXPECT_EQ(static_cast<int>(found->attribution),
                  static_cast<int>(want.attribution))
            << c.name << ": attribution of \"" << want.quote << "\"";
      }
    }
  }
}

}  // namespace attribution_table
}  // namespace quotewire

#endif  // QUOTEWIRE_TESTS_EXTRACT_ATTRIBUTION_TABLE_H_
