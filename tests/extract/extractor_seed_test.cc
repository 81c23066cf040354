// Seed gold test: runs the extractor over ${QUOTEWIRE_SHARED_DIR}/seeds and
// fails on any `must` quote that is not found with its speaker (and outlet
// when gold names one). Reports the `should` tier. Skipped when the shared
// directory is absent.
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "server/core/utf8.h"
#include "server/extract/extractor.h"

namespace quotewire {
namespace {

std::string Fold(const std::string& s) {
  std::string out;
  for (char c : s) out.push_back(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return out;
}

std::string LastToken(const std::string& s) {
  std::string f = Fold(s);
  size_t sp = f.find_last_of(' ');
  return sp == std::string::npos ? f : f.substr(sp + 1);
}

bool SpeakerMatches(const google::protobuf::Struct& gold,
                    const std::string& predicted) {
  if (predicted.empty()) return false;
  std::vector<std::string> cands;
  const auto& f = gold.fields();
  if (f.count("speaker") && f.at("speaker").has_string_value()) {
    cands.push_back(f.at("speaker").string_value());
  }
  if (f.count("speaker_alts")) {
    for (const auto& v : f.at("speaker_alts").list_value().values()) {
      cands.push_back(v.string_value());
    }
  }
  for (const std::string& c : cands) {
    if (Fold(c) == Fold(predicted) || LastToken(c) == LastToken(predicted)) {
      return true;
    }
  }
  return false;
}

TEST(ExtractorSeedTest, MustQuotesFoundWithSpeakerAndOutlet) {
  const std::string path =
      std::string(QUOTEWIRE_SHARED_DIR) + "/seeds/gold.jsonl";
  std::ifstream in(path);
  if (!in) GTEST_SKIP() << "no seed gold at " << path;
  auto extractor = Extractor::Create({});
  ASSERT_TRUE(extractor.ok()) << extractor.status();
  std::string line;
  int must = 0, must_ok = 0, should = 0, should_ok = 0;
  while (std::getline(in, line)) {
    google::protobuf::Struct rec;
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(line, &rec).ok());
    const auto& f = rec.fields();
    Article article;
    article.id = f.at("id").string_value();
    article.text = f.at("text").string_value();
    article.language = f.at("language").string_value();
    Extraction ex = (*extractor)->Extract(article);
    OffsetConverter conv(article.text, OffsetUnit::kCodePoint);
    for (const auto& gv : f.at("quotes").list_value().values()) {
      const auto& g = gv.struct_value();
      const auto& gf = g.fields();
      const std::string tier = gf.at("tier").string_value();
      if (tier != "must" && tier != "should") continue;
      const int gs = static_cast<int>(gf.at("start").number_value());
      const int ge = static_cast<int>(gf.at("end").number_value());
      const Quote* best = nullptr;
      double best_ratio = 0;
      for (const Quote& q : ex.quotes) {
        if (!IsSpeech(q.kind)) continue;
        int ps = conv.Convert(q.spans.front().start);
        int pe = conv.Convert(q.spans.back().end);
        int inter = std::max(0, std::min(ge, pe) - std::max(gs, ps));
        double ratio = static_cast<double>(inter) /
                       std::max({ge - gs, pe - ps, 1});
        if (ratio > best_ratio) {
          best_ratio = ratio;
          best = &q;
        }
      }
      bool ok = best != nullptr && best_ratio >= 0.5 &&
                SpeakerMatches(g, best->speaker.name.empty()
                                      ? best->speaker.mention
                                      : best->speaker.name);
      if (ok && gf.count("outlet") && gf.at("outlet").has_string_value()) {
        ok = Fold(best->outlet) == Fold(gf.at("outlet").string_value());
      }
      const std::string text = gf.at("text").string_value().substr(0, 60);
      if (tier == "must") {
        ++must;
        if (ok) ++must_ok;
        EXPECT_TRUE(ok) << article.id << ": must quote \"" << text
                        << "\" not found with speaker "
                        << gf.at("speaker").string_value()
                        << (best ? " (got speaker \"" + best->speaker.name +
                                       "\", outlet \"" + best->outlet + "\")"
                                 : std::string(" (no overlapping quote)"));
      } else {
        ++should;
        if (ok) ++should_ok;
        if (!ok) std::cout << "should-tier miss: " << article.id << " \""
                           << text << "\"\n";
      }
    }
  }
  std::cout << "seeds: must " << must_ok << "/" << must << ", should "
            << should_ok << "/" << should << "\n";
  RecordProperty("must_ok", must_ok);
  RecordProperty("should_ok", should_ok);
  EXPECT_EQ(must, 18);
}

}  // namespace
}  // namespace quotewire
