#include "server/extract/tsv.h"

#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "server/core/absl_compat.h"

namespace quotewire {
namespace extract {

absl::StatusOr<std::vector<Row>> ReadTsv(const std::string& path,
                                         size_t min_cols) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  std::vector<Row> rows;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    Row row;
    row.line = number;
    for (absl::string_view part : absl::StrSplit(line, '\t')) {
      row.cols.emplace_back(part.data(), part.size());
    }
    if (row.cols.size() < min_cols) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ":", number, ": expected ", min_cols,
                       " tab-separated columns"));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

absl::Status Malformed(const std::string& path, int line,
                       std::string_view what) {
  return absl::InvalidArgumentError(
      absl::StrCat(path, ":", line, ": ", Sv(what)));
}

}  // namespace extract
}  // namespace quotewire
