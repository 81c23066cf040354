// Aligned text tables for the CLI, measured in terminal columns: UTF-8 aware,
// combining marks take no column, East Asian wide characters take two.
//
//   Table table({"SPEAKER", "QUOTE"});
//   table.SetMaxWidth(1, 60);
//   table.AddRow({"Alexander Lukashenko", "The elections were valid."});
//   table.Print(std::cout);
//
// Thread safety: not thread-safe; use one Table per thread.
#ifndef QUOTEWIRE_CLIENT_TABLE_H_
#define QUOTEWIRE_CLIENT_TABLE_H_

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace quotewire::cli {

// Terminal columns `text` occupies.
size_t DisplayWidth(std::string_view text);

// `text` cut to at most `width` columns, ending in "…" when cut. Never splits
// a UTF-8 sequence.
std::string Truncate(std::string_view text, size_t width);

// `text` on one line: each run of line breaks becomes " / ", each run of
// spaces and tabs one space, ends trimmed.
std::string OneLine(std::string_view text);

class Table {
 public:
  explicit Table(std::vector<std::string> headers);

  // Cells beyond `width` columns are truncated; 0 means no limit.
  void SetMaxWidth(size_t column, size_t width);
  void AddRow(std::vector<std::string> cells);
  size_t rows() const { return rows_.size(); }

  // Header, then rows, columns separated by two spaces; the last column is
  // not padded.
  void Print(std::ostream& out) const;

 private:
  std::vector<std::string> headers_;
  std::vector<size_t> max_widths_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace quotewire::cli

#endif  // QUOTEWIRE_CLIENT_TABLE_H_
