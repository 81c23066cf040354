#include "client/article_file.h"

#include <fstream>
#include <sstream>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "server/core/absl_compat.h"

namespace quotewire::cli {

absl::StatusOr<absl::Time> ParseTimeArg(std::string_view value,
                                        std::string_view what) {
  const std::string v(absl::StripAsciiWhitespace(Sv(value)));
  absl::Time time;
  std::string error;
  if (absl::ParseTime(absl::RFC3339_full, v, &time, &error)) return time;
  if (absl::ParseTime("%Y-%m-%d", v, absl::UTCTimeZone(), &time, &error)) {
    return time;
  }
  if (absl::ParseTime("%Y-%m-%d %H:%M", v, absl::UTCTimeZone(), &time, &error)) {
    return time;
  }
  return absl::InvalidArgumentError(absl::StrCat(
      Sv(what), ": \"", v,
      "\" is not a time (use 2024-03-01 or 2024-03-01T09:30:00Z)"));
}

absl::StatusOr<v1::Article> ParseArticleFile(std::string_view contents,
                                             std::string_view file_name) {
  if (contents.substr(0, 3) == "\xEF\xBB\xBF") contents.remove_prefix(3);
  v1::Article article;
  article.set_text(std::string(contents));

  // Header block: lines up to the first empty line.
  size_t block_end = contents.find("\n\n");
  size_t crlf_end = contents.find("\r\n\r\n");
  size_t text_start;
  if (crlf_end != std::string_view::npos &&
      (block_end == std::string_view::npos || crlf_end < block_end)) {
    block_end = crlf_end;
    text_start = crlf_end + 4;
  } else if (block_end != std::string_view::npos) {
    text_start = block_end + 2;
  } else {
    return article;
  }
  const std::string_view block = contents.substr(0, block_end);
  struct Header {
    std::string key;
    std::string value;
  };
  std::vector<Header> headers;
  for (absl::string_view line : absl::StrSplit(Sv(block), '\n')) {
    line = absl::StripTrailingAsciiWhitespace(line);
    const size_t colon = line.find(':');
    if (colon == absl::string_view::npos) return article;
    const std::string key =
        absl::AsciiStrToLower(absl::StripAsciiWhitespace(line.substr(0, colon)));
    if (key != "title" && key != "publisher" && key != "language" &&
        key != "published" && key != "id" && key != "url") {
      return article;
    }
    headers.push_back(
        {key, std::string(absl::StripAsciiWhitespace(line.substr(colon + 1)))});
  }
  if (headers.empty()) return article;
  for (const Header& h : headers) {
    if (h.key == "title") article.set_title(h.value);
    if (h.key == "publisher") article.set_publisher(h.value);
    if (h.key == "language") article.set_language(h.value);
    if (h.key == "id") article.set_id(h.value);
    if (h.key == "url") article.set_url(h.value);
    if (h.key == "published") {
      absl::StatusOr<absl::Time> time =
          ParseTimeArg(h.value, absl::StrCat(Sv(file_name), ": Published"));
      if (!time.ok()) return time.status();
      const int64_t seconds = absl::ToUnixSeconds(*time);
      article.mutable_publish_time()->set_seconds(seconds);
    }
  }
  article.set_text(std::string(contents.substr(text_start)));
  return article;
}

absl::StatusOr<v1::Article> ReadArticleFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot read"));
  std::ostringstream contents;
  contents << in.rdbuf();
  return ParseArticleFile(contents.str(), path);
}

}  // namespace quotewire::cli
