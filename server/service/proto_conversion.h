// Conversions between the domain model (server/core/model.h,
// server/store/store.h) and the messages of quotewire.v1, including resource
// names ("articles/{id}") and offsets in the unit a client asked for.
//
// The model keeps UTF-8 byte offsets; an OffsetConverter built over the
// article text turns them into UTF-16 code units or code points. A null
// converter keeps UTF-8 byte offsets as they are (no article text needed).
//
// Thread safety: pure functions.
#ifndef QUOTEWIRE_SERVER_SERVICE_PROTO_CONVERSION_H_
#define QUOTEWIRE_SERVER_SERVICE_PROTO_CONVERSION_H_

#include <string>
#include <string_view>

#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"
#include "quotewire/v1/quotewire.pb.h"
#include "server/core/model.h"
#include "server/core/utf8.h"
#include "server/store/store.h"

namespace quotewire {

// Collection prefixes of the resource names.
inline constexpr std::string_view kArticlesPrefix = "articles/";
inline constexpr std::string_view kQuotesPrefix = "quotes/";
inline constexpr std::string_view kPeoplePrefix = "people/";
inline constexpr std::string_view kSourcesPrefix = "sources/";
inline constexpr std::string_view kTopicsPrefix = "topics/";
inline constexpr std::string_view kCorrectionsPrefix = "corrections/";

// prefix + id.
std::string ResourceName(std::string_view prefix, std::string_view id);

void TimeToProto(absl::Time time, google::protobuf::Timestamp* out);

// The client-supplied fields of an article. Expects a validated message
// (ValidateArticle).
Article ArticleFromProto(const v1::Article& article);

void ArticleToProto(const StoredArticle& article, v1::Article* out);

// A quote as extracted, without store fields (ExtractQuotes). `offsets` is
// built over the article text. The rvalue overloads move the strings into
// the message instead of copying them.
void QuoteToProto(const Quote& quote, const OffsetConverter* offsets,
                  v1::Quote* out);
void QuoteToProto(Quote&& quote, const OffsetConverter* offsets,
                  v1::Quote* out);

// A stored quote with its name, speaker person, article, sources and time.
void StoredQuoteToProto(const StoredQuote& quote, const OffsetConverter* offsets,
                        v1::Quote* out);
void StoredQuoteToProto(StoredQuote&& quote, const OffsetConverter* offsets,
                        v1::Quote* out);

// The store's listing encoding (QuoteEncoder): a v1.Quote in wire form with
// UTF-8 byte offsets, as StoredQuoteToProto writes it, without speaker.person
// and speaker.name, which AppendListedQuote adds from the entry.
class ListingEncoder final : public QuoteEncoder {
 public:
  // Changes with quotewire.proto and with kListingEncodingVersion.
  std::string format() const override;
  std::string Encode(const StoredQuote& quote) const override;
};

// Appends `entry` to the wire form of a ListQuotesResponse as one element
// of `quotes`: a message that parses as StoredQuoteToProto() of the quote
// (UTF-8 offsets) with the entry's person and speaker name.
void AppendListedQuote(const EncodedQuotePage::Entry& entry, std::string* out);
// Appends the `next_page_token` field of a ListQuotesResponse (nothing for an
// empty token).
void AppendNextPageToken(std::string_view token, std::string* out);

void PersonToProto(const PersonRecord& person, v1::Person* out);
void SourceToProto(const SourceRecord& source, v1::Source* out);
void TopicToProto(const TopicRecord& topic, v1::Topic* out);
void CorrectionToProto(const CorrectionRecord& correction,
                       v1::Correction* out);
void MergeSuggestionToProto(const MergeSuggestionRecord& suggestion,
                            v1::MergeSuggestion* out);

v1::QuoteKind QuoteKindToProto(QuoteKind kind);
v1::SpeakerKind SpeakerKindToProto(SpeakerKind kind);
v1::AttributionMethod AttributionToProto(Attribution attribution);
v1::SourceRelation SourceRelationToProto(SourceRelation relation);

}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_SERVICE_PROTO_CONVERSION_H_
