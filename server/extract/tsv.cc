#include "server/extract/tsv.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "server/people/data_file.h"

namespace quotewire {
namespace extract {

// The lines come from the one reader of data files (people/data_file.h):
// comments, blank lines, line ends, UTF-8 and read errors are handled there.
absl::StatusOr<std::vector<Row>> ReadTsv(const std::string& path,
                                         size_t min_cols) {
  absl::StatusOr<std::vector<DataLine>> lines = ReadDataLines(path);
  if (!lines.ok()) return lines.status();
  std::vector<Row> rows;
  rows.reserve(lines->size());
  for (DataLine& line : *lines) {
    Row row;
    row.line = line.number;
    for (absl::string_view part : absl::StrSplit(line.text, '\t')) {
      row.cols.emplace_back(part.data(), part.size());
    }
    if (row.cols.size() < min_cols) {
      return Malformed(path, line.number,
                       absl::StrCat("expected ", min_cols,
                                    " tab-separated columns"));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

absl::Status Malformed(const std::string& path, int line,
                       std::string_view what) {
  return DataError(path, line, std::string(what));
}

}  // namespace extract
}  // namespace quotewire
