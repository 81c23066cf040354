// Reading the line-oriented data files of the people, sources and topics
// libraries: UTF-8 text, '#' starts a comment line, blank lines ignored.
//
// Thread safety: free functions without shared state.
#ifndef QUOTEWIRE_SERVER_PEOPLE_DATA_FILE_H_
#define QUOTEWIRE_SERVER_PEOPLE_DATA_FILE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace quotewire {

struct DataLine {
  int number = 0;    // 1-based line number in the file
  std::string text;  // the line without its line break and trailing spaces
};

// Reads the non-blank, non-comment lines of `path`. NotFound when the file
// does not exist; InvalidArgument (naming file and line) for a line that is
// not valid UTF-8.
absl::StatusOr<std::vector<DataLine>> ReadDataLines(const std::string& path);

// InvalidArgument "<path>:<line>: <message>".
absl::Status DataError(const std::string& path, int line,
                       const std::string& message);

}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_PEOPLE_DATA_FILE_H_
