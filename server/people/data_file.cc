#include "server/people/data_file.h"

#include <fstream>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "server/core/utf8.h"

namespace quotewire {

absl::Status DataError(const std::string& path, int line,
                       const std::string& message) {
  return absl::InvalidArgumentError(
      absl::StrCat(path, ":", line, ": ", message));
}

absl::StatusOr<std::vector<DataLine>> ReadDataLines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  std::vector<DataLine> lines;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    while (!line.empty() &&
           (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
      line.pop_back();
    }
    size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    if (!ValidateUtf8(line, "line").ok()) {
      return DataError(path, number, "not valid UTF-8");
    }
    lines.push_back({number, std::move(line)});
  }
  if (in.bad())
    return absl::DataLossError(absl::StrCat("error reading ", path));
  return lines;
}

}  // namespace quotewire
