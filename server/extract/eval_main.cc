// quotewire-eval: runs the extractor over a gold JSONL file (one article per
// line with "id", "text" and optionally "language") and writes predictions
// JSONL for ../shared/eval/score_quotes.py (beside the repository): one
// prediction per paragraph span, code-point offsets, speech kinds only.
//
//   quotewire-eval --gold polnear-dev.jsonl --out pred.jsonl [--debug]
#include <ctime>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "server/core/data_dir.h"
#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "server/core/utf8.h"
#include "server/extract/extractor.h"

ABSL_FLAG(std::string, gold, "", "Gold JSONL file (input articles).");
ABSL_FLAG(std::string, out, "", "Predictions JSONL file to write.");
ABSL_FLAG(std::string, data_dir, quotewire::DefaultDataDir(),
          "Directory holding extract/ data files.");
ABSL_FLAG(int, repeat, 0,
          "When > 0, also time N extra passes over all articles and print "
          "the single-thread throughput (CPU time) in MB/s to stderr.");
ABSL_FLAG(bool, speaker_model, true,
          "Let the learned speaker scorer decide the quotes the rules leave "
          "open (false: the rules alone).");
ABSL_FLAG(bool, quote_kind_model, true,
          "With the speaker scorer, let the learned quote-kind model turn "
          "open speech quotes into titles or scare quotes.");
ABSL_FLAG(bool, debug, false,
          "Print every quote (all kinds) with its attribution to stderr.");

namespace {

void AppendJsonString(const std::string& s, std::string* out) {
  out->push_back('"');
  for (unsigned char c : s) {
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof(buf), "\\u%04x", c);
          out->append(buf);
        } else {
          out->push_back(static_cast<char>(c));
        }
    }
  }
  out->push_back('"');
}

const char* KindName(quotewire::QuoteKind k) {
  switch (k) {
    case quotewire::QuoteKind::kFull: return "full";
    case quotewire::QuoteKind::kPartial: return "partial";
    case quotewire::QuoteKind::kScare: return "scare";
    case quotewire::QuoteKind::kTitle: return "title";
    case quotewire::QuoteKind::kSlogan: return "slogan";
    case quotewire::QuoteKind::kHeading: return "heading";
  }
  return "?";
}

const char* AttributionName(quotewire::Attribution a) {
  switch (a) {
    case quotewire::Attribution::kNone: return "none";
    case quotewire::Attribution::kExplicit: return "explicit";
    case quotewire::Attribution::kPronoun: return "pronoun";
    case quotewire::Attribution::kDescription: return "description";
    case quotewire::Attribution::kContinuation: return "continuation";
    case quotewire::Attribution::kEditorial: return "editorial";
  }
  return "?";
}

const char* SpeakerKindName(quotewire::SpeakerKind k) {
  switch (k) {
    case quotewire::SpeakerKind::kUnknown: return "unknown";
    case quotewire::SpeakerKind::kPerson: return "person";
    case quotewire::SpeakerKind::kOrganization: return "org";
    case quotewire::SpeakerKind::kGroup: return "group";
  }
  return "?";
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const std::string gold = absl::GetFlag(FLAGS_gold);
  const std::string out_path = absl::GetFlag(FLAGS_out);
  if (gold.empty() || out_path.empty()) {
    std::cerr << "usage: quotewire-eval --gold FILE --out FILE\n";
    return 2;
  }
  auto extractor =
      quotewire::Extractor::Create({.data_dir = absl::GetFlag(FLAGS_data_dir),
                                    .speaker_model =
                                        absl::GetFlag(FLAGS_speaker_model),
                                    .quote_kind_model = absl::GetFlag(
                                        FLAGS_quote_kind_model)});
  if (!extractor.ok()) {
    std::cerr << extractor.status().ToString() << "\n";
    return 1;
  }
  std::ifstream in(gold);
  if (!in) {
    std::cerr << "cannot open " << gold << "\n";
    return 1;
  }
  std::ofstream out(out_path);
  const bool debug = absl::GetFlag(FLAGS_debug);
  std::string line;
  int articles = 0;
  std::vector<quotewire::Article> all;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    google::protobuf::Struct record;
    auto status = google::protobuf::util::JsonStringToMessage(line, &record);
    if (!status.ok()) {
      std::cerr << "bad JSON line " << articles + 1 << "\n";
      return 1;
    }
    const auto& fields = record.fields();
    quotewire::Article article;
    if (fields.count("id")) article.id = fields.at("id").string_value();
    if (fields.count("text")) article.text = fields.at("text").string_value();
    if (fields.count("language")) {
      article.language = fields.at("language").string_value();
    }
    quotewire::Extraction ex = (*extractor)->Extract(article);
    if (absl::GetFlag(FLAGS_repeat) > 0) all.push_back(article);
    quotewire::OffsetConverter conv(article.text,
                                    quotewire::OffsetUnit::kCodePoint);
    std::string json = "{\"id\": ";
    AppendJsonString(article.id, &json);
    json += ", \"quotes\": [";
    bool first = true;
    int index = 0;
    for (const quotewire::Quote& q : ex.quotes) {
      if (debug) {
        std::cerr << article.id << " [" << KindName(q.kind) << "/"
                  << AttributionName(q.attribution) << "] "
                  << q.text.substr(0, 70) << " | " << q.speaker.name << " ("
                  << SpeakerKindName(q.speaker.kind) << ") | "
                  << q.speaker.mention << " | cue=" << q.cue
                  << " | outlet=" << q.outlet
                  << " | desc=" << q.speaker.description
                  << " | age=" << q.speaker.age << " | lang=" << q.language
                  << "\n";
      }
      if (!quotewire::IsSpeech(q.kind)) continue;
      ++index;
      std::string speaker =
          !q.speaker.name.empty() ? q.speaker.name : q.speaker.mention;
      for (const quotewire::Span& s : q.spans) {
        if (!first) json += ", ";
        first = false;
        json += "{\"text\": ";
        AppendJsonString(article.text.substr(s.start, s.end - s.start), &json);
        json += ", \"start\": " + std::to_string(conv.Convert(s.start));
        json += ", \"end\": " + std::to_string(conv.Convert(s.end));
        // Segments of one multi-paragraph quote share "quote".
        json += ", \"quote\": " + std::to_string(index);
        json += ", \"speaker\": ";
        if (speaker.empty()) {
          json += "null";
        } else {
          AppendJsonString(speaker, &json);
        }
        if (!q.outlet.empty()) {
          json += ", \"outlet\": ";
          AppendJsonString(q.outlet, &json);
        }
        json += "}";
      }
    }
    json += "]}\n";
    out << json;
    ++articles;
  }
  std::cerr << "quotewire-eval: " << articles << " articles\n";
  const int repeat = absl::GetFlag(FLAGS_repeat);
  if (repeat > 0) {
    size_t bytes = 0, quotes = 0;
    // CPU time of this (single) thread, robust to a loaded machine.
    std::clock_t start = std::clock();
    for (int r = 0; r < repeat; ++r) {
      for (const auto& a : all) {
        bytes += a.text.size();
        quotes += (*extractor)->Extract(a).quotes.size();
      }
    }
    double secs = static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
    std::cerr << "throughput: " << bytes / secs / 1e6 << " MB/s (" << bytes
              << " bytes, " << quotes << " quotes, " << secs << " s)\n";
  }
  return 0;
}
