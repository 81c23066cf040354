#include "server/service/request_validation.h"

#include <cstdint>

#include <unicode/uchar.h>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "server/core/absl_compat.h"
#include "server/core/status_macros.h"
#include "server/service/status_conversion.h"

namespace quotewire {
namespace {

absl::Status Invalid(std::string_view field, std::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(Sv(field), ": ", Sv(what)));
}

std::string Path(std::string_view field, std::string_view sub) {
  return absl::StrCat(Sv(field), ".", Sv(sub));
}

bool IsBlank(std::string_view text) {
  for (char c : text) {
    if (!absl::ascii_isspace(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

bool IsIdChar(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-' ||
         c == '_' || c == '.';
}

// Timestamp bounds of google.protobuf.Timestamp: 0001-01-01T00:00:00Z and
// 9999-12-31T23:59:59Z.
constexpr int64_t kMinTimestampSeconds = -62135596800;
constexpr int64_t kMaxTimestampSeconds = 253402300799;

}  // namespace

absl::Status ValidateText(std::string_view text, std::string_view field,
                          bool required) {
  if (required && IsBlank(text)) return Invalid(field, "required");
  QW_RETURN_IF_ERROR(ValidateUtf8(text, field));
  return ValidateNoControlCharacters(text, field);
}

absl::Status ValidateArticleText(std::string_view text, std::string_view field,
                                 bool required) {
  if (required && IsBlank(text)) return Invalid(field, "required");
  QW_RETURN_IF_ERROR(ValidateUtf8(text, field));
  const size_t nul = text.find('\0');
  if (nul != std::string_view::npos) {
    return Invalid(field, absl::StrCat("U+0000 at byte offset ", nul));
  }
  return absl::OkStatus();
}

absl::Status ValidateSpeakerName(std::string_view name, std::string_view field) {
  QW_RETURN_IF_ERROR(ValidateShortText(name, field, true));
  constexpr std::string_view kPeople = "people/";
  if (name.substr(0, kPeople.size()) == kPeople) {
    return ResourceId(name, kPeople, field).status();
  }
  size_t pos = 0;
  while (pos < name.size()) {
    if (u_isalpha(static_cast<UChar32>(DecodeUtf8(name, &pos)))) {
      return absl::OkStatus();
    }
  }
  return Invalid(field, absl::StrCat("\"", Sv(name.substr(0, 80)),
                                     "\" is not a name (a name needs a letter)"));
}

absl::Status ValidateShortText(std::string_view text, std::string_view field,
                               bool required) {
  if (text.size() > kMaxShortFieldBytes) {
    return Invalid(field, absl::StrCat("longer than ", kMaxShortFieldBytes,
                                       " bytes"));
  }
  QW_RETURN_IF_ERROR(ValidateText(text, field, required));
  if (text.find_first_of("\r\n") != std::string_view::npos) {
    return Invalid(field, "must be a single line");
  }
  return absl::OkStatus();
}

absl::Status ValidateClientId(std::string_view id, std::string_view field) {
  if (id.empty()) return Invalid(field, "required");
  if (id.size() > 128) return Invalid(field, "longer than 128 characters");
  for (char c : id) {
    if (!IsIdChar(c)) {
      return Invalid(field,
                     "may hold only letters, digits, '-', '_' and '.'");
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateLanguageTag(std::string_view tag, std::string_view field) {
  if (tag.empty()) return absl::OkStatus();
  const absl::Status bad = Invalid(
      field, absl::StrCat("\"", Sv(tag.substr(0, 40)),
                          "\" is not a BCP-47 language tag (\"en\", \"nl-BE\")"));
  if (tag.size() > 35) return bad;
  size_t pos = 0;
  bool first = true;
  while (pos <= tag.size()) {
    size_t end = tag.find('-', pos);
    if (end == std::string_view::npos) end = tag.size();
    const std::string_view sub = tag.substr(pos, end - pos);
    if (first) {
      if (sub.size() < 2 || sub.size() > 3) return bad;
      for (char c : sub) {
        if (!absl::ascii_isalpha(static_cast<unsigned char>(c))) return bad;
      }
    } else {
      if (sub.empty() || sub.size() > 8) return bad;
      for (char c : sub) {
        if (!absl::ascii_isalnum(static_cast<unsigned char>(c))) return bad;
      }
    }
    first = false;
    pos = end + 1;
  }
  return absl::OkStatus();
}

absl::StatusOr<absl::Time> TimeFromProto(const google::protobuf::Timestamp& ts,
                                         std::string_view field) {
  if (ts.seconds() < kMinTimestampSeconds ||
      ts.seconds() > kMaxTimestampSeconds) {
    return Invalid(field, "seconds out of range");
  }
  if (ts.nanos() < 0 || ts.nanos() > 999999999) {
    return Invalid(field, "nanos must be between 0 and 999999999");
  }
  return absl::FromUnixSeconds(ts.seconds()) + absl::Nanoseconds(ts.nanos());
}

absl::Status ValidateArticle(const v1::Article& article, std::string_view field,
                             int64_t max_text_bytes) {
  const std::string text_field = Path(field, "text");
  if (static_cast<int64_t>(article.text().size()) > max_text_bytes) {
    return RequestTooLargeError(text_field, absl::StrCat(
        text_field, ": ", article.text().size(),
        " bytes is larger than the limit of ", max_text_bytes, " bytes"));
  }
  QW_RETURN_IF_ERROR(ValidateArticleText(article.text(), text_field, true));
  if (!article.id().empty()) {
    QW_RETURN_IF_ERROR(ValidateClientId(article.id(), Path(field, "id")));
  }
  QW_RETURN_IF_ERROR(ValidateShortText(article.title(), Path(field, "title"),
                                       false));
  QW_RETURN_IF_ERROR(ValidateShortText(article.publisher(),
                                       Path(field, "publisher"), false));
  QW_RETURN_IF_ERROR(ValidateShortText(article.url(), Path(field, "url"),
                                       false));
  if (article.url().find_first_of(" \t") != std::string::npos) {
    return Invalid(Path(field, "url"), "must not contain whitespace");
  }
  QW_RETURN_IF_ERROR(
      ValidateLanguageTag(article.language(), Path(field, "language")));
  if (article.has_publish_time()) {
    QW_RETURN_IF_ERROR(
        TimeFromProto(article.publish_time(), Path(field, "publish_time"))
            .status());
  }
  return absl::OkStatus();
}

absl::StatusOr<int32_t> EffectivePageSize(int32_t page_size,
                                          std::string_view field) {
  if (page_size < 0 || page_size > kMaxPageSize) {
    return Invalid(field,
                   absl::StrCat("must be between 0 and ", kMaxPageSize));
  }
  return page_size == 0 ? kDefaultPageSize : page_size;
}

absl::StatusOr<OffsetUnit> OffsetUnitFromProto(v1::OffsetUnit unit,
                                               std::string_view field) {
  switch (unit) {
    case v1::OFFSET_UNIT_UNSPECIFIED:
    case v1::OFFSET_UNIT_UTF8:
      return OffsetUnit::kUtf8;
    case v1::OFFSET_UNIT_UTF16:
      return OffsetUnit::kUtf16;
    case v1::OFFSET_UNIT_CODE_POINT:
      return OffsetUnit::kCodePoint;
    default:
      return Invalid(field, absl::StrCat("unknown value ", unit));
  }
}

absl::StatusOr<std::optional<SourceRelation>> SourceRelationFromProto(
    v1::SourceRelation relation, std::string_view field) {
  switch (relation) {
    case v1::SOURCE_RELATION_UNSPECIFIED:
      return std::optional<SourceRelation>();
    case v1::SOURCE_RELATION_PUBLISHER:
      return std::optional<SourceRelation>(SourceRelation::kPublisher);
    case v1::SOURCE_RELATION_OUTLET:
      return std::optional<SourceRelation>(SourceRelation::kOutlet);
    case v1::SOURCE_RELATION_WIRE:
      return std::optional<SourceRelation>(SourceRelation::kWire);
    default:
      return Invalid(field, absl::StrCat("unknown value ", relation));
  }
}

absl::StatusOr<std::optional<SpeakerKind>> SpeakerKindFromProto(
    v1::SpeakerKind kind, std::string_view field) {
  switch (kind) {
    case v1::SPEAKER_KIND_UNSPECIFIED:
      return std::optional<SpeakerKind>();
    case v1::SPEAKER_KIND_PERSON:
      return std::optional<SpeakerKind>(SpeakerKind::kPerson);
    case v1::SPEAKER_KIND_ORGANIZATION:
      return std::optional<SpeakerKind>(SpeakerKind::kOrganization);
    case v1::SPEAKER_KIND_GROUP:
      return std::optional<SpeakerKind>(SpeakerKind::kGroup);
    case v1::SPEAKER_KIND_UNKNOWN:
      return std::optional<SpeakerKind>(SpeakerKind::kUnknown);
    default:
      return Invalid(field, absl::StrCat("unknown value ", kind));
  }
}

absl::StatusOr<std::string> ResourceId(std::string_view name,
                                       std::string_view prefix,
                                       std::string_view field) {
  if (name.empty()) return Invalid(field, "required");
  std::string_view id = name;
  if (id.substr(0, prefix.size()) == prefix) id.remove_prefix(prefix.size());
  if (id.empty()) return Invalid(field, "required");
  if (id.size() > 256) return Invalid(field, "longer than 256 bytes");
  for (char c : id) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7F || c == '/') {
      return Invalid(field, absl::StrCat("malformed name \"",
                                         Sv(name.substr(0, 80)), "\""));
    }
  }
  return std::string(id);
}

}  // namespace quotewire
