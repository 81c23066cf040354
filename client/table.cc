#include "client/table.h"

#include <algorithm>
#include <utility>

#include "absl/strings/match.h"
#include "server/core/utf8.h"

namespace quotewire::cli {
namespace {

bool IsCombining(char32_t cp) {
  return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
         (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
         (cp >= 0xFE20 && cp <= 0xFE2F) || cp == 0x200B || cp == 0x200C ||
         cp == 0x200D || cp == 0xFE0F;
}

bool IsWide(char32_t cp) {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
         (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
         (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
         (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

size_t CharWidth(char32_t cp) {
  if (IsCombining(cp)) return 0;
  return IsWide(cp) ? 2 : 1;
}

}  // namespace

size_t DisplayWidth(std::string_view text) {
  size_t width = 0;
  size_t pos = 0;
  while (pos < text.size()) width += CharWidth(DecodeUtf8(text, &pos));
  return width;
}

std::string Truncate(std::string_view text, size_t width) {
  if (DisplayWidth(text) <= width) return std::string(text);
  if (width == 0) return "";
  // Keep characters while they and the ellipsis fit.
  size_t used = 0;
  size_t pos = 0;
  size_t keep = 0;
  while (pos < text.size()) {
    size_t next = pos;
    const size_t w = CharWidth(DecodeUtf8(text, &next));
    if (used + w > width - 1) break;
    used += w;
    pos = next;
    keep = pos;
  }
  std::string out(text.substr(0, keep));
  while (!out.empty() && out.back() == ' ') out.pop_back();
  out += "\u2026";
  return out;
}

std::string OneLine(std::string_view text) {
  std::string out;
  bool space = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      if (absl::EndsWith(out, " / ")) continue;  // a run of line breaks
      while (!out.empty() && out.back() == ' ') out.pop_back();
      if (!out.empty()) out += " / ";
      space = false;
      continue;
    }
    if (c == ' ' || c == '\t') {
      space = true;
      continue;
    }
    if (space && !out.empty() && out.back() != ' ') out += ' ';
    space = false;
    out += c;
  }
  if (absl::EndsWith(out, " / ")) out.resize(out.size() - 3);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

Table::Table(std::vector<std::string> headers)
    : headers_(std::move(headers)), max_widths_(headers_.size(), 0) {}

void Table::SetMaxWidth(size_t column, size_t width) {
  if (column < max_widths_.size()) max_widths_[column] = width;
}

void Table::AddRow(std::vector<std::string> cells) {
  cells.resize(headers_.size());
  for (size_t i = 0; i < cells.size(); ++i) {
    cells[i] = OneLine(cells[i]);
    if (max_widths_[i] > 0) cells[i] = Truncate(cells[i], max_widths_[i]);
  }
  rows_.push_back(std::move(cells));
}

void Table::Print(std::ostream& out) const {
  std::vector<size_t> widths(headers_.size(), 0);
  for (size_t i = 0; i < headers_.size(); ++i) {
    widths[i] = DisplayWidth(headers_[i]);
    for (const auto& row : rows_) widths[i] = std::max(widths[i], DisplayWidth(row[i]));
  }
  const auto print_row = [&](const std::vector<std::string>& cells) {
    std::string line;
    for (size_t i = 0; i < cells.size(); ++i) {
      line += cells[i];
      if (i + 1 < cells.size()) {
        line.append(widths[i] - DisplayWidth(cells[i]) + 2, ' ');
      }
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
  };
  print_row(headers_);
  for (const auto& row : rows_) print_row(row);
}

}  // namespace quotewire::cli
