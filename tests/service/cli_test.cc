// Unit tests of the CLI's pure parts: argument parsing, article files with
// headers, and UTF-8 aware tables.
#include <sstream>
#include <string>

#include "client/article_file.h"
#include "client/cli_args.h"
#include "client/commands.h"
#include "client/table.h"
#include "gtest/gtest.h"

namespace quotewire::cli {
namespace {

TEST(ParseArgs, FlagsAnywhereAndDashesOrUnderscores) {
  const auto args = ParseArgs(
      {"--server", "h:1", "quotes", "--person=Lukashenko", "--all-kinds",
       "--limit", "5", "--", "--not-a-flag"},
      BooleanFlags(), ValueFlags());
  ASSERT_TRUE(args.ok()) << args.status();
  EXPECT_EQ(args->positional,
            (std::vector<std::string>{"quotes", "--not-a-flag"}));
  EXPECT_EQ(args->Get("server"), "h:1");
  EXPECT_EQ(args->Get("person"), "Lukashenko");
  EXPECT_TRUE(args->GetBool("all_kinds"));
  EXPECT_EQ(args->Get("limit"), "5");
}

TEST(ParseArgs, Errors) {
  EXPECT_FALSE(ParseArgs({"quotes", "--bogus"}, BooleanFlags(), ValueFlags()).ok());
  EXPECT_FALSE(ParseArgs({"quotes", "--person"}, BooleanFlags(), ValueFlags()).ok());
  EXPECT_FALSE(ParseArgs({"--json=maybe"}, BooleanFlags(), ValueFlags()).ok());
}

TEST(ParseArticleFile, Headers) {
  const auto article = ParseArticleFile(
      "Title: Minister defends budget\n"
      "Publisher: Reuters\n"
      "language: en\n"
      "Published: 2024-03-01T09:30:00Z\n"
      "Id: reuters-1\n"
      "URL: https://example.com/a\n"
      "\n"
      "\"It adds up,\" she said.\n",
      "a.txt");
  ASSERT_TRUE(article.ok()) << article.status();
  EXPECT_EQ(article->title(), "Minister defends budget");
  EXPECT_EQ(article->publisher(), "Reuters");
  EXPECT_EQ(article->language(), "en");
  EXPECT_EQ(article->id(), "reuters-1");
  EXPECT_EQ(article->url(), "https://example.com/a");
  EXPECT_EQ(article->publish_time().seconds(), 1709285400);
  EXPECT_EQ(article->text(), "\"It adds up,\" she said.\n");
}

TEST(ParseArticleFile, NoHeadersKeepsTheWholeFile) {
  const char* texts[] = {
      "Belarus protests grow\n\nThe opposition said: \"We stay.\"\n",
      "Note: not a header block\n\nText.\n",  // unknown key
      "One paragraph only.",
  };
  for (const char* text : texts) {
    const auto article = ParseArticleFile(text, "a.txt");
    ASSERT_TRUE(article.ok());
    EXPECT_EQ(article->text(), text);
    EXPECT_TRUE(article->title().empty());
  }
}

TEST(ParseArticleFile, BadDateNamesFile) {
  const auto article = ParseArticleFile("Published: yesterday\n\nText.", "x.txt");
  ASSERT_FALSE(article.ok());
  EXPECT_NE(article.status().message().find("x.txt: Published"), std::string::npos);
}

TEST(ParseTimeArg, Forms) {
  EXPECT_EQ(absl::ToUnixSeconds(*ParseTimeArg("2020-08-16", "t")), 1597536000);
  EXPECT_EQ(absl::ToUnixSeconds(*ParseTimeArg("2020-08-16T02:00:00+02:00", "t")),
            1597536000);
  EXPECT_FALSE(ParseTimeArg("16/08/2020", "t").ok());
}

TEST(Table, DisplayWidthAndTruncation) {
  EXPECT_EQ(DisplayWidth("abc"), 3u);
  EXPECT_EQ(DisplayWidth("Лукашенко"), 9u);
  EXPECT_EQ(DisplayWidth("e\xCC\x81"), 1u);       // e + combining acute
  EXPECT_EQ(DisplayWidth("\xE4\xB8\xAD"), 2u);    // 中
  EXPECT_EQ(Truncate("Лукашенко", 5), "Лука\u2026");
  EXPECT_EQ(Truncate("short", 10), "short");
  EXPECT_EQ(DisplayWidth(Truncate("中中中中", 5)), 5u);
  EXPECT_EQ(OneLine("a\n\nb  c\r\nd "), "a / b c / d");
  EXPECT_EQ(OneLine("\n a\n\n"), "a");
}

TEST(Table, AlignsOnDisplayColumns) {
  Table table({"NAME", "N"});
  table.AddRow({"Лукашенко", "1"});
  table.AddRow({"Ann", "22"});
  std::ostringstream out;
  table.Print(out);
  EXPECT_EQ(out.str(),
            "NAME       N\n"
            "Лукашенко  1\n"
            "Ann        22\n");
}

}  // namespace
}  // namespace quotewire::cli
