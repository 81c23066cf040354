// quotewire-train-speaker: trains the speaker scorer (speaker_scorer.h) on
// gold JSONL files (../shared/eval/*-train.jsonl) and writes liblinear's text
// model. Deterministic: the files are read in the order given, candidates in
// text order, and the solver (L2R_LR primal, trust-region Newton, C = 1,
// eps = 0.001) uses no random numbers.
//
//   quotewire-train-speaker --train a.jsonl,b.jsonl --out model.txt
//   quotewire-train-speaker --train ... --out tmp.txt --kind_out tmp2.txt
//       --check data/extract/speaker_model.txt
//       --check_kind data/extract/quote_kind_model.txt
//
// Labels: each open quote (IsOpenQuote) is matched to the gold quote it
// overlaps most (at least half of the longer span). A candidate is positive
// when its name matches the gold speaker like the scorer matches (normalised
// string or last token, or one of `speaker_alts`) or its mention lies in a
// gold `speaker_spans`; every candidate of a quote that is not gold, or whose
// gold speaker is null, is negative. Quotes matched to optional gold, and
// quotes whose gold speaker is a pronoun or description (the corpus does not
// say whom it refers to), are left out.
// The quote-kind model is trained on the quotes IsKindCandidate takes (open
// short speech quotes and scare quotes of one segment), each labelled speech
// when it overlaps a required gold quote, whatever its gold speaker.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "server/core/data_dir.h"
#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "linear.h"
#include "server/core/model.h"
#include "server/core/utf8.h"
#include "server/extract/document.h"
#include "server/extract/lexicon.h"
#include "server/extract/pipeline.h"
#include "server/extract/speaker_candidates.h"
#include "server/extract/speaker_scorer.h"
#include "unicode/normalizer2.h"
#include "unicode/uchar.h"
#include "unicode/unistr.h"

ABSL_FLAG(std::string, train, "", "Comma-separated gold JSONL files.");
ABSL_FLAG(std::string, out, "", "Model file to write.");
ABSL_FLAG(std::string, kind_out, "",
          "Quote-kind model file to write (optional).");
ABSL_FLAG(std::string, check, "",
          "When set, exit 1 unless --out equals this file byte for byte.");
ABSL_FLAG(std::string, check_kind, "",
          "When set, exit 1 unless --kind_out equals this file byte for byte.");
ABSL_FLAG(int, cv_folds, 0,
          "When > 0, also print the log-loss of both models in that many "
          "folds (by article) of the train files for several costs C.");
ABSL_FLAG(std::string, data_dir, quotewire::DefaultDataDir(),
          "Directory holding extract/ data files.");

namespace {

using quotewire::extract::SpeakerCandidate;

// The scorer's normalisation: case and diacritics folded, parenthesised
// text and possessive 's dropped, punctuation to spaces.
std::string NormSpeaker(const std::string& s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  icu::UnicodeString d = U_SUCCESS(status) ? nfd->normalize(u, status) : u;
  icu::UnicodeString out;
  int depth = 0;
  for (int32_t i = 0; i < d.length();) {
    UChar32 c = d.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK) continue;
    if (c == '(') {
      ++depth;
      continue;
    }
    if (c == ')') {
      if (depth > 0) --depth;
      out.append(UChar32(' '));
      continue;
    }
    if (depth > 0) continue;
    if ((c == '\'' || c == 0x2019) && i < d.length() &&
        (d.char32At(i) == 's' || d.char32At(i) == 'S') &&
        (i + 1 >= d.length() || !u_isalnum(d.char32At(i + 1)))) {
      ++i;
      out.append(UChar32(' '));
      continue;
    }
    out.append(u_isalnum(c) || c == '_' ? u_tolower(c) : UChar32(' '));
  }
  std::string utf8;
  out.toUTF8String(utf8);
  std::vector<std::string> words =
      absl::StrSplit(utf8, ' ', absl::SkipEmpty());
  std::string joined;
  for (const std::string& w : words) {
    if (!joined.empty()) joined.push_back(' ');
    joined += w;
  }
  return joined;
}

std::string LastToken(const std::string& norm) {
  size_t sp = norm.rfind(' ');
  return sp == std::string::npos ? norm : norm.substr(sp + 1);
}

bool SpeakerMatches(const std::string& pred, const std::string& gold) {
  std::string p = NormSpeaker(pred), g = NormSpeaker(gold);
  if (p.empty() || g.empty()) return false;
  return p == g || LastToken(p) == LastToken(g);
}

struct GoldQuote {
  int start = 0, end = 0;  // UTF-8 bytes
  bool optional = false;
  bool has_speaker = false;
  bool resolvable = true;  // speaker_kind is not pronoun / nominal
  std::vector<std::string> speakers;  // speaker and alts
  std::vector<std::pair<int, int>> speaker_spans;  // bytes
};

// Code point offset -> UTF-8 byte offset.
std::vector<int> CodePointToByte(const std::string& text) {
  std::vector<int> map;
  for (int i = 0; i < static_cast<int>(text.size()); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) map.push_back(i);
  }
  map.push_back(static_cast<int>(text.size()));
  return map;
}

int At(const std::vector<int>& map, double cp) {
  int i = static_cast<int>(cp);
  if (i < 0) return 0;
  if (i >= static_cast<int>(map.size())) return map.back();
  return map[i];
}

// True when `expected` is empty or holds the same bytes as `written`.
bool SameFile(const std::string& written, const std::string& expected) {
  if (expected.empty()) return true;
  std::ifstream a(written, std::ios::binary), b(expected, std::ios::binary);
  std::stringstream sa, sb;
  sa << a.rdbuf();
  sb << b.rdbuf();
  if (b && a && sa.str() == sb.str()) return true;
  std::cerr << expected << " differs from the model trained now: rerun "
               "scripts/train-speaker-model\n";
  return false;
}

// Training instances of one model.
struct Problem {
  std::vector<double> labels;
  std::vector<std::vector<feature_node>> rows;
  std::vector<int> articles;  // the article of each row (for --cv_folds)
  int positives = 0;

  void Add(const std::vector<int>& features, bool positive, int article) {
    positives += positive;
    labels.push_back(positive ? 1 : 0);
    std::vector<feature_node> row;
    for (int f : features) row.push_back({f, 1.0});
    row.push_back({-1, 0});
    rows.push_back(std::move(row));
    articles.push_back(article);
  }

  // L2R_LR (primal, eps = 0.001, no bias) with cost `c` on the rows whose
  // article is not in fold `skip` of `folds` (all rows when folds is 0);
  // null after printing liblinear's complaint.
  model* Fit(double c, int folds = 0, int skip = -1) {
    std::vector<feature_node*> x;
    std::vector<double> y;
    for (size_t i = 0; i < rows.size(); ++i) {
      if (folds > 0 && articles[i] % folds == skip) continue;
      x.push_back(rows[i].data());
      y.push_back(labels[i]);
    }
    problem prob;
    prob.l = static_cast<int>(x.size());
    prob.n = quotewire::extract::kNumFeatures;
    prob.y = y.data();
    prob.x = x.data();
    prob.bias = -1;
    parameter param;
    std::memset(&param, 0, sizeof(param));
    param.solver_type = L2R_LR;
    param.eps = 0.001;
    param.C = c;
    if (const char* err = check_parameter(&prob, &param)) {
      std::cerr << "liblinear: " << err << "\n";
      return nullptr;
    }
    set_print_string_function([](const char*) {});
    return train(&prob, &param);
  }

  // Mean log-loss of the rows of each fold under the model fitted on the
  // others (folds by article, so that no quote's candidates are split).
  double CrossValidatedLogLoss(double c, int folds) {
    double loss = 0;
    for (int f = 0; f < folds; ++f) {
      model* m = Fit(c, folds, f);
      if (m == nullptr) return -1;
      int labels_of[2];
      get_labels(m, labels_of);
      const int one = labels_of[0] == 1 ? 0 : 1;
      for (size_t i = 0; i < rows.size(); ++i) {
        if (articles[i] % folds != f) continue;
        double p[2];
        predict_probability(m, rows[i].data(), p);
        const double q = labels[i] > 0.5 ? p[one] : 1 - p[one];
        loss -= std::log(std::max(q, 1e-12));
      }
      free_and_destroy_model(&m);
    }
    return loss / static_cast<double>(rows.size());
  }

  // Trains with C = 1 on every row and writes the model to `path`.
  bool Train(const std::string& path) {
    model* m = Fit(1);
    if (m == nullptr) return false;
    const bool saved = save_model(path.c_str(), m) == 0;
    free_and_destroy_model(&m);
    if (!saved) std::cerr << "cannot write " << path << "\n";
    return saved;
  }
};

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const std::string out_path = absl::GetFlag(FLAGS_out);
  std::vector<std::string> files =
      absl::StrSplit(absl::GetFlag(FLAGS_train), ',', absl::SkipEmpty());
  if (files.empty() || out_path.empty()) {
    std::cerr << "usage: quotewire-train-speaker --train FILES --out FILE\n";
    return 2;
  }
  auto lex = quotewire::extract::Lexicon::Load(absl::GetFlag(FLAGS_data_dir) +
                                               "/extract");
  if (!lex.ok()) {
    std::cerr << lex.status().ToString() << "\n";
    return 1;
  }
  Problem speaker, kind;
  int quotes = 0;
  int articles = 0;  // articles read so far
  quotewire::extract::Document doc;
  std::vector<quotewire::extract::QuoteUnit> units;
  for (const std::string& file : files) {
    std::ifstream in(file);
    if (!in) {
      std::cerr << "cannot open " << file << "\n";
      return 1;
    }
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      google::protobuf::Struct record;
      if (!google::protobuf::util::JsonStringToMessage(line, &record).ok()) {
        std::cerr << file << ": bad JSON line\n";
        return 1;
      }
      const auto& fields = record.fields();
      ++articles;
      quotewire::Article article;
      if (fields.count("id")) article.id = fields.at("id").string_value();
      if (fields.count("text")) article.text = fields.at("text").string_value();
      const std::vector<int> map = CodePointToByte(article.text);
      std::vector<GoldQuote> gold;
      if (fields.count("quotes")) {
        for (const auto& v : fields.at("quotes").list_value().values()) {
          const auto& q = v.struct_value().fields();
          GoldQuote g;
          g.start = At(map, q.at("start").number_value());
          g.end = At(map, q.at("end").number_value());
          g.optional = q.count("optional") && q.at("optional").bool_value();
          if (q.count("speaker") && q.at("speaker").has_string_value()) {
            g.has_speaker = true;
            g.speakers.push_back(q.at("speaker").string_value());
          }
          if (q.count("speaker_alts")) {
            for (const auto& a : q.at("speaker_alts").list_value().values()) {
              if (a.has_string_value()) g.speakers.push_back(a.string_value());
            }
          }
          if (q.count("speaker_kind") && q.at("speaker_kind").has_string_value()) {
            const std::string& k = q.at("speaker_kind").string_value();
            g.resolvable = k != "pronoun" && k != "nominal";
          }
          if (q.count("speaker_spans")) {
            for (const auto& s : q.at("speaker_spans").list_value().values()) {
              const auto& pair = s.list_value().values();
              if (pair.size() == 2) {
                g.speaker_spans.push_back({At(map, pair[0].number_value()),
                                           At(map, pair[1].number_value())});
              }
            }
          }
          gold.push_back(std::move(g));
        }
      }
      std::vector<std::pair<int, int>> ignore;
      if (fields.count("ignore_regions")) {
        for (const auto& s : fields.at("ignore_regions").list_value().values()) {
          const auto& pair = s.list_value().values();
          if (pair.size() == 2) {
            ignore.push_back({At(map, pair[0].number_value()),
                              At(map, pair[1].number_value())});
          }
        }
      }
      quotewire::extract::RunStages(**lex, article,
                                    quotewire::extract::Stage::kAttribution,
                                    &doc, &units);
      // The gold quote a unit overlaps most (at least half), null when none;
      // false for a unit to leave out (ignored region, boundary error,
      // optional gold).
      auto MatchGold = [&](const quotewire::extract::QuoteUnit& u,
                           const GoldQuote** g) {
          // The gold quote overlapping a segment most.
          int best = -1;
          double best_ratio = 0;
          bool ignored = false;
          for (int r : u.raw) {
            const quotewire::Span s = doc.raw_quotes[r].content;
            for (const auto& [a, b] : ignore) {
              int inter = std::min(b, s.end) - std::max(a, s.start);
              if (inter * 2 >= s.end - s.start) ignored = true;
            }
            for (int g = 0; g < static_cast<int>(gold.size()); ++g) {
              int inter = std::min(gold[g].end, s.end) -
                          std::max(gold[g].start, s.start);
              if (inter <= 0) continue;
              double ratio = static_cast<double>(inter) /
                             std::max(gold[g].end - gold[g].start,
                                      s.end - s.start);
              if (ratio > best_ratio) {
                best_ratio = ratio;
                best = g;
              }
            }
          }
          if (ignored) return false;
          if (best >= 0 && best_ratio < 0.5) return false;  // a boundary error
          *g = best >= 0 ? &gold[best] : nullptr;
          return *g == nullptr || !(*g)->optional;
      };
      // The quote-kind model: is an open short speech quote or a scare
      // quote gold speech?
      for (const auto& u : units) {
        if (!quotewire::extract::IsKindCandidate(doc, u)) continue;
        const GoldQuote* g = nullptr;
        if (!MatchGold(u, &g)) continue;
        std::vector<int> features;
        quotewire::extract::QuoteKindFeatures(**lex, doc, u, &features);
        kind.Add(features, g != nullptr, articles);
      }
      quotewire::extract::ForEachOpenQuote(
          **lex, doc, units,
          [&](int index, const std::vector<SpeakerCandidate>& candidates) {
            const auto& u = units[index];
            const GoldQuote* g = nullptr;
            if (!MatchGold(u, &g)) return;
            if (g != nullptr && !g->resolvable) return;
            ++quotes;
            for (const SpeakerCandidate& c : candidates) {
              bool positive = false;
              if (g != nullptr && g->has_speaker) {
                quotewire::Speaker sp =
                    c.entity >= 0 ? quotewire::extract::CandidateSpeaker(doc, c)
                                  : u.speaker;
                std::string name = !sp.name.empty() ? sp.name : sp.mention;
                for (const std::string& s : g->speakers) {
                  positive |= SpeakerMatches(name, s);
                }
                for (const auto& [a, b] : g->speaker_spans) {
                  positive |= sp.mention_span.end > sp.mention_span.start &&
                              sp.mention_span.start >= a &&
                              sp.mention_span.end <= b;
                }
              }
              speaker.Add(c.features, positive, articles);
            }
          });
    }
  }
  std::cerr << "quotewire-train-speaker: speaker: " << quotes << " quotes, "
            << speaker.labels.size() << " candidates, " << speaker.positives
            << " positive; kind: " << kind.labels.size() << " quotes, "
            << kind.positives << " speech\n";
  if (const int folds = absl::GetFlag(FLAGS_cv_folds); folds > 0) {
    for (double c : {0.125, 0.25, 0.5, 1.0, 2.0, 4.0}) {
      std::cerr << "C " << c << ": log-loss speaker "
                << speaker.CrossValidatedLogLoss(c, folds) << ", kind "
                << kind.CrossValidatedLogLoss(c, folds) << "\n";
    }
  }
  if (!speaker.Train(out_path)) return 1;
  const std::string kind_out = absl::GetFlag(FLAGS_kind_out);
  if (!kind_out.empty() && !kind.Train(kind_out)) return 1;
  if (!SameFile(out_path, absl::GetFlag(FLAGS_check)) ||
      !SameFile(kind_out, absl::GetFlag(FLAGS_check_kind))) {
    return 1;
  }
  return 0;
}
