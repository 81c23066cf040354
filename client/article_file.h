// Reading an article from a text file for `quotewire extract|ingest`.
//
// A file may open with `Key: value` header lines followed by one blank line;
// the article text is everything after that blank line:
//
//   Title: Minister defends budget
//   Publisher: Reuters
//   Language: en
//   Published: 2024-03-01T09:30:00Z     (RFC 3339, or just 2024-03-01)
//   Id: reuters-2024-03-01-budget
//   URL: https://example.com/budget
//
//   The article text...
//
// Keys are case-insensitive; all are optional. Headers are recognised only
// when every line before the first blank line is a known `Key: value` line;
// otherwise the whole file is the text, byte for byte. A UTF-8 byte order
// mark is dropped.
//
// Thread safety: pure functions.
#ifndef QUOTEWIRE_CLIENT_ARTICLE_FILE_H_
#define QUOTEWIRE_CLIENT_ARTICLE_FILE_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "quotewire/v1/quotewire.pb.h"

namespace quotewire::cli {

// Splits headers from text. InvalidArgument naming `file_name` for a bad
// `Published:` value.
absl::StatusOr<v1::Article> ParseArticleFile(std::string_view contents,
                                             std::string_view file_name);

// Reads and parses a file. NotFound when it cannot be read.
absl::StatusOr<v1::Article> ReadArticleFile(const std::string& path);

// Parses "2024-03-01", "2024-03-01T09:30:00Z" or "2024-03-01T09:30:00+02:00".
absl::StatusOr<absl::Time> ParseTimeArg(std::string_view value,
                                        std::string_view what);

}  // namespace quotewire::cli

#endif  // QUOTEWIRE_CLIENT_ARTICLE_FILE_H_
