#include "server/service/request_validation.h"

#include <string>

#include "gtest/gtest.h"

namespace quotewire {
namespace {

struct ArticleCase {
  const char* name;
  std::string text;
  std::string id;
  std::string language;
  absl::StatusCode code;
  const char* message_prefix;  // the field path the message must start with
};

TEST(ValidateArticle, Table) {
  const ArticleCase cases[] = {
      {"ok", "He said \"yes\".", "", "", absl::StatusCode::kOk, ""},
      {"ok with id and tag", "Text.", "afp-2020.08.16_01", "nl-BE",
       absl::StatusCode::kOk, ""},
      {"empty", "", "", "", absl::StatusCode::kInvalidArgument,
       "article.text: required"},
      {"blank", "  \n\t ", "", "", absl::StatusCode::kInvalidArgument,
       "article.text: required"},
      {"invalid utf-8", "abc\xC3(", "", "", absl::StatusCode::kInvalidArgument,
       "article.text: invalid UTF-8"},
      {"overlong", "\xC0\xAF", "", "", absl::StatusCode::kInvalidArgument,
       "article.text: invalid UTF-8"},
      // Feeds carry damaged text: control characters are kept as sent.
      {"control char", std::string("a\x01b"), "", "", absl::StatusCode::kOk,
       ""},
      {"C1 control char (double-encoded UTF-8)", "Fran\xC3\x83\xC2\x83\xC3\x82\xC2\xA7ois",
       "", "", absl::StatusCode::kOk, ""},
      {"nul", std::string("a\0b", 3), "", "",
       absl::StatusCode::kInvalidArgument, "article.text: U+0000 at byte offset 1"},
      {"bad id", "Text.", "a/b", "", absl::StatusCode::kInvalidArgument,
       "article.id:"},
      {"long id", "Text.", std::string(129, 'x'), "",
       absl::StatusCode::kInvalidArgument, "article.id:"},
      {"bad tag", "Text.", "", "english", absl::StatusCode::kInvalidArgument,
       "article.language:"},
      {"bad tag chars", "Text.", "", "e n", absl::StatusCode::kInvalidArgument,
       "article.language:"},
      {"too large", std::string(101, 'a'), "", "",
       absl::StatusCode::kResourceExhausted, "article.text: 101 bytes"},
  };
  for (const ArticleCase& c : cases) {
    v1::Article article;
    article.set_text(c.text);
    article.set_id(c.id);
    article.set_language(c.language);
    const absl::Status status = ValidateArticle(article, "article", 100);
    EXPECT_EQ(status.code(), c.code) << c.name << ": " << status;
    EXPECT_EQ(std::string(status.message()).rfind(c.message_prefix, 0), 0u)
        << c.name << ": " << status;
  }
}

TEST(ValidateArticle, ShortFieldsStillRefuseControlCharacters) {
  v1::Article article;
  article.set_text("Text.");
  article.set_title("Fran\xC2\x83ois");
  const absl::Status status = ValidateArticle(article, "article", 100);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(std::string(status.message()).rfind("article.title: control", 0), 0u)
      << status;
}

TEST(ValidateSpeakerName, NeedsALetterOrAPeopleName) {
  for (const char* ok : {"Baker", "Zoë", "Лукашенко", "people/p123", "A.",
                         "Jean-Luc O'Neill"}) {
    EXPECT_TRUE(ValidateSpeakerName(ok, "person").ok()) << ok;
  }
  for (const char* bad : {"..", "!!!", "— …", "123", "  "}) {
    const absl::Status status = ValidateSpeakerName(bad, "person");
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(std::string(status.message()).rfind("person: ", 0), 0u) << status;
  }
  EXPECT_EQ(ValidateSpeakerName("..", "person").message(),
            "person: \"..\" is not a name (a name needs a letter)");
  EXPECT_FALSE(ValidateSpeakerName("people/a/b", "person").ok());
  EXPECT_FALSE(ValidateSpeakerName("people/", "person").ok());
}

TEST(ValidateArticle, TimestampOutOfRange) {
  v1::Article article;
  article.set_text("Text.");
  article.mutable_publish_time()->set_nanos(-1);
  const absl::Status status = ValidateArticle(article, "article", 100);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(std::string(status.message()).rfind("article.publish_time:", 0), 0u);
}

TEST(EffectivePageSize, DefaultsAndBounds) {
  EXPECT_EQ(*EffectivePageSize(0), kDefaultPageSize);
  EXPECT_EQ(*EffectivePageSize(1), 1);
  EXPECT_EQ(*EffectivePageSize(1000), 1000);
  for (int bad : {-1, 1001}) {
    const auto size = EffectivePageSize(bad);
    ASSERT_FALSE(size.ok());
    EXPECT_EQ(size.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(size.status().message(), "page_size: must be between 0 and 1000");
  }
}

TEST(Enums, UnknownValuesAreInvalid) {
  EXPECT_EQ(*OffsetUnitFromProto(v1::OFFSET_UNIT_UNSPECIFIED, "offset_unit"),
            OffsetUnit::kUtf8);
  EXPECT_EQ(*OffsetUnitFromProto(v1::OFFSET_UNIT_UTF16, "offset_unit"),
            OffsetUnit::kUtf16);
  EXPECT_EQ(*OffsetUnitFromProto(v1::OFFSET_UNIT_CODE_POINT, "offset_unit"),
            OffsetUnit::kCodePoint);
  const auto unit =
      OffsetUnitFromProto(static_cast<v1::OffsetUnit>(9), "offset_unit");
  ASSERT_FALSE(unit.ok());
  EXPECT_EQ(unit.status().message(), "offset_unit: unknown value 9");

  EXPECT_FALSE(SourceRelationFromProto(v1::SOURCE_RELATION_UNSPECIFIED, "r")
                   ->has_value());
  EXPECT_EQ(**SourceRelationFromProto(v1::SOURCE_RELATION_OUTLET, "r"),
            SourceRelation::kOutlet);
  EXPECT_FALSE(
      SourceRelationFromProto(static_cast<v1::SourceRelation>(42), "r").ok());
  EXPECT_FALSE(SpeakerKindFromProto(static_cast<v1::SpeakerKind>(-3), "k").ok());
  EXPECT_EQ(**SpeakerKindFromProto(v1::SPEAKER_KIND_GROUP, "k"),
            SpeakerKind::kGroup);
}

TEST(ResourceId, StripsPrefixAndRejectsMalformed) {
  EXPECT_EQ(*ResourceId("articles/abc", "articles/", "name"), "abc");
  EXPECT_EQ(*ResourceId("abc", "articles/", "name"), "abc");
  for (const char* bad : {"", "articles/", "articles/a/b", "a b", "quotes/\x01"}) {
    const auto id = ResourceId(bad, "articles/", "name");
    ASSERT_FALSE(id.ok()) << bad;
    EXPECT_EQ(id.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(std::string(id.status().message()).rfind("name:", 0), 0u);
  }
}

TEST(ValidateShortText, SingleLineAndBounded) {
  EXPECT_TRUE(ValidateShortText("Loekasjenko", "person", true).ok());
  EXPECT_TRUE(ValidateShortText("", "person", false).ok());
  EXPECT_EQ(ValidateShortText("", "person", true).message(), "person: required");
  EXPECT_FALSE(ValidateShortText("a\nb", "person", false).ok());
  EXPECT_FALSE(ValidateShortText(std::string(2000, 'a'), "query", false).ok());
  EXPECT_FALSE(ValidateShortText("\xFF", "query", false).ok());
}

TEST(ValidateLanguageTag, CommonForms) {
  for (const char* ok : {"", "en", "nl", "deu", "nl-BE", "zh-Hant-TW", "en-US"}) {
    EXPECT_TRUE(ValidateLanguageTag(ok, "language").ok()) << ok;
  }
  for (const char* bad : {"e", "english", "en-", "-en", "en--US", "en_US", "1a",
                          "en-abcdefghi"}) {
    EXPECT_FALSE(ValidateLanguageTag(bad, "language").ok()) << bad;
  }
}

}  // namespace
}  // namespace quotewire
