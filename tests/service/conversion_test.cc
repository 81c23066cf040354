#include <string>

#include "gtest/gtest.h"
#include "server/service/grpc_server.h"
#include "server/service/proto_conversion.h"
#include "server/service/status_conversion.h"

namespace quotewire {
namespace {

TEST(ToGrpcStatus, MapsCodesAndKeepsMessages) {
  struct Case {
    absl::Status in;
    grpc::StatusCode code;
  } cases[] = {
      {absl::InvalidArgumentError("article.text: required"),
       grpc::StatusCode::INVALID_ARGUMENT},
      {absl::NotFoundError("no article x"), grpc::StatusCode::NOT_FOUND},
      {absl::ResourceExhaustedError("too big"),
       grpc::StatusCode::RESOURCE_EXHAUSTED},
      {absl::FailedPreconditionError("alias"),
       grpc::StatusCode::FAILED_PRECONDITION},
      {absl::UnauthenticatedError("token"), grpc::StatusCode::UNAUTHENTICATED},
      {absl::PermissionDeniedError("read-only"),
       grpc::StatusCode::PERMISSION_DENIED},
      {absl::InternalError("db"), grpc::StatusCode::INTERNAL},
  };
  for (const Case& c : cases) {
    const grpc::Status s = ToGrpcStatus(c.in);
    EXPECT_EQ(s.error_code(), c.code);
    EXPECT_EQ(s.error_message(), std::string(c.in.message()));
  }
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok());
  EXPECT_EQ(ToGrpcStatus(absl::InternalError("")).error_message(), "INTERNAL");
}

TEST(QuoteToProto, OffsetsInEveryUnit) {
  // "Zoë" is 4 bytes / 3 code points; the emoji is 4 bytes / 2 UTF-16 units.
  const std::string text = "Zoë \xF0\x9F\x98\x80 said \xE2\x80\x9Cja\xE2\x80\x9D.";
  const std::string::size_type q = text.find("ja");
  Quote quote;
  quote.text = "ja";
  quote.spans = {{static_cast<int32_t>(q), static_cast<int32_t>(q + 2)}};
  quote.speaker.name = "Zoë";
  quote.speaker.mention = "Zoë";
  quote.speaker.mention_span = {0, 4};
  quote.attribution = Attribution::kExplicit;

  v1::Quote utf8;
  QuoteToProto(quote, nullptr, &utf8);
  EXPECT_EQ(utf8.spans(0).start(), static_cast<int32_t>(q));
  EXPECT_EQ(utf8.speaker().mention_span().end(), 4);
  EXPECT_EQ(utf8.attribution(), v1::ATTRIBUTION_METHOD_EXPLICIT);
  EXPECT_TRUE(utf8.name().empty());

  const OffsetConverter utf16(text, OffsetUnit::kUtf16);
  v1::Quote u16;
  QuoteToProto(quote, &utf16, &u16);
  // Z o ë space (4) + emoji (2) + " said " (6) + “ (1) = 13.
  EXPECT_EQ(u16.spans(0).start(), 13);
  EXPECT_EQ(u16.spans(0).end(), 15);
  EXPECT_EQ(u16.speaker().mention_span().end(), 3);

  const OffsetConverter cp(text, OffsetUnit::kCodePoint);
  v1::Quote cps;
  QuoteToProto(quote, &cp, &cps);
  EXPECT_EQ(cps.spans(0).start(), 12);
  EXPECT_EQ(cps.spans(0).end(), 14);
}

TEST(StoredQuoteToProto, ResourceNamesAndSources) {
  StoredQuote stored;
  stored.quote.id = "q1";
  stored.quote.text = "x";
  stored.quote.spans = {{0, 1}};
  stored.quote.speaker.name = "Maria Kolesnikova";
  stored.quote.speaker.person_id = "maria-kolesnikova";
  stored.article_id = "a1";
  stored.sources = {{"al-jazeera", "Al Jazeera", SourceRelation::kOutlet}};
  stored.publish_time = absl::FromUnixSeconds(1597536000);
  v1::Quote out;
  StoredQuoteToProto(stored, nullptr, &out);
  EXPECT_EQ(out.name(), "quotes/q1");
  EXPECT_EQ(out.article(), "articles/a1");
  EXPECT_EQ(out.speaker().person(), "people/maria-kolesnikova");
  ASSERT_EQ(out.sources_size(), 1);
  EXPECT_EQ(out.sources(0).source(), "sources/al-jazeera");
  EXPECT_EQ(out.sources(0).relation(), v1::SOURCE_RELATION_OUTLET);
  EXPECT_EQ(out.publish_time().seconds(), 1597536000);
}

TEST(QuoteToProto, NoSpeakerLeavesSpeakerUnset) {
  Quote quote;
  quote.text = "Leave!";
  quote.spans = {{1, 7}};
  quote.kind = QuoteKind::kSlogan;
  v1::Quote out;
  QuoteToProto(quote, nullptr, &out);
  EXPECT_FALSE(out.has_speaker());
  EXPECT_EQ(out.kind(), v1::QUOTE_KIND_SLOGAN);
  EXPECT_EQ(out.attribution(), v1::ATTRIBUTION_METHOD_NONE);
}

TEST(IsLoopbackAddress, Forms) {
  for (const char* yes : {"127.0.0.1:50051", "localhost:0", "[::1]:50051",
                          "127.1.2.3:1", "ipv4:127.0.0.1:80",
                          "[::ffff:127.0.0.1]:1"}) {
    EXPECT_TRUE(IsLoopbackAddress(yes)) << yes;
  }
  for (const char* no : {"0.0.0.0:50051", "[::]:50051", ":50051",
                         "10.0.0.5:50051", "[::ffff:10.0.0.5]:1"}) {
    EXPECT_FALSE(IsLoopbackAddress(no)) << no;
  }
}

TEST(RequireLoopback, DecidesOnTheResolvedAddressesNotTheSpelling) {
  // A name that starts like a loopback address but resolves elsewhere, one
  // that resolves to loopback and elsewhere, and one that resolves only to
  // loopback.
  const HostResolver resolve =
      [](const std::string& host) -> absl::StatusOr<std::vector<std::string>> {
    if (host == "127.evil.example") return std::vector<std::string>{"203.0.113.7"};
    if (host == "mixed.example") {
      return std::vector<std::string>{"127.0.0.1", "2001:db8::1"};
    }
    if (host == "local.example") return std::vector<std::string>{"127.0.0.1", "::1"};
    return absl::NotFoundError("cannot resolve");
  };
  const absl::Status evil = RequireLoopback("127.evil.example:50051", resolve);
  EXPECT_EQ(evil.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(evil.message(),
            "\"127.evil.example\" resolves to 203.0.113.7, which is not a "
            "loopback address");
  EXPECT_FALSE(RequireLoopback("mixed.example:1", resolve).ok());
  EXPECT_TRUE(RequireLoopback("local.example:1", resolve).ok());
  EXPECT_EQ(RequireLoopback("nowhere.example:1", resolve).code(),
            absl::StatusCode::kNotFound);
  // The system resolver: a name that does not resolve is refused too.
  EXPECT_FALSE(RequireLoopback("127.evil.invalid:50051").ok());
}

}  // namespace
}  // namespace quotewire
