// Validation of request fields. Every error is InvalidArgument (or
// ResourceExhausted for oversized text) with a message that starts with the
// field path: "article.text: required", "page_size: must be between 0 and
// 1000", "offset_unit: unknown value 9".
//
// Thread safety: pure functions.
#ifndef QUOTEWIRE_SERVER_SERVICE_REQUEST_VALIDATION_H_
#define QUOTEWIRE_SERVER_SERVICE_REQUEST_VALIDATION_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"
#include "quotewire/v1/quotewire.pb.h"
#include "server/core/model.h"
#include "server/core/utf8.h"

namespace quotewire {

// Default and maximum page sizes of every List method.
inline constexpr int32_t kDefaultPageSize = 50;
inline constexpr int32_t kMaxPageSize = 1000;
// Longest accepted value of a name, query or other short text field.
inline constexpr size_t kMaxShortFieldBytes = 1024;

// Valid UTF-8 without control characters (tab, newline and carriage return
// allowed). With `required`, also non-empty (not just whitespace).
absl::Status ValidateText(std::string_view text, std::string_view field,
                          bool required);

// A short single-line field (names, queries, editor): ValidateText plus at
// most kMaxShortFieldBytes bytes and no newline.
absl::Status ValidateShortText(std::string_view text, std::string_view field,
                               bool required);

// The text of an article: any valid UTF-8 except U+0000, kept as sent.
// Control characters (C0 and C1, as in double-encoded "FranÃ\u0083Â§ois"
// from real feeds) are accepted: extraction treats them as spaces and every
// offset still counts them. With `required`, also not blank.
absl::Status ValidateArticleText(std::string_view text, std::string_view field,
                                 bool required);

// A speaker name given by a client (ReattributeQuote.person): a short text
// (ValidateShortText) that is either a resource name "people/{id}" with a
// well-formed id, or a name holding at least one letter ("..", "!!!" are not
// names). The caller checks that a "people/" name exists.
absl::Status ValidateSpeakerName(std::string_view name, std::string_view field);

// An article as sent for extraction or ingestion. `field` is the path of the
// message ("article"). ResourceExhausted when the text is larger than
// `max_text_bytes`; InvalidArgument for a missing or malformed text, id,
// language tag, URL, title, publisher or timestamp. The text follows
// ValidateArticleText; the short fields refuse control characters.
absl::Status ValidateArticle(const v1::Article& article, std::string_view field,
                             int64_t max_text_bytes);

// A client id: 1..128 of letters, digits, '-', '_', '.'.
absl::Status ValidateClientId(std::string_view id, std::string_view field);

// A BCP-47 tag in its common form: a 2-3 letter primary subtag, then subtags
// of 1-8 letters or digits separated by '-' ("en", "nl-BE", "zh-Hant-TW").
// Empty is allowed (means "not given").
absl::Status ValidateLanguageTag(std::string_view tag, std::string_view field);

// A Timestamp inside 0001-01-01..9999-12-31 with nanos in [0, 1e9).
absl::StatusOr<absl::Time> TimeFromProto(const google::protobuf::Timestamp& ts,
                                         std::string_view field);

// 0 means the default (kDefaultPageSize); negative or above kMaxPageSize is
// InvalidArgument naming `field`.
absl::StatusOr<int32_t> EffectivePageSize(int32_t page_size,
                                          std::string_view field = "page_size");

// Enum values. UNSPECIFIED maps to the documented default (UTF-8 bytes; no
// relation; no kind); a value the API does not define is InvalidArgument.
absl::StatusOr<OffsetUnit> OffsetUnitFromProto(v1::OffsetUnit unit,
                                               std::string_view field);
absl::StatusOr<std::optional<SourceRelation>> SourceRelationFromProto(
    v1::SourceRelation relation, std::string_view field);
absl::StatusOr<std::optional<SpeakerKind>> SpeakerKindFromProto(
    v1::SpeakerKind kind, std::string_view field);

// Strips `prefix` ("articles/") from `name` when present. InvalidArgument
// naming `field` when the rest is empty, longer than 256 bytes, or holds
// anything but printable ASCII without '/' and spaces.
absl::StatusOr<std::string> ResourceId(std::string_view name,
                                       std::string_view prefix,
                                       std::string_view field);

}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_SERVICE_REQUEST_VALIDATION_H_
