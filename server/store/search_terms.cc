#include "server/store/search_terms.h"

#include <unicode/unistr.h>

#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "server/core/snowball.h"
#include "server/core/status_macros.h"
#include "server/store/sqlite_store_internal.h"

namespace quotewire::store_internal {
namespace {

// Rows re-indexed per read of quotes (ReindexSearchStems).
constexpr int kReindexBatch = 1000;

bool IsStemLanguage(std::string_view language) {
  return std::find(std::begin(kStemLanguages), std::end(kStemLanguages),
                   language) != std::end(kStemLanguages);
}

// `text` in Unicode lower case (root locale), as Snowball expects it.
std::string Lower(std::string_view text) {
  std::string out;
  icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())))
      .toLower()
      .toUTF8String(out);
  return out;
}

// The one folded word of `word`; empty when it folds into no word or
// several.
std::string FoldedWord(const NameAnalyzer& names, std::string_view word) {
  std::vector<std::string> words = FtsWords(names.Fold(word));
  return words.size() == 1 ? std::move(words[0]) : std::string();
}

}  // namespace

std::string StemsText(const NameAnalyzer& names, std::string_view text,
                      std::string_view primary_language) {
  if (!IsStemLanguage(primary_language)) return "";
  std::string out;
  std::set<std::string> seen;
  for (const std::string& word : FtsWords(Lower(text))) {
    std::string stem = FoldedWord(names, SnowballStem(primary_language, word));
    if (stem.empty() || !seen.insert(stem).second) continue;
    if (!out.empty()) out.push_back(' ');
    out += stem;
  }
  return out;
}

std::vector<QueryWord> SearchQueryWords(const NameAnalyzer& names,
                                        std::string_view query) {
  std::vector<QueryWord> out;
  std::set<std::string> seen;
  for (const std::string& word : FtsWords(Lower(query))) {
    std::vector<std::string> folded = FtsWords(names.Fold(word));
    for (std::string& exact : folded) {
      if (!seen.insert(exact).second) continue;
      QueryWord q;
      q.exact = std::move(exact);
      if (folded.size() == 1) {
        for (const char* language : kStemLanguages) {
          std::string stem = FoldedWord(names, SnowballStem(language, word));
          if (!stem.empty() && std::find(q.stems.begin(), q.stems.end(),
                                         stem) == q.stems.end()) {
            q.stems.push_back(std::move(stem));
          }
        }
      }
      out.push_back(std::move(q));
    }
  }
  return out;
}

absl::StatusOr<bool> ReindexSearchStems(Connection& conn,
                                        const NameAnalyzer& names) {
  bool rewrote = false;
  QW_RETURN_IF_ERROR(WithTransaction(conn, "BEGIN IMMEDIATE", [&]() -> absl::Status {
    {
      QW_ASSIGN_OR_RETURN(
          Stmt s,
          conn.Prepare("SELECT value FROM meta WHERE key = 'search_stems'"));
      QW_ASSIGN_OR_RETURN(bool row, s.Step());
      if (row && s.Text(0) == kSearchStemsFormat) return absl::OkStatus();
    }
    struct Row {
      int64_t rid;
      std::string stems;
    };
    int64_t after = INT64_MIN;
    while (true) {
      // Read a batch, then write it: SQLite does not let a statement change
      // the FTS table while another reads it.
      std::vector<Row> changed;
      int rows = 0;
      {
        QW_ASSIGN_OR_RETURN(
            Stmt s, conn.Prepare("SELECT q.rid, q.text, q.primary_language, "
                                 "f.stems FROM quotes q JOIN quote_fts f ON "
                                 "f.rowid = q.rid WHERE q.rid > ? "
                                 "ORDER BY q.rid LIMIT ?"));
        s.BindAll(after, int64_t{kReindexBatch});
        while (true) {
          QW_ASSIGN_OR_RETURN(bool row, s.Step());
          if (!row) break;
          ++rows;
          after = s.Int(0);
          std::string stems = StemsText(names, s.TextView(1), s.TextView(2));
          if (stems != s.TextView(3)) changed.push_back({after, std::move(stems)});
        }
      }
      for (const Row& r : changed) {
        QW_ASSIGN_OR_RETURN(
            Stmt s,
            conn.Prepare("UPDATE quote_fts SET stems = ? WHERE rowid = ?"));
        QW_RETURN_IF_ERROR(s.BindAll(r.stems, r.rid).RunDeferred());
      }
      if (rows < kReindexBatch) break;
    }
    QW_ASSIGN_OR_RETURN(
        Stmt s, conn.Prepare("INSERT INTO meta(key, value) "
                             "VALUES ('search_stems', ?) ON CONFLICT(key) "
                             "DO UPDATE SET value = excluded.value"));
    rewrote = true;
    return s.BindAll(std::string(kSearchStemsFormat)).Run();
  }));
  return rewrote;
}

}  // namespace quotewire::store_internal
