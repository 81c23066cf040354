// The domain model shared by the extraction library, the store and the gRPC
// adapter: plain structs, no gRPC or protobuf types.
//
// Offsets are UTF-8 byte offsets into the article text, half-open [start, end).
// The gRPC adapter converts them into the unit a client asks for.
#ifndef QUOTEWIRE_SERVER_CORE_MODEL_H_
#define QUOTEWIRE_SERVER_CORE_MODEL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace quotewire {

// A half-open byte range [start, end) of an article's text.
struct Span {
  int32_t start = 0;
  int32_t end = 0;

  int32_t size() const { return end - start; }
  bool empty() const { return end <= start; }
  friend bool operator==(const Span& a, const Span& b) {
    return a.start == b.start && a.end == b.end;
  }
  friend bool operator!=(const Span& a, const Span& b) { return !(a == b); }
};

// What a quoted span is. Speech kinds first; IsSpeech() tells them apart.
enum class QuoteKind {
  kFull,     // one or more whole sentences of reported speech
  kPartial,  // a fragment of speech inside a reporting sentence
  kScare,    // non-speech: scare quotes, a term held at a distance
  kTitle,    // non-speech: a title or a name ("March of Freedom")
  kSlogan,   // non-speech: slogan, chant, placard text
  kHeading,  // non-speech: a heading or caption on its own line
};

inline bool IsSpeech(QuoteKind kind) {
  return kind == QuoteKind::kFull || kind == QuoteKind::kPartial;
}

enum class SpeakerKind { kUnknown, kPerson, kOrganization, kGroup };

// How the speaker of a quote was found.
enum class Attribution {
  kNone,          // no speaker found
  kExplicit,      // named next to the quote
  kPronoun,       // a pronoun resolved to a named person
  kDescription,   // a description resolved to a named person
  kContinuation,  // continues the previous quote's speaker
  kEditorial,     // set by an editorial correction
};

enum class SourceRelation { kPublisher, kOutlet, kWire };

struct Speaker {
  // Canonical name, titles stripped ("Alexander Lukashenko"); empty when the
  // quote has no speaker.
  std::string name;
  // The mention nearest the quote, as written ("he", "the 65-year-old leader").
  std::string mention;
  // Where `mention` is in the text; empty when it is not in the text.
  Span mention_span;
  SpeakerKind kind = SpeakerKind::kUnknown;
  // Role and affiliation as written, without the name; may be empty.
  std::string description;
  // Age when the text gives it, else 0.
  int age = 0;
  // Store-assigned person id (without the "people/" prefix); empty until the
  // store resolves the speaker.
  std::string person_id;
};

struct Quote {
  // Store-assigned id (without "quotes/"); empty for stateless extraction.
  std::string id;
  // Content without the outer marks; paragraphs joined by "\n".
  std::string text;
  // One span per paragraph segment, in text order; never empty.
  std::vector<Span> spans;
  QuoteKind kind = QuoteKind::kFull;
  Speaker speaker;
  // Reporting verb or phrase as written ("said", "told", "aldus").
  std::string cue;
  // Medium addressed as written ("Al Jazeera"); may be empty.
  std::string outlet;
  Attribution attribution = Attribution::kNone;
  // 0..1; high for explicit attributions, lower for inferred ones.
  float confidence = 0;
  // Topic ids of the taxonomy.
  std::vector<std::string> topics;
  // BCP-47 language of the quote.
  std::string language;
};

// An article as given by a client.
struct Article {
  // Client-chosen id; may be empty.
  std::string id;
  std::string text;
  std::string title;
  std::string publisher;
  std::string url;
  std::optional<absl::Time> publish_time;
  // BCP-47 tag; empty means "detect".
  std::string language;
};

// A canonical source name with its relation to a quote.
struct QuoteSource {
  std::string source_id;     // store-assigned, without "sources/"
  std::string display_name;  // canonical ("Agence France-Presse")
  SourceRelation relation = SourceRelation::kPublisher;
};

}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_CORE_MODEL_H_
