// Reading the tab-separated data files of data/extract/ (README.md there):
// UTF-8, one entry per line, `#` comment lines and blank lines skipped. The
// lines are those of ReadDataLines (people/data_file.h), the one reader of
// every data file, split at tabs.
#ifndef QUOTEWIRE_SERVER_EXTRACT_TSV_H_
#define QUOTEWIRE_SERVER_EXTRACT_TSV_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace quotewire {
namespace extract {

// One data line split at tabs, with its line number for error messages.
struct Row {
  int line = 0;
  std::vector<std::string> cols;
};

// The rows of `path` (trailing blanks of a line, empty last columns
// included, are dropped). NotFound when it cannot be opened, InvalidArgument
// naming file and line when a row has fewer than `min_cols` columns or is
// not valid UTF-8.
absl::StatusOr<std::vector<Row>> ReadTsv(const std::string& path,
                                         size_t min_cols);

// InvalidArgument "path:line: what".
absl::Status Malformed(const std::string& path, int line,
                       std::string_view what);

}  // namespace extract
}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_EXTRACT_TSV_H_
