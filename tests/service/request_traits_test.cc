// Decoding of request messages (quotewire/v1/request_traits.h): an
// undecodable request names its field.
#include "quotewire/v1/request_traits.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "quotewire/v1/quotewire.pb.h"

namespace quotewire::v1 {
namespace {

using ::testing::StartsWith;

grpc::ByteBuffer Buffer(const std::string& bytes) {
  grpc::Slice slice(bytes);
  return grpc::ByteBuffer(&slice, 1);
}

TEST(DescribeMalformed, NamesTheStringFieldWithInvalidUtf8) {
  IngestArticleRequest ingest;
  ingest.mutable_article()->set_id("ok");
  ingest.mutable_article()->set_text("caf\xC3\x28");
  EXPECT_EQ(DescribeMalformed(ingest.SerializeAsString(),
                              *IngestArticleRequest::descriptor()),
            "article.text: invalid UTF-8 at byte offset 3");

  MergePeopleRequest merge;
  merge.set_person("Baker");
  merge.add_people("Olsen");
  merge.add_people("\xFF");
  EXPECT_EQ(DescribeMalformed(merge.SerializeAsString(),
                              *MergePeopleRequest::descriptor()),
            "people[1]: invalid UTF-8 at byte offset 0");

  EXPECT_EQ(DescribeMalformed("\xFF\xFF\xFF", *ListQuotesRequest::descriptor()),
            "request: malformed message (not a quotewire.v1.ListQuotesRequest)");
  // Well-formed wire data that the parser still refuses: no field to blame.
  EXPECT_EQ(DescribeMalformed(std::string("\x0a\x05\x0a", 3),
                              *IngestArticleRequest::descriptor()),
            "article: truncated");
}

TEST(DecodeRequest, InvalidArgumentNamingTheFieldWithoutALogLine) {
  GetPersonRequest request;
  request.set_name("Lef\xC3\xA8vre\xE2\x82");
  std::string bytes;
  request.SerializeToString(&bytes);
  QuietParseErrorLog();
  ::testing::internal::CaptureStderr();
  grpc::ByteBuffer buffer = Buffer(bytes);
  GetPersonRequest decoded;
  const grpc::Status status = DecodeRequest(&buffer, &decoded);
  const std::string log = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "name: invalid UTF-8 at byte offset 8");
  EXPECT_EQ(log, "");

  request.set_name("Lefèvre");
  buffer = Buffer(request.SerializeAsString());
  ASSERT_TRUE(DecodeRequest(&buffer, &decoded).ok());
  EXPECT_EQ(decoded.name(), "Lefèvre");
}

TEST(DecodeStreamedRequest, LeavesTheErrorInTheMessage) {
  grpc::ByteBuffer buffer = Buffer("\xFF\xFF");
  BatchIngestArticlesRequest decoded;
  ASSERT_TRUE(DecodeStreamedRequest(&buffer, &decoded).ok());
  ASSERT_TRUE(DecodeError(decoded).has_value());
  EXPECT_THAT(*DecodeError(decoded), StartsWith("request: malformed message"));
  EXPECT_FALSE(decoded.has_article());

  BatchIngestArticlesRequest good;
  good.mutable_article()->set_text("Text.");
  buffer = Buffer(good.SerializeAsString());
  ASSERT_TRUE(DecodeStreamedRequest(&buffer, &decoded).ok());
  EXPECT_FALSE(DecodeError(decoded).has_value());
  EXPECT_EQ(decoded.article().text(), "Text.");
}

}  // namespace
}  // namespace quotewire::v1
