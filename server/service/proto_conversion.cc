#include "server/service/proto_conversion.h"

#include <cstdint>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/wire_format_lite.h"
#include "server/core/absl_compat.h"

namespace quotewire {
namespace {

void SpanToProto(const Span& span, const OffsetConverter* offsets,
                 v1::Span* out) {
  out->set_start(offsets == nullptr ? span.start : offsets->Convert(span.start));
  out->set_end(offsets == nullptr ? span.end : offsets->Convert(span.end));
}

// Bump when StoredQuoteToProto or ListingEncoder::Encode change what they
// write: stores re-encode their listings when the format changes.
constexpr int kListingEncodingVersion = 1;

void AppendVarint(uint64_t value, std::string* out) {
  while (value >= 0x80) {
    out->push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out->push_back(static_cast<char>(value));
}

// The tag and length of a length-delimited field `number`.
void AppendLengthDelimited(int number, size_t length, std::string* out) {
  using google::protobuf::internal::WireFormatLite;
  AppendVarint(WireFormatLite::MakeTag(number,
                                       WireFormatLite::WIRETYPE_LENGTH_DELIMITED),
               out);
  AppendVarint(length, out);
}

// Bytes of a varint.
size_t VarintSize(uint64_t value) {
  size_t n = 1;
  while (value >= 0x80) {
    value >>= 7;
    ++n;
  }
  return n;
}

// Bytes of a length-delimited field `number` holding `length` bytes.
size_t LengthDelimitedSize(int number, size_t length) {
  using google::protobuf::internal::WireFormatLite;
  return VarintSize(WireFormatLite::MakeTag(
             number, WireFormatLite::WIRETYPE_LENGTH_DELIMITED)) +
         VarintSize(length) + length;
}

}  // namespace

std::string ListingEncoder::format() const {
  // FNV-1a of the API's schema: a changed message layout re-encodes too.
  uint64_t hash = 14695981039346656037ull;
  for (unsigned char ch : v1::Quote::descriptor()->file()->DebugString()) {
    hash = (hash ^ ch) * 1099511628211ull;
  }
  return absl::StrFormat("quotewire.v1.Quote/%d/%016x", kListingEncodingVersion,
                         hash);
}

std::string ListingEncoder::Encode(const StoredQuote& quote) const {
  StoredQuote copy = quote;
  // StoredQuoteToProto writes a speaker (kind, description, ...) when it has
  // a name or mention; a reader adds the person's display name, so a quote of
  // a person always gets one.
  const bool has_person = !copy.quote.speaker.person_id.empty();
  if (has_person && copy.quote.speaker.name.empty()) {
    copy.quote.speaker.name = copy.quote.speaker.person_id;
  }
  v1::Quote message;
  StoredQuoteToProto(std::move(copy), nullptr, &message);
  if (message.has_speaker()) {
    message.mutable_speaker()->clear_person();
    message.mutable_speaker()->clear_name();
  }
  return message.SerializeAsString();
}

void AppendListedQuote(const EncodedQuotePage::Entry& entry, std::string* out) {
  // A second `speaker` field after the encoded quote, {person, name}: parsers
  // merge it into the first (protobuf's rule for a repeated singular message
  // field). Written in place: sizes first.
  const size_t person_size =
      entry.person_id.empty() ? 0 : kPeoplePrefix.size() + entry.person_id.size();
  size_t speaker_size = 0;
  if (person_size > 0) {
    speaker_size += LengthDelimitedSize(v1::Speaker::kPersonFieldNumber,
                                        person_size);
  }
  if (!entry.speaker_name.empty()) {
    speaker_size += LengthDelimitedSize(v1::Speaker::kNameFieldNumber,
                                        entry.speaker_name.size());
  }
  const size_t speaker_field_size =
      speaker_size == 0
          ? 0
          : LengthDelimitedSize(v1::Quote::kSpeakerFieldNumber, speaker_size);
  AppendLengthDelimited(v1::ListQuotesResponse::kQuotesFieldNumber,
                        entry.body.size() + speaker_field_size, out);
  out->append(entry.body.data(), entry.body.size());
  if (speaker_size == 0) return;
  AppendLengthDelimited(v1::Quote::kSpeakerFieldNumber, speaker_size, out);
  if (person_size > 0) {
    AppendLengthDelimited(v1::Speaker::kPersonFieldNumber, person_size, out);
    out->append(kPeoplePrefix.data(), kPeoplePrefix.size());
    out->append(entry.person_id.data(), entry.person_id.size());
  }
  if (!entry.speaker_name.empty()) {
    AppendLengthDelimited(v1::Speaker::kNameFieldNumber,
                          entry.speaker_name.size(), out);
    out->append(entry.speaker_name.data(), entry.speaker_name.size());
  }
}

void AppendNextPageToken(std::string_view token, std::string* out) {
  if (token.empty()) return;
  AppendLengthDelimited(v1::ListQuotesResponse::kNextPageTokenFieldNumber,
                        token.size(), out);
  out->append(token.data(), token.size());
}

std::string ResourceName(std::string_view prefix, std::string_view id) {
  return absl::StrCat(Sv(prefix), Sv(id));
}

void TimeToProto(absl::Time time, google::protobuf::Timestamp* out) {
  const int64_t seconds = absl::ToUnixSeconds(time);
  out->set_seconds(seconds);
  out->set_nanos(static_cast<int32_t>(
      absl::ToInt64Nanoseconds(time - absl::FromUnixSeconds(seconds))));
}

Article ArticleFromProto(const v1::Article& article) {
  Article out;
  out.id = article.id();
  out.text = article.text();
  out.title = article.title();
  out.publisher = article.publisher();
  out.url = article.url();
  out.language = article.language();
  if (article.has_publish_time()) {
    out.publish_time = absl::FromUnixSeconds(article.publish_time().seconds()) +
                       absl::Nanoseconds(article.publish_time().nanos());
  }
  return out;
}

void ArticleToProto(const StoredArticle& article, v1::Article* out) {
  out->set_name(ResourceName(kArticlesPrefix, article.id));
  out->set_id(article.article.id);
  out->set_text(article.article.text);
  out->set_title(article.article.title);
  out->set_publisher(article.article.publisher);
  out->set_url(article.article.url);
  if (article.article.publish_time.has_value()) {
    TimeToProto(*article.article.publish_time, out->mutable_publish_time());
  }
  out->set_language(article.article.language);
  TimeToProto(article.ingest_time, out->mutable_ingest_time());
  out->set_quote_count(article.quote_count);
  for (const std::string& credit : article.wire_credits) {
    out->add_wire_credits(credit);
  }
}

void QuoteToProto(Quote&& quote, const OffsetConverter* offsets,
                  v1::Quote* out) {
  if (!quote.id.empty()) out->set_name(ResourceName(kQuotesPrefix, quote.id));
  out->set_text(std::move(quote.text));
  out->mutable_spans()->Reserve(static_cast<int>(quote.spans.size()));
  for (const Span& span : quote.spans) {
    SpanToProto(span, offsets, out->add_spans());
  }
  out->set_kind(QuoteKindToProto(quote.kind));
  Speaker& speaker = quote.speaker;
  if (!speaker.name.empty() || !speaker.mention.empty()) {
    v1::Speaker* s = out->mutable_speaker();
    if (!speaker.person_id.empty()) {
      s->set_person(ResourceName(kPeoplePrefix, speaker.person_id));
    }
    s->set_name(std::move(speaker.name));
    s->set_mention(std::move(speaker.mention));
    if (!speaker.mention_span.empty()) {
      SpanToProto(speaker.mention_span, offsets, s->mutable_mention_span());
    }
    s->set_kind(SpeakerKindToProto(speaker.kind));
    s->set_description(std::move(speaker.description));
    s->set_age(speaker.age);
  }
  out->set_cue(std::move(quote.cue));
  out->set_outlet(std::move(quote.outlet));
  out->set_attribution(AttributionToProto(quote.attribution));
  out->set_confidence(quote.confidence);
  out->mutable_topics()->Reserve(static_cast<int>(quote.topics.size()));
  for (std::string& topic : quote.topics) out->add_topics(std::move(topic));
  out->set_language(std::move(quote.language));
}

void QuoteToProto(const Quote& quote, const OffsetConverter* offsets,
                  v1::Quote* out) {
  QuoteToProto(Quote(quote), offsets, out);
}

void StoredQuoteToProto(StoredQuote&& quote, const OffsetConverter* offsets,
                        v1::Quote* out) {
  QuoteToProto(std::move(quote.quote), offsets, out);
  out->set_article(ResourceName(kArticlesPrefix, quote.article_id));
  out->mutable_sources()->Reserve(static_cast<int>(quote.sources.size()));
  for (QuoteSource& source : quote.sources) {
    v1::QuoteSource* s = out->add_sources();
    s->set_source(ResourceName(kSourcesPrefix, source.source_id));
    s->set_display_name(std::move(source.display_name));
    s->set_relation(SourceRelationToProto(source.relation));
  }
  TimeToProto(quote.publish_time, out->mutable_publish_time());
}

void StoredQuoteToProto(const StoredQuote& quote, const OffsetConverter* offsets,
                        v1::Quote* out) {
  StoredQuoteToProto(StoredQuote(quote), offsets, out);
}

void PersonToProto(const PersonRecord& person, v1::Person* out) {
  out->set_name(ResourceName(kPeoplePrefix, person.id));
  out->set_display_name(person.display_name);
  out->set_kind(SpeakerKindToProto(person.kind));
  for (const std::string& alias : person.aliases) out->add_aliases(alias);
  for (const std::string& d : person.descriptions) out->add_descriptions(d);
  for (const std::string& lang : person.languages) out->add_languages(lang);
  out->set_quote_count(person.quote_count);
  out->set_article_count(person.article_count);
}

void SourceToProto(const SourceRecord& source, v1::Source* out) {
  out->set_name(ResourceName(kSourcesPrefix, source.id));
  out->set_display_name(source.display_name);
  for (const std::string& alias : source.aliases) out->add_aliases(alias);
  out->set_quote_count(source.quote_count);
  out->set_publisher_quote_count(source.publisher_quote_count);
  out->set_outlet_quote_count(source.outlet_quote_count);
  out->set_wire_quote_count(source.wire_quote_count);
}

void TopicToProto(const TopicRecord& topic, v1::Topic* out) {
  out->set_name(ResourceName(kTopicsPrefix, topic.id));
  out->set_display_name(topic.display_name);
  out->set_quote_count(topic.quote_count);
}

void CorrectionToProto(const CorrectionRecord& correction,
                       v1::Correction* out) {
  out->set_name(ResourceName(kCorrectionsPrefix, correction.id));
  out->set_action(correction.action);
  out->set_summary(correction.summary);
  out->set_editor(correction.editor);
  TimeToProto(correction.create_time, out->mutable_create_time());
}

void MergeSuggestionToProto(const MergeSuggestionRecord& suggestion,
                            v1::MergeSuggestion* out) {
  out->set_person(ResourceName(kPeoplePrefix, suggestion.person_a));
  out->set_person_display_name(suggestion.person_a_display);
  out->set_other_person(ResourceName(kPeoplePrefix, suggestion.person_b));
  out->set_other_display_name(suggestion.person_b_display);
  out->set_shared_key(suggestion.shared_key);
  out->set_evidence(suggestion.evidence);
  out->set_score(suggestion.score);
  TimeToProto(suggestion.create_time, out->mutable_create_time());
}

v1::QuoteKind QuoteKindToProto(QuoteKind kind) {
  switch (kind) {
    case QuoteKind::kFull: return v1::QUOTE_KIND_FULL;
    case QuoteKind::kPartial: return v1::QUOTE_KIND_PARTIAL;
    case QuoteKind::kScare: return v1::QUOTE_KIND_SCARE;
    case QuoteKind::kTitle: return v1::QUOTE_KIND_TITLE;
    case QuoteKind::kSlogan: return v1::QUOTE_KIND_SLOGAN;
    case QuoteKind::kHeading: return v1::QUOTE_KIND_HEADING;
  }
  return v1::QUOTE_KIND_UNSPECIFIED;
}

v1::SpeakerKind SpeakerKindToProto(SpeakerKind kind) {
  switch (kind) {
    case SpeakerKind::kUnknown: return v1::SPEAKER_KIND_UNKNOWN;
    case SpeakerKind::kPerson: return v1::SPEAKER_KIND_PERSON;
    case SpeakerKind::kOrganization: return v1::SPEAKER_KIND_ORGANIZATION;
    case SpeakerKind::kGroup: return v1::SPEAKER_KIND_GROUP;
  }
  return v1::SPEAKER_KIND_UNSPECIFIED;
}

v1::AttributionMethod AttributionToProto(Attribution attribution) {
  switch (attribution) {
    case Attribution::kNone: return v1::ATTRIBUTION_METHOD_NONE;
    case Attribution::kExplicit: return v1::ATTRIBUTION_METHOD_EXPLICIT;
    case Attribution::kPronoun: return v1::ATTRIBUTION_METHOD_PRONOUN;
    case Attribution::kDescription: return v1::ATTRIBUTION_METHOD_DESCRIPTION;
    case Attribution::kContinuation: return v1::ATTRIBUTION_METHOD_CONTINUATION;
    case Attribution::kEditorial: return v1::ATTRIBUTION_METHOD_EDITORIAL;
  }
  return v1::ATTRIBUTION_METHOD_UNSPECIFIED;
}

v1::SourceRelation SourceRelationToProto(SourceRelation relation) {
  switch (relation) {
    case SourceRelation::kPublisher: return v1::SOURCE_RELATION_PUBLISHER;
    case SourceRelation::kOutlet: return v1::SOURCE_RELATION_OUTLET;
    case SourceRelation::kWire: return v1::SOURCE_RELATION_WIRE;
  }
  return v1::SOURCE_RELATION_UNSPECIFIED;
}

}  // namespace quotewire
