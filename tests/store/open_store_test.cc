// OpenStore's choice of store and RedactDbUri: no log line or error message
// that quotes --db or --db_read shows a password.
#include "server/store/open_store.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/store/store_test_util.h"

namespace quotewire {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(RedactDbUri, HidesEveryPasswordAndKeepsTheRest) {
  struct Case {
    std::string db;
    std::string redacted;
  };
  const Case cases[] = {
      {"./quotewire.db", "./quotewire.db"},
      {"postgresql://db.example/quotewire", "postgresql://db.example/quotewire"},
      {"postgresql://qw@db.example/quotewire",
       "postgresql://qw@db.example/quotewire"},
      {"postgresql://qw:s3cret@db.example:5432/quotewire",
       "postgresql://qw:****@db.example:5432/quotewire"},
      {"postgres://qw:s3cret@[::1]/quotewire?sslmode=require",
       "postgres://qw:****@[::1]/quotewire?sslmode=require"},
      // Unescaped '/' and '@' in the password.
      {"postgresql://qw:a/b@c@db.example/quotewire",
       "postgresql://qw:****@db.example/quotewire"},
      {"postgresql://db.example/quotewire?user=qw&password=s3cret&sslmode=require",
       "postgresql://db.example/quotewire?user=qw&password=****&sslmode=require"},
      {"postgresql://db.example/quotewire?PassWord=s3cret",
       "postgresql://db.example/quotewire?PassWord=****"},
      {"postgresql://qw:one@db.example/quotewire?password=two",
       "postgresql://qw:****@db.example/quotewire?password=****"},
      {"host=db.example password='s3 cret' dbname=quotewire",
       "host=db.example password=**** dbname=quotewire"},
      // Not a parameter of that name.
      {"postgresql://db.example/quotewire?old_password=x",
       "postgresql://db.example/quotewire?old_password=x"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(RedactDbUri(c.db), c.redacted) << c.db;
  }
}

// A mistyped scheme makes the URI a SQLite file name, which SQLite cannot
// create: the error and the store's log line name the file without its
// password.
TEST(OpenStore, ErrorsQuoteTheDbWithoutItsPassword) {
  testing_util::TempDb db;
  const std::string uri =
      db.path() + "-dir/postgresq://qw:s3cret@db.example/quotewire";
  testing::internal::CaptureStderr();
  absl::StatusOr<std::unique_ptr<Store>> store =
      OpenStore(testing_util::Options(uri, nullptr));
  const std::string logged = testing::internal::GetCapturedStderr();
  ASSERT_FALSE(store.ok());
  EXPECT_THAT(logged, Not(HasSubstr("s3cret")));
  EXPECT_THAT(std::string(store.status().message()), Not(HasSubstr("s3cret")));
  EXPECT_THAT(std::string(store.status().message()),
              HasSubstr("postgresq://qw:****@db.example/quotewire"));
}

}  // namespace
}  // namespace quotewire
