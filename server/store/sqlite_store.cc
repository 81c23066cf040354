// SqliteStore, part 1 of 3: opening, reads and listings. See
// sqlite_store_internal.h.

#include "server/store/sqlite_store.h"

#include <sys/stat.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "server/store/alias_rekey.h"
#include "server/store/schema.h"
#include "server/store/search_terms.h"
#include "server/store/sqlite_store_internal.h"

namespace quotewire {
namespace store_internal {

// ---------------------------------------------------------------------------
// Health.

DatabaseFile::DatabaseFile(sqlite3* db) {
  if (db == nullptr) return;  // PostgreSQL
  const char* name = sqlite3_db_filename(db, "main");
  if (name == nullptr || name[0] == '\0') return;  // in memory
  absl::MutexLock lock(&mu_);
  for (const char* suffix : {"", "-wal", "-shm"}) {
    files_.push_back({absl::StrCat(name, suffix)});
    Same(files_.back());
  }
  if (!files_.front().known) files_.clear();  // not a file we can follow
}

bool DatabaseFile::Same(Identity& file) {
  struct stat st;
  if (::stat(file.path.c_str(), &st) != 0) return !file.known;
  if (!file.known) {
    file.known = true;
    file.device = st.st_dev;
    file.inode = st.st_ino;
  }
  return st.st_dev == file.device && st.st_ino == file.inode;
}

absl::Status DatabaseFile::Check() {
  absl::MutexLock lock(&mu_);
  if (gone_path_.empty()) {
    for (Identity& file : files_) {
      if (!Same(file)) {
        gone_path_ = file.path;
        break;
      }
    }
    if (gone_path_.empty()) return absl::OkStatus();
  }
  return absl::UnavailableError(absl::StrCat(
      "store: the database file ", gone_path_,
      " was deleted or replaced while the server ran; writes are refused "
      "until a restart"));
}

absl::Status SqliteStore::Health() {
  if (postgres_) {
    absl::Status status = Read([](Connection& c) -> absl::Status {
      QW_ASSIGN_OR_RETURN(Stmt s, c.Prepare("SELECT 1"));
      return s.Run();
    });
    if (status.ok() && !primary_uri_.empty()) {
      // Writes go to the primary: it must answer too.
      status = OnPrimary([](Connection& c) -> absl::Status {
        QW_ASSIGN_OR_RETURN(Stmt s, c.Prepare("SELECT 1"));
        return s.Run();
      });
    }
    if (status.ok() || absl::IsUnavailable(status)) return status;
    return absl::UnavailableError(absl::StrCat(
        "store: PostgreSQL does not answer: ", status.message()));
  }
  if (damaged_.load(std::memory_order_relaxed)) {
    return absl::DataLossError(
        "store: SQLite found the database file damaged; restore it from a "
        "backup");
  }
  return file_.Check();
}

absl::StatusOr<int64_t> SqliteStore::ReadGeneration(Connection& c) {
  QW_ASSIGN_OR_RETURN(Stmt s, c.Prepare("SELECT value FROM write_generation"));
  QW_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return absl::InternalError("store: no write generation");
  return s.Int(0);
}

std::optional<uint64_t> SqliteStore::DatabaseGeneration() {
  absl::StatusOr<int64_t> primary = int64_t{0};
  const bool standby = !primary_uri_.empty();
  if (standby) {
    // Read first: the standby's, read after, must have caught up with it.
    primary = OnPrimary([&](Connection& c) { return ReadGeneration(c); });
    if (!primary.ok()) return std::nullopt;
  }
  absl::StatusOr<int64_t> value = Read(&SqliteStore::ReadGeneration);
  if (!value.ok()) return std::nullopt;
  if (!standby) return static_cast<uint64_t>(*value);
  // A standby behind the primary: its answers may miss acknowledged writes
  // and must not be kept under the primary's generation.
  if (*value < *primary) return std::nullopt;
  return static_cast<uint64_t>(*primary);
}

// ---------------------------------------------------------------------------
// Reading helpers.

absl::StatusOr<bool> SqliteStore::Exists(Connection& c, const char* sql,
                                         std::string_view id) {
  QW_ASSIGN_OR_RETURN(Stmt s, c.Prepare(sql));
  s.Bind(1, id);
  return s.Step();
}

absl::StatusOr<StoredArticle> SqliteStore::LoadArticle(Connection& c,
                                                       std::string_view id) {
  QW_ASSIGN_OR_RETURN(
      Stmt s, c.Prepare("SELECT id, client_id, text, title, publisher, url, "
                        "publish_time, language, ingest_time, wire_credits, "
                        "(SELECT count(*) FROM quotes WHERE article_id = a.id) "
                        "FROM articles a WHERE id = ?"));
  s.Bind(1, id);
  QW_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) {
    return absl::NotFoundError(
        absl::StrCat("article '", Sv(id), "' not found"));
  }
  StoredArticle out;
  out.id = s.Text(0);
  out.article.id = s.Text(1);
  out.article.text = s.Text(2);
  out.article.title = s.Text(3);
  out.article.publisher = s.Text(4);
  out.article.url = s.Text(5);
  if (!s.IsNull(6)) out.article.publish_time = FromMicros(s.Int(6));
  out.article.language = s.Text(7);
  out.ingest_time = FromMicros(s.Int(8));
  out.wire_credits = SplitList(s.Text(9), kListSep);
  out.quote_count = static_cast<int32_t>(s.Int(10));
  return out;
}

absl::StatusOr<std::vector<StoredQuote>> SqliteStore::LoadArticleQuotes(
    Connection& c, std::string_view id) {
  static const std::string sql =
      absl::StrCat("SELECT ", kQuoteColumns,
                   " FROM quotes q WHERE q.article_id = ? ORDER BY q.ordinal");
  QW_ASSIGN_OR_RETURN(Stmt s, c.Prepare(sql));
  s.Bind(1, id);
  std::vector<StoredQuote> out;
  while (true) {
    QW_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(ReadQuote(s));
  }
  return out;
}

absl::StatusOr<StoredQuote> SqliteStore::LoadQuote(Connection& c,
                                                   std::string_view id) {
  static const std::string sql =
      absl::StrCat("SELECT ", kQuoteColumns, " FROM quotes q WHERE q.id = ?");
  QW_ASSIGN_OR_RETURN(Stmt s, c.Prepare(sql));
  s.Bind(1, id);
  QW_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) {
    return absl::NotFoundError(absl::StrCat("quote '", Sv(id), "' not found"));
  }
  return ReadQuote(s);
}

absl::StatusOr<PersonRecord> SqliteStore::LoadPerson(Connection& c,
                                                     std::string_view id) {
  PersonRecord out;
  {
    QW_ASSIGN_OR_RETURN(Stmt s,
                        c.Prepare("SELECT id, display_name, kind, quote_count, "
                                  "article_count FROM people WHERE id = ?"));
    s.Bind(1, id);
    QW_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) {
      return absl::NotFoundError(
          absl::StrCat("person '", Sv(id), "' not found"));
    }
    out.id = s.Text(0);
    out.display_name = s.Text(1);
    out.kind = ParseSpeakerKind(s.Text(2));
    out.quote_count = s.Int(3);
    out.article_count = s.Int(4);
  }
  {
    QW_ASSIGN_OR_RETURN(
        Stmt s,
        c.Prepare("SELECT alias FROM person_aliases WHERE person_id = ? "
                  "ORDER BY alias"));
    s.Bind(1, id);
    while (true) {
      QW_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      out.aliases.push_back(s.Text(0));
    }
  }
  {
    QW_ASSIGN_OR_RETURN(Stmt s,
                        c.Prepare("SELECT description FROM person_descriptions "
                                  "WHERE person_id = ? ORDER BY description"));
    s.Bind(1, id);
    while (true) {
      QW_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      out.descriptions.push_back(s.Text(0));
    }
  }
  {
    QW_ASSIGN_OR_RETURN(
        Stmt s, c.Prepare("SELECT DISTINCT language FROM quotes "
                          "WHERE person_id = ? AND language != '' ORDER BY 1"));
    s.Bind(1, id);
    while (true) {
      QW_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      out.languages.push_back(s.Text(0));
    }
  }
  return out;
}

absl::StatusOr<SourceRecord> SqliteStore::LoadSource(Connection& c,
                                                     std::string_view id) {
  SourceRecord out;
  {
    QW_ASSIGN_OR_RETURN(
        Stmt s, c.Prepare("SELECT id, display_name, quote_count, "
                          "publisher_quote_count, outlet_quote_count, "
                          "wire_quote_count FROM sources WHERE id = ?"));
    s.Bind(1, id);
    QW_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) {
      return absl::NotFoundError(
          absl::StrCat("source '", Sv(id), "' not found"));
    }
    out.id = s.Text(0);
    out.display_name = s.Text(1);
    out.quote_count = s.Int(2);
    out.publisher_quote_count = s.Int(3);
    out.outlet_quote_count = s.Int(4);
    out.wire_quote_count = s.Int(5);
  }
  QW_ASSIGN_OR_RETURN(
      Stmt s, c.Prepare("SELECT alias FROM source_aliases WHERE source_id = ? "
                        "ORDER BY alias"));
  s.Bind(1, id);
  while (true) {
    QW_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    std::string alias = s.Text(0);
    if (alias != out.display_name) out.aliases.push_back(std::move(alias));
  }
  return out;
}

absl::StatusOr<std::map<std::string, Candidate>> SqliteStore::LoadCandidates(
    Connection& c, const NameKey& key) {
  std::map<std::string, Candidate> out;
  QW_ASSIGN_OR_RETURN(
      Stmt s,
      c.Prepare("SELECT p.id, p.display_name, p.display_locked, p.quote_count, "
                "a.alias, a.given_keys, a.full_key FROM person_aliases a "
                "JOIN people p ON p.id = a.person_id "
                "WHERE a.surname_key = ? AND p.kind = 'person'"));
  s.Bind(1, key.surname_key);
  while (true) {
    QW_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    Candidate& cand = out[s.Text(0)];
    cand.id = s.Text(0);
    cand.display = s.Text(1);
    cand.locked = s.Int(2) != 0;
    cand.quote_count = s.Int(3);
    NameKey alias_key;
    alias_key.display = s.Text(4);
    alias_key.surname_key = key.surname_key;
    alias_key.given_keys = SplitList(s.Text(5), ' ');
    alias_key.full_key = s.Text(6);
    if (!alias_key.given_keys.empty()) cand.has_full_name = true;
    if (names_.Compare(key, alias_key) == NameAnalyzer::Match::kSame) {
      cand.same = true;
      // Both sides name the first name beyond an initial.
      if (key.given_keys.empty() || alias_key.given_keys.empty() ||
          (key.given_keys[0].size() > 1 &&
           alias_key.given_keys[0].size() > 1)) {
        cand.exact = true;
      }
    }
    if (!alias_key.given_keys.empty() && alias_key.given_keys[0].size() > 1) {
      cand.full_first_name = true;
    }
  }
  return out;
}

static bool IsIdSlug(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-';
  });
}

absl::StatusOr<FoundPeople> SqliteStore::FindPeople(Connection& c,
                                                    std::string_view name) {
  FoundPeople found;
  bool id_only = false;
  std::string text = Trim(StripPrefix(name, "people/", &id_only));
  if (text.empty()) return found;
  // 1. An id, or an id merged away. Ids are slugs (CreatePerson): a name with
  // other characters skips these lookups.
  const bool slug = IsIdSlug(text);
  std::string id = text;
  for (int hop = 0; slug && hop < 8; ++hop) {
    QW_ASSIGN_OR_RETURN(bool exists,
                        Exists(c, "SELECT 1 FROM people WHERE id = ?", id));
    if (exists) {
      found.ids.push_back(id);
      return found;
    }
    QW_ASSIGN_OR_RETURN(
        Stmt s,
        c.Prepare("SELECT person_id FROM person_redirects WHERE old_id = ?"));
    s.Bind(1, id);
    QW_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    id = s.Text(0);
  }
  if (id_only) return found;
  // People with an alias matching `key` (as the query of `s` selects them:
  // person id, quote count), most quoted first, then by id; each once. Sorted
  // here rather than by an IN (subquery) ... ORDER BY, whose two temporary
  // B-trees cost more than the lookup itself.
  auto collect = [&](Stmt& s, std::string_view key) -> absl::Status {
    s.Bind(1, key);
    std::vector<std::pair<int64_t, std::string>> rows;  // -count, id
    while (true) {
      QW_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      rows.emplace_back(-s.Int(1), s.Text(0));
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    for (auto& row : rows) found.ids.push_back(std::move(row.second));
    return absl::OkStatus();
  };
  // 2. A name form exactly as seen.
  {
    QW_ASSIGN_OR_RETURN(
        Stmt s, c.Prepare("SELECT p.id, p.quote_count FROM person_aliases a "
                          "JOIN people p ON p.id = a.person_id "
                          "WHERE a.alias_key = ?"));
    QW_RETURN_IF_ERROR(collect(s, AliasKey(text)));
    if (!found.ids.empty()) return found;
  }
  NameKey key = names_.Analyze(text);
  if (key.surname_key.empty()) return found;
  // 3. The same full name under another spelling.
  if (!key.given_keys.empty()) {
    QW_ASSIGN_OR_RETURN(
        Stmt s, c.Prepare("SELECT p.id, p.quote_count FROM person_aliases a "
                          "JOIN people p ON p.id = a.person_id "
                          "WHERE a.full_key = ? AND p.kind = 'person'"));
    QW_RETURN_IF_ERROR(collect(s, key.full_key));
    if (!found.ids.empty()) return found;
  }
  // 4. By surname, when it names one person.
  QW_ASSIGN_OR_RETURN(auto candidates, LoadCandidates(c, key));
  std::vector<const Candidate*> matching;
  for (const auto& [cid, cand] : candidates) {
    if (key.given_keys.empty() || cand.same || !cand.has_full_name) {
      matching.push_back(&cand);
    }
  }
  std::sort(matching.begin(), matching.end(), MoreQuoted);
  for (const Candidate* cand : matching) found.ids.push_back(cand->id);
  found.ambiguous = found.ids.size() > 1;
  return found;
}

std::string PersonResolutionSql(std::string_view name, std::string alias_key,
                                std::vector<Param>* params) {
  bool id_only = false;
  std::string text = Trim(StripPrefix(name, "people/", &id_only));
  const bool slug = !text.empty() && IsIdSlug(text);
  if (text.empty() || (id_only && !slug)) return std::string();
  // As FindPeople: 1. the id (a merged-away one is left to FindPeople),
  // 2. unless "people/<id>", the alias key naming one person.
  std::string alias =
      id_only ? std::string("NULL")
              : std::string(
                    "(SELECT min(a.person_id) FROM person_aliases a JOIN "
                    "people p ON p.id = a.person_id WHERE a.alias_key = ? "
                    "HAVING count(DISTINCT a.person_id) = 1)");
  std::string sql;
  if (slug) {
    sql = absl::StrCat(
        "CASE WHEN EXISTS (SELECT 1 FROM people WHERE id = ?) THEN ? "
        "WHEN EXISTS (SELECT 1 FROM person_redirects WHERE old_id = ?) THEN "
        "NULL ELSE ",
        alias, " END");
    for (int i = 0; i < 3; ++i) params->push_back(text);
  } else {
    sql = alias;
  }
  if (!id_only) params->push_back(std::move(alias_key));
  return sql;
}

absl::StatusOr<std::string> SqliteStore::ResolveOnePerson(
    Connection& c, std::string_view name) {
  QW_ASSIGN_OR_RETURN(FoundPeople found, FindPeople(c, name));
  if (found.ids.empty()) {
    return absl::NotFoundError(
        absl::StrCat("person '", Sv(name), "' not found"));
  }
  if (found.ambiguous) {
    return absl::NotFoundError(absl::StrCat(
        "person '", Sv(name), "' is ambiguous: ", found.ids.size(),
        " people match (", absl::StrJoin(found.ids, ", "), "); use an id"));
  }
  return found.ids[0];
}

absl::StatusOr<std::vector<std::string>> SqliteStore::FindSources(
    Connection& c, std::string_view name) {
  std::string text = Trim(StripPrefix(name, "sources/"));
  std::set<std::string> ids;  // deduplicates (UNION would need a temp B-tree)
  if (text.empty()) return std::vector<std::string>();
  QW_ASSIGN_OR_RETURN(Stmt s,
                      c.Prepare("SELECT id FROM sources WHERE id = ?1 "
                                "UNION ALL SELECT source_id FROM source_aliases "
                                "WHERE alias_key = ?2 "
                                "UNION ALL SELECT id FROM sources WHERE id = ?3"));
  s.BindAll(absl::AsciiStrToLower(text), AliasKey(text),
            sources_.Canonicalize(text).id);
  while (true) {
    QW_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    ids.insert(s.Text(0));
  }
  return std::vector<std::string>(ids.begin(), ids.end());
}

absl::StatusOr<std::string> SqliteStore::BuildMatch(
    std::string_view query, std::string* exact) const {
  const std::vector<QueryWord> words = SearchQueryWords(names_, query);
  if (words.empty()) {
    return absl::InvalidArgumentError(
        "query: no searchable word (letters or digits)");
  }
  if (static_cast<int>(words.size()) > kMaxQueryWords) {
    return absl::InvalidArgumentError(
        absl::StrCat("query: more than ", kMaxQueryWords, " words"));
  }
  // Each word: its exact form in body or speaker, or any of its stems among
  // the quote's stems (search_terms.h). Words hold only letters and digits:
  // no quote to escape. FTS5: column filters; PostgreSQL: a tsquery of
  // lexemes as stored (to_tsvector('simple') of FtsText), where body and
  // speaker have weight D and stems weight C.
  std::string expr;
  for (const QueryWord& w : words) {
    if (!expr.empty()) expr += postgres_ ? " & " : " AND ";
    if (postgres_) {
      absl::StrAppend(exact, exact->empty() ? "'" : " | '", w.exact, "':D");
      absl::StrAppend(&expr, "('", w.exact, "':D");
      for (const std::string& stem : w.stems) {
        absl::StrAppend(&expr, " | '", stem, "':C");
      }
    } else {
      absl::StrAppend(&expr, "({body speaker} : \"", w.exact, "\"");
      for (const std::string& stem : w.stems) {
        absl::StrAppend(&expr, " OR stems : \"", stem, "\"");
      }
    }
    expr += ")";
  }
  return expr;
}

void AppendFacetChecks(const ResolvedQuoteFilter& f, bool source, bool topic,
                       std::string_view time_col, std::string_view id_col,
                       std::vector<std::string>* where,
                       std::vector<Param>* params) {
  // On PostgreSQL, OFFSET 0 keeps each probe a per-row subplan: turned into
  // a semi-join, its planner multiplies the selectivities of the time and
  // the id equalities although the time follows from the quote, estimates
  // one row where a topic holds an eighth of the archive, and hashes every
  // quote of the topic instead of walking the driving index and stopping at
  // the page's end (free text and a topic at 100 000 quotes: 42 789 buffers
  // instead of 2 843). The listing index keeps successive probes on the same
  // pages; the primary key's were 6x slower at 1 M quotes.
  const char* fence = f.postgres ? " OFFSET 0" : "";
  // Both probes on PostgreSQL: the source's first (a source holds under 1 %
  // of the quotes, a topic an eighth), in that order (CASE): the planner
  // orders equal-cost conditions its own way and probed the topic first.
  const bool both = f.postgres && source && topic;
  const size_t first = where->size();
  if (source) {
    const bool one = f.source_ids.size() == 1;
    where->push_back(absl::StrCat(
        "EXISTS (SELECT 1 FROM quote_sources s2 INDEXED BY "
        "quote_sources_by_source WHERE s2.source_id ",
        one ? "= ?" : "IN (SELECT value FROM json_each(?))",
        " AND s2.publish_time = ", Sv(time_col), " AND s2.quote_id = ",
        Sv(id_col), " AND (s2.relations & ?) != 0", fence, ")"));
    params->push_back(one ? f.source_ids[0] : JsonArray(f.source_ids));
    params->push_back(int64_t{f.relation_bits});
  }
  if (topic) {
    where->push_back(absl::StrCat(
        "EXISTS (SELECT 1 FROM quote_topics t2 INDEXED BY "
        "quote_topics_by_topic WHERE t2.topic_id = ? AND t2.publish_time = ",
        Sv(time_col), " AND t2.quote_id = ", Sv(id_col), fence, ")"));
    params->push_back(f.topic_id);
  }
  if (both) {
    const std::string topic_check = std::move(where->back());
    where->pop_back();
    (*where)[first] = absl::StrCat("CASE WHEN ", (*where)[first], " THEN ",
                                   topic_check, " ELSE false END");
  }
}

std::string RidMsSql(std::string_view rid_col, int end) {
  // Rids in [-2^62, 2^62) are ms * 2^20 + n (RidSlot): the quote was
  // published in [ms * 1000, ms * 1000 + 1000) microseconds. Outside that
  // range (before 1831 or after 2109) the bound is open.
  return absl::StrCat(
      "(CASE WHEN ", Sv(rid_col), " >= -4611686018427387904 AND ",
      Sv(rid_col), " < 4611686018427387904 THEN ((", Sv(rid_col), " >> 20) + ",
      end, ") * 1000 ELSE ", end == 0 ? kMinBigintSql : kMaxBigintSql,
      " END)");
}

int64_t RidSlotEndUs(int64_t rid) {
  constexpr int64_t kNear = int64_t{1} << 62;
  if (rid < -kNear || rid >= kNear) return INT64_MAX;
  return (FloorDiv(rid, int64_t{1} << 20) + 1) * 1000;
}

namespace {
std::string SourceToken(std::string_view source_id) {
  return absl::StrCat("s", absl::BytesToHexString(Sv(source_id)));
}
}  // namespace

std::string SourceSearchTerm(std::string_view source_id, bool postgres) {
  if (!postgres) {
    return absl::StrCat("source_keys : \"", SourceToken(source_id), "\"");
  }
  return absl::StrCat(
      "'@",
      absl::StrReplaceAll(Sv(source_id), {{"\\", "\\\\"}, {"'", "''"}}),
      "'");
}

std::string SourceKeysText(const std::vector<std::string>& source_ids) {
  std::vector<std::string> tokens;
  for (const std::string& id : source_ids) tokens.push_back(SourceToken(id));
  return absl::StrJoin(tokens, " ");
}

QuoteQuery BuildQuoteQuery(const ResolvedQuoteFilter& f,
                           const std::optional<PagePosition>& position,
                           int32_t page_size) {
  // Pick the table that drives the scan, in the order of the result when
  // possible; every other filter is a condition on the quote.
  std::string from;
  std::string time_col = "q.publish_time";
  std::string id_col = "q.id";
  std::vector<std::string> where;
  std::vector<Param> params;
  bool person_done = false, topic_done = false, source_done = false,
       query_done = false;
  // Keyset of the time order: (time_col, id_col), or the time-ordered
  // rowid when the search index drives.
  bool rid_keyset = false;
  std::string rid_col = "quote_fts.rowid";
  bool source_text = false;  // free text, one source drives (PostgreSQL)
  bool rid_sort = false;     // ordered by rowid + 0 (PostgreSQL, text_drives)
  const bool person_in_sql = !f.person_sql.empty();
  // The person's id: resolved by the statement (ResolvedQuoteFilter), or
  // bound.
  std::string person_col = "q.person_id";
  auto person_is = [&] {
    if (person_in_sql) {
      where.push_back(person_col + " = (SELECT id FROM person)");
    } else {
      where.push_back(person_col + " = ?");
      params.push_back(f.person_ids[0]);
    }
  };
  // The one source's listing drives, joined to the quotes by `from_sql`.
  auto source_walk = [&](const char* from_sql) {
    from = from_sql;
    time_col = "d.publish_time";
    id_col = "d.quote_id";
    where.push_back("d.source_id = ?");
    params.push_back(f.source_ids[0]);
    if (f.relation_bits != 7) {
      where.push_back("(d.relations & ?) != 0");
      params.push_back(int64_t{f.relation_bits});
    }
    source_done = true;
  };
  if (f.postgres && !f.relevance && f.person_ids.size() == 1 &&
      f.match.empty() && f.source_ids.size() == 1) {
    // A person and one source (and perhaps a topic) on PostgreSQL: the
    // source's rows of that person drive (quote_sources_by_source_person,
    // postgres_schema.cc version 4), so the walk is the person's quotes in
    // that source, not all of the person's quotes: flat as the corpus
    // grows when the combination is rare.
    source_walk(
        "quote_sources d, LATERAL (SELECT * FROM quotes q0 WHERE q0.rid = "
        "d.rid OFFSET 0) q");
    person_col = "d.person_id";
    person_is();
    person_done = true;
  } else if (f.postgres && !f.relevance && f.person_ids.size() == 1 &&
             f.match.empty() && !f.topic_id.empty() && f.source_ids.empty()) {
    // A person and a topic on PostgreSQL: the topic's rows of that person
    // drive (quote_topics_by_topic_person, postgres_schema.cc version 5),
    // as for a person and a source above: the walk is the person's quotes
    // of that topic, not all of the person's quotes.
    from =
        "quote_topics d, LATERAL (SELECT * FROM quotes q0 WHERE q0.rid = "
        "d.rid OFFSET 0) q";
    time_col = "d.publish_time";
    id_col = "d.quote_id";
    where.push_back("d.topic_id = ?");
    params.push_back(f.topic_id);
    topic_done = true;
    person_col = "d.person_id";
    person_is();
    person_done = true;
  } else if (f.postgres && !f.relevance && f.person_ids.size() == 1 &&
             f.match.empty() &&
             (!f.topic_id.empty() || !f.source_ids.empty())) {
    // A person and a topic or source on PostgreSQL: the probes take the
    // person's listing index (quotes_by_person holds time and id) and the
    // quote is read only for a row that passes them (LATERAL ... OFFSET
    // 0), instead of a heap read per quote of the person: a rare
    // combination walks all of them (310 quotes at 1 M: 941 buffers
    // instead of 1 417).
    from =
        "quotes d, LATERAL (SELECT * FROM quotes q0 WHERE q0.id = d.id "
        "OFFSET 0) q";
    person_col = "d.person_id";
    time_col = "d.publish_time";
    id_col = "d.id";
    person_is();
    person_done = true;
  } else if (!f.relevance && f.person_ids.size() == 1) {
    from = "quotes q";
    person_is();
    person_done = true;
  } else if (f.postgres && !f.relevance && f.person_ids.empty() &&
             f.match.empty() && !f.topic_id.empty() &&
             f.source_ids.size() == 1) {
    // A topic and one source on PostgreSQL: the pair's rows drive
    // (quote_topic_sources_by_pair, postgres_schema.cc version 6), one
    // index range in page order, instead of the source's listing with a
    // topic probe per row (which read up to all of the source's quotes for
    // a pair the source seldom holds).
    source_walk(
        "quote_topic_sources d, LATERAL (SELECT * FROM quotes q0 WHERE "
        "q0.rid = d.rid OFFSET 0) q");
    where.push_back("d.topic_id = ?");
    params.push_back(f.topic_id);
    topic_done = true;
  } else if (f.postgres && !f.relevance && !f.match.empty() &&
             f.source_ids.size() == 1 && !f.text_drives && !f.text_rum) {
    // Free text and one source on PostgreSQL: the source's listing drives
    // and the text is a per-row probe of the search table. A source holds
    // a small share s of the quotes, so this reads s times the rows that
    // walking the search table until both match would (at 1 M quotes:
    // hundreds of probes instead of ~100 000 search rows per page). The
    // page keeps the search order (rid), which the listing's time order
    // differs from only within a millisecond (RidSlot): see source_text.
    // The quote joined per listing row (LATERAL ... OFFSET 0): ordered by
    // rid, the page would otherwise be merge-joined with a backward walk of
    // every quote since the source's newest (141 144 rows at 1 M quotes).
    source_walk(
        "quote_sources d, LATERAL (SELECT * FROM quotes q0 WHERE q0.rid = "
        "d.rid OFFSET 0) q");
    rid_col = "d.rid";
    where.push_back(
        "EXISTS (SELECT 1 FROM quote_fts WHERE quote_fts.rowid = d.rid AND "
        "quote_fts.doc @@ CAST(? AS tsquery) OFFSET 0)");
    params.push_back(f.match);
    query_done = true;
    source_text = true;
    rid_keyset = true;
  } else if (!f.match.empty()) {
    from = "quote_fts CROSS JOIN quotes q ON q.rid = quote_fts.rowid";
    // Where the RUM index exists but another shape was chosen, `@@@` (the
    // same match as `@@`, an operator only the GIN index serves): given
    // `@@`, the planner read the GIN search's matches through the RUM index
    // (an unordered scan, 2.5-5 ms for few matches in a source at 1 M
    // against 0.2-0.7).
    where.push_back(!f.postgres ? "quote_fts MATCH ?"
                    : !f.rum_schema.empty() && !f.text_rum
                        ? "quote_fts.doc @@@ CAST(? AS tsquery)"
                        : "quote_fts.doc @@ CAST(? AS tsquery)");
    if (!f.relevance && f.source_ids.size() == 1) {
      // Free text and one source: the source is a term of the search index
      // (SourceSearchTerm), so the index intersects the words' and the
      // source's posting lists: the rows read are the matches in the
      // source, not the words' matches. A relation other than any keeps
      // its probe. On PostgreSQL only when they are few (text_drives).
      params.push_back(absl::StrCat(
          "(", f.match, f.postgres ? ") & " : ") AND ",
          SourceSearchTerm(f.source_ids[0], f.postgres)));
      source_done = f.relation_bits == 7;
      // Sorted after the search, not walked backward along the primary
      // key until enough rows match (the planner's choice for a few
      // hundred matches: tens of thousands of rows read).
      if (f.postgres && !f.text_rum) rid_sort = true;
    } else {
      params.push_back(f.match);
    }
    query_done = true;
    if (!f.relevance) {
      rid_keyset = true;
      if (f.start_us) {
        where.push_back("quote_fts.rowid >= ?");
        params.push_back(RidFloor(*f.start_us));
      }
      if (f.end_us) {
        where.push_back("quote_fts.rowid < ?");
        params.push_back(RidCeil(*f.end_us));
      }
    }
  } else if (!f.topic_id.empty() && !f.source_drives) {
    from = "quote_topics d CROSS JOIN quotes q ON q.rid = d.rid";
    time_col = "d.publish_time";
    id_col = "d.quote_id";
    where.push_back("d.topic_id = ?");
    params.push_back(f.topic_id);
    topic_done = true;
  } else if (f.source_ids.size() == 1) {
    source_walk("quote_sources d CROSS JOIN quotes q ON q.rid = d.rid");
  } else {
    from = "quotes q";
  }
  if (!person_done && !f.person_ids.empty()) {
    if (f.person_ids.size() == 1) {
      person_is();
    } else {
      where.push_back("q.person_id IN (SELECT value FROM json_each(?))");
      params.push_back(JsonArray(f.person_ids));
    }
  }
  if (!query_done && !f.match.empty()) {
    // Per-row probe: cheap when another filter drives (an IN list would
    // materialise every match of a common word).
    where.push_back(absl::StrCat(
        "EXISTS (SELECT 1 FROM quote_fts WHERE ",
        f.postgres ? "quote_fts.doc @@ CAST(? AS tsquery)" : "quote_fts MATCH ?",
        " AND quote_fts.rowid = q.rid)"));
    params.push_back(f.match);
  }
  // PostgreSQL probes with the driving index's time and quote id, so that
  // a row the probe rejects costs no read of the quote.
  AppendFacetChecks(f, !source_done && !f.source_ids.empty(),
                    !topic_done && !f.topic_id.empty(),
                    f.postgres ? time_col : "q.publish_time",
                    f.postgres ? id_col : "q.id", &where, &params);
  if (!f.article.empty()) {
    where.push_back("q.article_id = ?");
    params.push_back(f.article);
  }
  if (!f.language.empty()) {
    // "en" matches "en" and "en-GB"; "en-GB" only "en-GB".
    where.push_back("q.primary_language = ?");
    params.push_back(PrimaryLanguage(f.language));
    if (f.language.find('-') != std::string::npos) {
      where.push_back("lower(q.language) = lower(?)");
      params.push_back(f.language);
    }
  }
  if (f.start_us) {
    where.push_back(time_col + " >= ?");
    params.push_back(*f.start_us);
  }
  if (f.end_us) {
    where.push_back(time_col + " < ?");
    params.push_back(*f.end_us);
  }
  if (!f.include_non_speech) where.push_back("q.speech = 1");
  if (position && rid_keyset) {
    where.push_back(rid_col + " < ?");
    params.push_back(position->b);
    if (source_text && RidSlotEndUs(position->b) != INT64_MAX) {
      // The same bound on the listing's time, for its index: the quotes
      // of smaller rids were published before the end of b's millisecond
      // (rids are ordered by their millisecond first).
      where.push_back("d.publish_time < ?");
      params.push_back(RidSlotEndUs(position->b));
    }
  } else if (position && !f.relevance) {
    where.push_back("(" + time_col + ", " + id_col + ") < (?, ?)");
    params.push_back(position->a);
    params.push_back(position->s);
  }
  // Every row is a quote of this one person: its display name is applied
  // once by the caller.
  const bool raw_speaker = f.person_ids.size() == 1;
  std::string sql = absl::StrCat(
      "SELECT ", raw_speaker ? kQuoteColumnsRawSpeaker : kQuoteColumns,
      ", q.rid FROM ", from);
  if (person_in_sql) {
    // MATERIALIZED: resolved once, before the scan (an InitPlan).
    sql = absl::StrCat(
        "WITH person AS MATERIALIZED (SELECT ", f.person_sql, " AS id) SELECT ",
        kQuoteColumnsRawSpeaker,
        ", q.rid, (SELECT p.display_name FROM people p, person r WHERE p.id = "
        "r.id) FROM ",
        from);
    params.insert(params.begin(), f.person_params.begin(),
                  f.person_params.end());
  }
  if (!where.empty())
    absl::StrAppend(&sql, " WHERE ", absl::StrJoin(where, " AND "));
  if (f.relevance) {
    if (f.postgres) {
      absl::StrAppend(&sql,
                      " ORDER BY ts_rank(quote_fts.doc, CAST(? AS tsquery)) "
                      "DESC, ts_rank(quote_fts.doc, CAST(? AS tsquery)) "
                      "DESC, q.publish_time DESC, q.id DESC LIMIT ? OFFSET ?");
      params.push_back(f.exact_match);
      params.push_back(f.match);
    } else {
      absl::StrAppend(&sql,
                      " ORDER BY bm25(quote_fts), q.publish_time DESC, "
                      "q.id DESC LIMIT ? OFFSET ?");
    }
    params.push_back(int64_t{page_size} + 1);
    params.push_back(position ? position->a : int64_t{0});
  } else if (source_text) {
    // Walk the source's listing in time order to the page's last quote w
    // (`walk`, page_size + 1 matches at most); the page is the largest rids
    // of those and of the matches after w in that order that share the
    // millisecond (rid slot) of the walk's smallest rid: every other quote
    // published before that slot has a smaller rid than the page's. Fewer
    // matches than a page: the walk read all of them. The listing is walked
    // once (walking it again from the slot on, as the first version did,
    // probed the search table twice per row).
    const std::string conditions = absl::StrJoin(where, " AND ");
    const std::vector<Param> condition_params = params;
    sql = absl::StrCat(
        "WITH walk AS MATERIALIZED (SELECT d.rid, d.publish_time, d.quote_id "
        "FROM ", from, " WHERE ", conditions,
        " ORDER BY d.publish_time DESC, d.quote_id DESC LIMIT ?) SELECT ",
        kQuoteColumns,
        ", q.rid FROM (SELECT rid FROM walk UNION ALL SELECT d.rid FROM ", from,
        " WHERE ", conditions,
        " AND (SELECT count(*) FROM walk) = ? AND d.publish_time >= (SELECT ",
        RidMsSql("min(rid)", 0),
        " FROM walk) AND (d.publish_time, d.quote_id) < (SELECT publish_time, "
        "quote_id FROM walk ORDER BY publish_time, quote_id LIMIT 1)) r, "
        "LATERAL (SELECT * FROM quotes q0 WHERE q0.rid = r.rid OFFSET 0) q "
        "ORDER BY q.rid DESC LIMIT ?");
    params.push_back(int64_t{page_size} + 1);
    params.insert(params.end(), condition_params.begin(),
                  condition_params.end());
    params.push_back(int64_t{page_size} + 1);
    params.push_back(int64_t{page_size} + 1);
  } else if (f.text_rum) {
    // The RUM index in time order: its order is the distance of the rowid
    // to the cursor (`<=|`: rowids at or below it, nearest first), a
    // float8, so rowids of one millisecond (~2^20 apart, ~1.9e18 from the
    // cursor) can tie or come out of order; the rows up to the page's last
    // distance with its ties, sorted by rowid, are exact (bench/pg_rum.sql).
    // Ordered by (distance, rowid) the planner would leave the RUM index.
    absl::StrAppend(&sql, " ORDER BY quote_fts.rowid OPERATOR(", f.rum_schema,
                    ".<=|) CAST(? AS bigint) FETCH FIRST ? ROWS WITH TIES");
    params.push_back(position && position->b > INT64_MIN ? position->b - 1
                                                    : INT64_MAX);
    params.push_back(int64_t{page_size} + 1);
    sql = absl::StrCat("SELECT * FROM (", sql, ") r ORDER BY r.rid DESC LIMIT ?");
    params.push_back(int64_t{page_size} + 1);
  } else if (rid_keyset) {
    absl::StrAppend(&sql, " ORDER BY quote_fts.rowid",
                    rid_sort ? " + 0" : "", " DESC LIMIT ?");
    params.push_back(int64_t{page_size} + 1);
  } else if (f.postgres && f.match.empty() && page_size <= 100) {
    // A literal LIMIT on PostgreSQL: with LIMIT $n its generic plan is
    // costed for a tenth of the matching rows, never wins against the
    // custom plans, and every call was planned again (0.3-0.4 ms at 1 M
    // quotes, as long as running it). With the literal, the statement's
    // plan is kept after five calls. Page sizes up to 100 only, so that a
    // connection prepares a bounded number of statements. Free text keeps
    // its custom plans: whether the search index or the listing drives
    // depends on the word.
    absl::StrAppend(&sql, " ORDER BY ", time_col, " DESC, ", id_col,
                    " DESC LIMIT ", page_size + 1);
  } else {
    absl::StrAppend(&sql, " ORDER BY ", time_col, " DESC, ", id_col,
                    " DESC LIMIT ?");
    params.push_back(int64_t{page_size} + 1);
  }
  QuoteQuery out;
  out.sql = std::move(sql);
  out.params = std::move(params);
  out.rid_keyset = rid_keyset;
  out.raw_speaker = raw_speaker;
  return out;
}

namespace {

// The count in the first column of `sql`'s row for `id`; 0 when there is
// no row.
absl::StatusOr<int64_t> CountOf(Connection& c, const char* sql,
                                std::string_view id) {
  QW_ASSIGN_OR_RETURN(Stmt s, c.Prepare(sql));
  s.Bind(1, id);
  QW_ASSIGN_OR_RETURN(bool row, s.Step());
  return row ? s.Int(0) : int64_t{0};
}

// The planner's estimate of the rows of `sql`'s scan (its first argument
// bound to `param`): the first line of EXPLAIN, "... (cost=a..b rows=N
// width=w)"; -1 when it cannot be read.
absl::StatusOr<int64_t> EstimatedRows(Connection& c, const char* sql,
                                      std::string_view param) {
  QW_ASSIGN_OR_RETURN(Stmt s, c.Prepare(sql));
  s.Bind(1, param);
  QW_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return int64_t{-1};
  const std::string line = s.Text(0);
  const size_t at = line.find(" rows=");
  int64_t rows = 0;
  if (at == std::string::npos ||
      !absl::SimpleAtoi(
          line.substr(at + 6, line.find(' ', at + 6) - (at + 6)), &rows)) {
    return int64_t{-1};
  }
  return rows;
}

}  // namespace

absl::StatusOr<bool> SqliteStore::SourceDrives(Connection& c,
                                               const ResolvedQuoteFilter& f) {
  if (f.topic_id.empty() || f.source_ids.size() != 1) return false;
  QW_ASSIGN_OR_RETURN(
      const int64_t topic_quotes,
      CountOf(c, "SELECT quote_count FROM topic_counts WHERE topic_id = ?",
              f.topic_id));
  QW_ASSIGN_OR_RETURN(
      const int64_t source_quotes,
      CountOf(c, "SELECT quote_count FROM sources WHERE id = ?",
              f.source_ids[0]));
  return source_quotes < topic_quotes;
}

// Thresholds, measured at 1 M quotes with the store's queries (each word
// 'w':D | its stems :C; bench/pg_rum_fit_store.sql, bench/RESULTS.md "RUM
// index as a third shape"). n: the planner's estimate of the matches (1.3-2.5x
// the true count for these ORs).
// - Free text alone. The walk (the primary key backward, the words probed
//   per row) reads ~51 x quotes / n rows; the RUM scan reads and sorts all
//   matches from the index (it does not stop at the page's end): RUM when
//   n^2 < kRumOverWalk x quotes (n below ~13 000 at 1 M, ~4 200 at 100 k).
//   At 1 M: words in ~100 quotes 230-350 ms walked, 0.6-1.8 ms from RUM;
//   in 2 000-7 000, 6-18 ms against 1.4-2.1; in 8 500-22 000 the walk wins
//   (1.5-5.5 ms against 7-16). Without the RUM index the GIN search
//   sorted (as with a source) is no way out: 39-76 ms for words in ~100
//   quotes (its stems recheck thousands of heap rows), 55-147 ms for words
//   in 2 000-10 000, and the estimates (1 600-2 600 for ~100 true matches)
//   do not tell the two apart.
// - Free text and one source. The source's listing stops after ~51 x
//   source's quotes / n rows; the GIN search of the words and the source's
//   lexeme reads the n matches and rechecks their heap rows: the GIN search
//   when n^2 < kSearchOverListing x the source's quotes (bench/RESULTS.md,
//   2026-12-07 03:04). The RUM scan of the same query, ordered, took 2.5-33
//   ms for few matches at 1 M (the GIN search 0.2-0.7 without the RUM
//   index) and 50-118 ms for many (the listing 2-16): not used. With the
//   RUM index present the planner reads the GIN search's matches through
//   it (an unordered RUM index scan, 2-5 ms for few matches at 1 M).
constexpr int64_t kRumOverWalk = 180;
constexpr int64_t kSearchOverListing = 51;

TextShape PickTextShape(int64_t matches, int64_t quotes, int64_t source_quotes,
                        bool rum) {
  if (matches < 0) return TextShape::kWalk;
  const int64_t square = matches * matches;
  if (source_quotes < 0) {
    return rum && square < kRumOverWalk * quotes ? TextShape::kRum
                                                 : TextShape::kWalk;
  }
  return square < kSearchOverListing * source_quotes ? TextShape::kSearch
                                                     : TextShape::kWalk;
}

absl::StatusOr<TextShape> ChooseTextShape(Connection& c,
                                          const ResolvedQuoteFilter& f) {
  const bool rum = !f.rum_schema.empty() && f.topic_id.empty();
  if (!f.postgres || f.relevance || f.match.empty() || !f.person_ids.empty() ||
      f.source_ids.size() > 1 || (f.source_ids.empty() && !rum)) {
    return TextShape::kWalk;
  }
  // n is the planner's estimate of the combined query (the search table's
  // statistics hold the source lexemes and the common words), ~0.2 ms of
  // planning.
  std::string query = f.match;
  int64_t quotes = 0, source_quotes = -1;
  if (f.source_ids.empty()) {
    QW_ASSIGN_OR_RETURN(
        std::string tuples,
        c.QueryText("SELECT reltuples::bigint FROM pg_class WHERE oid = "
                    "to_regclass('quote_fts')"));
    if (!absl::SimpleAtoi(tuples, &quotes)) quotes = 0;
  } else {
    QW_ASSIGN_OR_RETURN(
        source_quotes,
        CountOf(c, "SELECT quote_count FROM sources WHERE id = ?",
                f.source_ids[0]));
    query = absl::StrCat("(", f.match, ") & ",
                         SourceSearchTerm(f.source_ids[0], true));
  }
  QW_ASSIGN_OR_RETURN(
      const int64_t matches,
      EstimatedRows(c,
                    "EXPLAIN SELECT 1 FROM quote_fts WHERE quote_fts.doc @@ "
                    "CAST(? AS tsquery)",
                    query));
  return PickTextShape(matches, quotes, source_quotes, rum);
}

absl::StatusOr<std::optional<std::string>> SqliteStore::DisplayName(
    Connection& c, std::string_view person_id) {
  QW_ASSIGN_OR_RETURN(
      Stmt s, c.Prepare("SELECT display_name FROM people WHERE id = ?"));
  s.Bind(1, person_id);
  QW_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(s.Text(0));
}

uint64_t SqliteStore::QuoteFilterFingerprint(const QuoteFilter& filter) const {
  return codec_.Fingerprint(absl::StrJoin(
      {std::string(filter.person), filter.topic, filter.source,
       filter.source_relation
           ? std::to_string(RelationBit(*filter.source_relation))
           : std::string("-"),
       filter.article, filter.language,
       filter.start_time ? std::to_string(Micros(*filter.start_time))
                         : std::string("-"),
       filter.end_time ? std::to_string(Micros(*filter.end_time))
                       : std::string("-"),
       filter.query, std::string(filter.include_non_speech ? "1" : "0")},
      std::string(1, kListSep)));
}

absl::StatusOr<Page<StoredQuote>> SqliteStore::ListQuotes(
    const QuoteFilter& filter, const PageOptions& page) {
  const int32_t page_size = EffectivePageSize(page);
  std::string match, exact_match;
  if (!filter.query.empty()) {
    QW_ASSIGN_OR_RETURN(match, BuildMatch(filter.query, &exact_match));
  }
  const bool relevance = filter.order_by_relevance && !match.empty();
  const char token_kind = relevance ? kTokenQuotesRelevance : kTokenQuotes;
  const uint64_t fingerprint = QuoteFilterFingerprint(filter);
  std::optional<PagePosition> position;
  if (!page.page_token.empty()) {
    QW_ASSIGN_OR_RETURN(
        position, codec_.Decode(page.page_token, token_kind, fingerprint));
  }
  return Read([&](Connection& c) -> absl::StatusOr<Page<StoredQuote>> {
    Page<StoredQuote> result;
    std::string topic_id;
    if (!filter.topic.empty()) {
      const TopicInfo* topic = FindTopic(filter.topic);
      if (topic == nullptr) return result;
      topic_id = topic->id;
    }
    std::vector<std::string> source_ids;
    if (!filter.source.empty()) {
      QW_ASSIGN_OR_RETURN(source_ids, FindSources(c, filter.source));
      if (source_ids.empty()) return result;
    }
    const int relation_bits =
        filter.source_relation ? RelationBit(*filter.source_relation) : 7;

    ResolvedQuoteFilter resolved;
    resolved.topic_id = topic_id;
    resolved.source_ids = std::move(source_ids);
    resolved.relation_bits = relation_bits;
    resolved.match = match;
    resolved.exact_match = exact_match;
    resolved.relevance = relevance;
    resolved.article = std::string(StripPrefix(filter.article, "articles/"));
    resolved.language = filter.language;
    if (filter.start_time) resolved.start_us = Micros(*filter.start_time);
    if (filter.end_time) resolved.end_us = Micros(*filter.end_time);
    resolved.include_non_speech = filter.include_non_speech;
    resolved.postgres = postgres_;
    std::vector<int64_t> rids;
    // page_size + 1 rows at most, but a page size can be large and the rows
    // few: reserve a typical page.
    const size_t expected = static_cast<size_t>(std::min<int32_t>(page_size, 100)) + 1;
    result.items.reserve(expected);
    rids.reserve(expected);
    // Runs the page's statement; `display` gets the display name that the
    // statement selects after q.rid (person_sql), if any.
    std::optional<std::string> display;
    auto run = [&](const QuoteQuery& query) -> absl::Status {
      QW_ASSIGN_OR_RETURN(Stmt s, c.Prepare(query.sql));
      BindParams(s, query.params);
      while (true) {
        QW_ASSIGN_OR_RETURN(bool row, s.Step());
        if (!row) break;
        result.items.push_back(ReadQuote(s));
        rids.push_back(s.Int(kQuoteColumnCount));
        if (!resolved.person_sql.empty() && !s.IsNull(kQuoteColumnCount + 1)) {
          display = s.Text(kQuoteColumnCount + 1);
        }
      }
      return absl::OkStatus();
    };
    // PostgreSQL: a name that the first steps of FindPeople resolve to one
    // person is resolved by the page's statement itself: one round trip
    // instead of three. A statement that finds no row (no such person, a
    // merged-away id, an ambiguous name, or really no quote) leaves it to
    // FindPeople below, in the same snapshot.
    if (postgres_ && !filter.person.empty()) {
      resolved.person_sql = PersonResolutionSql(
          filter.person, AliasKey(Trim(StripPrefix(filter.person, "people/"))),
          &resolved.person_params);
      if (resolved.person_sql.empty()) return result;  // no person matches
      resolved.person_ids = {std::string()};
      QW_RETURN_IF_ERROR(run(BuildQuoteQuery(resolved, position, page_size)));
      if (result.items.empty()) {
        // No row: when the statement did resolve the name, FindPeople would
        // name that one person and the page below would walk all of the
        // person's quotes again to find none (a rare combination of
        // filters: twice the statement, and FindPeople's round trips).
        // Asking whether it resolves costs one short round trip instead.
        QW_ASSIGN_OR_RETURN(
            Stmt s, c.Prepare(absl::StrCat("SELECT ", resolved.person_sql)));
        BindParams(s, resolved.person_params);
        QW_ASSIGN_OR_RETURN(bool row, s.Step());
        if (row && !s.IsNull(0)) return result;
      }
      resolved.person_sql.clear();
      resolved.person_params.clear();
    }
    QuoteQuery query;
    if (result.items.empty()) {
      if (!filter.person.empty()) {
        QW_ASSIGN_OR_RETURN(FoundPeople found, FindPeople(c, filter.person));
        if (found.ids.empty()) return result;
        resolved.person_ids = std::move(found.ids);
      }
      if (resolved.person_ids.empty() && match.empty()) {
        QW_ASSIGN_OR_RETURN(resolved.source_drives, SourceDrives(c, resolved));
      }
      resolved.rum_schema = rum_schema_;
      QW_ASSIGN_OR_RETURN(const TextShape shape, ChooseTextShape(c, resolved));
      resolved.text_drives = shape == TextShape::kSearch;
      resolved.text_rum = shape == TextShape::kRum;
      query = BuildQuoteQuery(resolved, position, page_size);
      QW_RETURN_IF_ERROR(run(query));
      if (query.raw_speaker && !result.items.empty()) {
        QW_ASSIGN_OR_RETURN(display, DisplayName(c, resolved.person_ids[0]));
      }
    } else {
      query.raw_speaker = true;
    }
    if (query.raw_speaker && display) {
      for (StoredQuote& q : result.items) q.quote.speaker.name = *display;
    }
    if (static_cast<int64_t>(result.items.size()) > page_size) {
      result.items.resize(page_size);
      PagePosition next;
      if (relevance) {
        next.a = (position ? position->a : 0) + page_size;
      } else {
        // Both keysets, so that a token stays usable if the scan shape
        // changes between pages (e.g. a person filter starts matching two
        // people).
        next.a = Micros(result.items.back().publish_time);
        next.s = result.items.back().quote.id;
        next.b = rids[page_size - 1];
      }
      result.next_page_token = codec_.Encode(token_kind, fingerprint, next);
    }
    return result;
  });
}

template <typename Record, typename Load>
absl::StatusOr<Page<Record>> SqliteStore::CountOrderedPage(
    Connection& c, std::string sql, std::vector<Param> params,
    std::string_view table, char token_kind, uint64_t fingerprint,
    const std::optional<PagePosition>& position, int32_t page_size,
    Load load) {
  const std::string t(table);
  if (position) {
    absl::StrAppend(&sql, " AND (", t, ".quote_count, ", t, ".id) < (?, ?)");
    params.push_back(position->a);
    params.push_back(position->s);
  }
  absl::StrAppend(&sql, " ORDER BY ", t, ".quote_count DESC, ", t,
                  ".id DESC LIMIT ?");
  params.push_back(int64_t{page_size} + 1);
  std::vector<std::pair<std::string, int64_t>> rows;
  {
    QW_ASSIGN_OR_RETURN(Stmt s, c.Prepare(sql));
    BindParams(s, params);
    while (true) {
      QW_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      rows.emplace_back(s.Text(0), s.Int(1));
    }
  }
  Page<Record> result;
  if (static_cast<int64_t>(rows.size()) > page_size) {
    rows.resize(page_size);
    result.next_page_token =
        codec_.Encode(token_kind, fingerprint,
                      PagePosition{rows.back().second, 0, rows.back().first});
  }
  for (const auto& [id, count] : rows) {
    QW_ASSIGN_OR_RETURN(Record record, load(c, id));
    result.items.push_back(std::move(record));
  }
  return result;
}

absl::StatusOr<Page<PersonRecord>> SqliteStore::ListPeople(
    std::string_view query, std::optional<SpeakerKind> kind,
    const PageOptions& page) {
  const int32_t page_size = EffectivePageSize(page);
  const std::string text = Trim(query);
  const uint64_t fingerprint = codec_.Fingerprint(absl::StrCat(
      text, std::string(1, kListSep), kind ? SpeakerKindName(*kind) : "-"));
  std::optional<PagePosition> position;
  if (!page.page_token.empty()) {
    QW_ASSIGN_OR_RETURN(
        position, codec_.Decode(page.page_token, kTokenPeople, fingerprint));
  }
  return Read([&](Connection& c) -> absl::StatusOr<Page<PersonRecord>> {
    std::string sql =
        "SELECT p.id, p.quote_count FROM people p WHERE p.quote_count > 0";
    std::vector<Param> params;
    if (kind) {
      sql += " AND p.kind = ?";
      params.push_back(std::string(SpeakerKindName(*kind)));
    }
    if (!text.empty()) {
      NameKey key = names_.Analyze(text);
      std::string folded = AliasKey(text);
      sql +=
          " AND p.id IN (SELECT person_id FROM person_aliases WHERE "
          "alias_key = ? OR alias_key LIKE ? ESCAPE '\\' OR "
          "(? != '' AND surname_key = ?) OR (? != '' AND full_key = ?))";
      params.push_back(folded);
      params.push_back("%" + EscapeLike(folded) + "%");
      std::string surname = key.given_keys.empty() ? key.surname_key : "";
      params.push_back(surname);
      params.push_back(surname);
      params.push_back(key.full_key);
      params.push_back(key.full_key);
    }
    return CountOrderedPage<PersonRecord>(
        c, std::move(sql), std::move(params), "p", kTokenPeople, fingerprint,
        position, page_size,
        [this](Connection& c, std::string_view id) { return LoadPerson(c, id); });
  });
}

absl::StatusOr<Page<SourceRecord>> SqliteStore::ListSources(
    std::string_view query, const PageOptions& page) {
  const int32_t page_size = EffectivePageSize(page);
  const std::string text = Trim(query);
  const uint64_t fingerprint = codec_.Fingerprint(text);
  std::optional<PagePosition> position;
  if (!page.page_token.empty()) {
    QW_ASSIGN_OR_RETURN(
        position, codec_.Decode(page.page_token, kTokenSources, fingerprint));
  }
  return Read([&](Connection& c) -> absl::StatusOr<Page<SourceRecord>> {
    std::string sql =
        "SELECT s.id, s.quote_count FROM sources s WHERE s.quote_count > 0";
    std::vector<Param> params;
    if (!text.empty()) {
      std::string folded = AliasKey(text);
      sql +=
          " AND (s.id = ? OR s.id = ? OR s.id IN (SELECT source_id FROM "
          "source_aliases WHERE alias_key LIKE ? ESCAPE '\\'))";
      params.push_back(absl::AsciiStrToLower(text));
      params.push_back(sources_.Canonicalize(text).id);
      params.push_back("%" + EscapeLike(folded) + "%");
    }
    return CountOrderedPage<SourceRecord>(
        c, std::move(sql), std::move(params), "s", kTokenSources, fingerprint,
        position, page_size,
        [this](Connection& c, std::string_view id) { return LoadSource(c, id); });
  });
}

absl::StatusOr<Page<TopicRecord>> SqliteStore::ListTopics(
    const PageOptions& page) {
  const int32_t page_size = EffectivePageSize(page);
  const uint64_t fingerprint = codec_.Fingerprint("topics");
  int64_t offset = 0;
  if (!page.page_token.empty()) {
    QW_ASSIGN_OR_RETURN(
        PagePosition position,
        codec_.Decode(page.page_token, kTokenTopics, fingerprint));
    offset = std::max<int64_t>(0, position.a);
  }
  return Read([&](Connection& c) -> absl::StatusOr<Page<TopicRecord>> {
    std::map<std::string, int64_t> counts;
    {
      QW_ASSIGN_OR_RETURN(
          Stmt s, c.Prepare("SELECT topic_id, quote_count FROM topic_counts"));
      while (true) {
        QW_ASSIGN_OR_RETURN(bool row, s.Step());
        if (!row) break;
        counts[s.Text(0)] = s.Int(1);
      }
    }
    std::vector<TopicRecord> all;
    for (const TopicInfo& t : topics_.taxonomy()) {
      auto it = counts.find(t.id);
      all.push_back(TopicRecord{t.id, t.display_name,
                                it == counts.end() ? 0 : it->second});
    }
    std::stable_sort(all.begin(), all.end(),
                     [](const TopicRecord& a, const TopicRecord& b) {
                       return a.quote_count > b.quote_count;
                     });
    Page<TopicRecord> result;
    for (int64_t i = offset;
         i < static_cast<int64_t>(all.size()) && i < offset + page_size; ++i) {
      result.items.push_back(all[i]);
    }
    if (offset + page_size < static_cast<int64_t>(all.size())) {
      result.next_page_token = codec_.Encode(
          kTokenTopics, fingerprint, PagePosition{offset + page_size, 0, ""});
    }
    return result;
  });
}

absl::StatusOr<Page<CorrectionRecord>> SqliteStore::ListCorrections(
    const PageOptions& page) {
  const int32_t page_size = EffectivePageSize(page);
  const uint64_t fingerprint = codec_.Fingerprint("corrections");
  std::optional<PagePosition> position;
  if (!page.page_token.empty()) {
    QW_ASSIGN_OR_RETURN(
        position,
        codec_.Decode(page.page_token, kTokenCorrections, fingerprint));
  }
  return Read([&](Connection& c) -> absl::StatusOr<Page<CorrectionRecord>> {
    QW_ASSIGN_OR_RETURN(
        Stmt s, c.Prepare("SELECT seq, action, summary, editor, create_time "
                          "FROM corrections WHERE seq < ? "
                          "ORDER BY seq DESC LIMIT ?"));
    s.BindAll(position ? position->a : INT64_MAX, int64_t{page_size} + 1);
    Page<CorrectionRecord> result;
    std::vector<int64_t> seqs;
    while (true) {
      QW_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      seqs.push_back(s.Int(0));
      result.items.push_back(CorrectionRecord{std::to_string(s.Int(0)),
                                              s.Text(1), s.Text(2), s.Text(3),
                                              FromMicros(s.Int(4))});
    }
    if (static_cast<int64_t>(result.items.size()) > page_size) {
      result.items.resize(page_size);
      result.next_page_token =
          codec_.Encode(kTokenCorrections, fingerprint,
                        PagePosition{seqs[page_size - 1], 0, ""});
    }
    return result;
  });
}

absl::StatusOr<Page<MergeSuggestionRecord>> SqliteStore::ListMergeSuggestions(
    const PageOptions& page) {
  const int32_t page_size = EffectivePageSize(page);
  const uint64_t fingerprint = codec_.Fingerprint("merge_suggestions");
  std::optional<PagePosition> position;
  if (!page.page_token.empty()) {
    QW_ASSIGN_OR_RETURN(
        position,
        codec_.Decode(page.page_token, kTokenSuggestions, fingerprint));
  }
  return Read([&](Connection& c) -> absl::StatusOr<Page<MergeSuggestionRecord>> {
    // Highest score first, then oldest; both people must still exist (a
    // merge or the removal of a person's last quote ends a suggestion).
    QW_ASSIGN_OR_RETURN(
        Stmt s,
        c.Prepare("SELECT m.seq, m.person_a, m.person_b, m.shared_key, "
                  "m.evidence, m.score, m.create_time, pa.display_name, "
                  "pb.display_name FROM merge_suggestions m "
                  "JOIN people pa ON pa.id = m.person_a "
                  "JOIN people pb ON pb.id = m.person_b "
                  "WHERE m.score < ?1 OR (m.score = ?1 AND m.seq > ?2) "
                  "ORDER BY m.score DESC, m.seq LIMIT ?3"));
    s.BindAll(position ? position->a : INT64_MAX, position ? position->b : 0,
              int64_t{page_size} + 1);
    Page<MergeSuggestionRecord> result;
    std::vector<PagePosition> keys;
    while (true) {
      QW_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      keys.push_back(PagePosition{s.Int(5), s.Int(0), ""});
      result.items.push_back(MergeSuggestionRecord{
          s.Text(1), s.Text(2), s.Text(7), s.Text(8), s.Text(3), s.Text(4),
          static_cast<double>(s.Int(5)) / 1000.0, FromMicros(s.Int(6))});
    }
    if (static_cast<int64_t>(result.items.size()) > page_size) {
      result.items.resize(page_size);
      result.next_page_token = codec_.Encode(kTokenSuggestions, fingerprint,
                                             keys[page_size - 1]);
    }
    return result;
  });
}

}  // namespace store_internal

namespace {

// Refuses a file that is not Quotewire's (sqlite_store.h: Ownership); true
// when the file needs the application id stamped.
absl::StatusOr<bool> CheckOwner(store_internal::Connection& conn) {
  QW_ASSIGN_OR_RETURN(std::string id_text,
                      conn.QueryText("PRAGMA application_id"));
  const int64_t id = std::strtoll(id_text.c_str(), nullptr, 10);
  if (id == kQuotewireApplicationId) return false;
  if (id != 0) {
    return absl::FailedPreconditionError(absl::StrCat(
        "not a Quotewire database (application_id ", id,
        " belongs to another program); refusing to change it"));
  }
  QW_ASSIGN_OR_RETURN(std::string tables,
                      conn.QueryText("SELECT count(*) FROM sqlite_master "
                                     "WHERE type = 'table'"));
  QW_ASSIGN_OR_RETURN(
      std::string ours,
      conn.QueryText("SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                     "AND name IN ('schema_migrations', 'meta', 'articles', "
                     "'quotes')"));
  if (tables != "0" && ours != "4") {
    return absl::FailedPreconditionError(
        "not a Quotewire database (it holds other tables and no Quotewire "
        "application_id); refusing to change it");
  }
  return true;
}

// PRAGMA quick_check: DataLoss naming the first problem.
absl::Status QuickCheck(store_internal::Connection& conn) {
  QW_ASSIGN_OR_RETURN(store_internal::Stmt s,
                      conn.Prepare("PRAGMA quick_check(1)"));
  QW_ASSIGN_OR_RETURN(bool row, s.Step());
  const std::string result = row ? s.Text(0) : std::string("no answer");
  if (result == "ok") return absl::OkStatus();
  std::fprintf(stderr, "quotewire store: PRAGMA quick_check: %s\n",
               result.c_str());
  return absl::DataLossError(
      "the database file is damaged (PRAGMA quick_check failed); restore it "
      "from a backup");
}

absl::StatusOr<std::unique_ptr<Store>> OpenSqliteStoreFile(
    const SqliteStoreOptions& options) {
  using store_internal::Connection;
  using store_internal::SqliteStore;
  const bool memory = options.path == ":memory:";
  const int flags =
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI;
  QW_ASSIGN_OR_RETURN(
      std::unique_ptr<Connection> writer,
      Connection::Open(options.path, flags, options.busy_timeout_ms));
  // Nothing is written before the file is known to be ours and sound.
  QW_ASSIGN_OR_RETURN(const bool stamp, CheckOwner(*writer));
  if (options.check_on_open) QW_RETURN_IF_ERROR(QuickCheck(*writer));
  QW_RETURN_IF_ERROR(writer->Exec("PRAGMA foreign_keys = ON"));
  if (!memory) {
    QW_ASSIGN_OR_RETURN(std::string mode,
                        writer->QueryText("PRAGMA journal_mode = WAL"));
    if (absl::AsciiStrToLower(mode) != "wal") {
      return absl::FailedPreconditionError(absl::StrCat(
          "sqlite: cannot use WAL journal on ", options.path, " (", mode, ")"));
    }
  }
  QW_RETURN_IF_ERROR(writer->Exec(options.synchronous_full
                                      ? "PRAGMA synchronous = FULL"
                                      : "PRAGMA synchronous = NORMAL"));
  QW_RETURN_IF_ERROR(writer->Exec(absl::StrCat(
      "PRAGMA cache_size = ", -1024 * std::max(1, options.writer_cache_mib))));
  QW_RETURN_IF_ERROR(writer->Exec("PRAGMA temp_store = MEMORY"));
  if (!memory) {
    QW_RETURN_IF_ERROR(writer->Exec(
        absl::StrCat("PRAGMA wal_autocheckpoint = ",
                     std::max(1, options.wal_autocheckpoint_pages))));
  }
  QW_RETURN_IF_ERROR(store_internal::Migrate(*writer).status());
  if (stamp) {
    QW_RETURN_IF_ERROR(writer->Exec(absl::StrCat(
        "PRAGMA application_id = ", kQuotewireApplicationId)));
  }
  std::vector<std::unique_ptr<Connection>> readers;
  if (!memory) {
    for (int i = 0; i < std::max(1, options.read_connections); ++i) {
      QW_ASSIGN_OR_RETURN(
          std::unique_ptr<Connection> reader,
          Connection::Open(options.path,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI,
                           options.busy_timeout_ms));
      QW_RETURN_IF_ERROR(reader->Exec("PRAGMA foreign_keys = ON"));
      QW_RETURN_IF_ERROR(reader->Exec("PRAGMA query_only = ON"));
      QW_RETURN_IF_ERROR(reader->Exec(
          absl::StrCat("PRAGMA cache_size = ",
                       -1024 * std::max(1, options.reader_cache_mib))));
      QW_RETURN_IF_ERROR(reader->Exec("PRAGMA temp_store = MEMORY"));
      // Reads stop when their caller cancels (ScopedCancellation): SQLite
      // asks every kCancelCheckSteps virtual-machine steps (~10-50 µs).
      sqlite3_progress_handler(
          reader->db(), store_internal::kCancelCheckSteps,
          [](void*) { return ScopedCancellation::Requested() ? 1 : 0; },
          nullptr);
      readers.push_back(std::move(reader));
    }
  }
  return store_internal::FinishOpen(options, std::move(writer),
                                    std::move(readers));
}

}  // namespace

namespace store_internal {

absl::StatusOr<std::unique_ptr<Store>> FinishOpen(
    const SqliteStoreOptions& options, std::unique_ptr<Connection> writer,
    std::vector<std::unique_ptr<Connection>> readers,
    std::unique_ptr<Connection> primary, std::string rum_schema) {
  QW_ASSIGN_OR_RETURN(const bool rekeyed,
                      RekeyPersonAliases(*writer, *options.names));
  QW_RETURN_IF_ERROR(ReindexSearchStems(*writer, *options.names).status());
  QW_ASSIGN_OR_RETURN(
      std::string secret,
      writer->QueryText("SELECT value FROM meta WHERE key = 'token_secret'"));
  if (secret.empty()) {
    return absl::InternalError(absl::StrCat(
        writer->postgres() ? "postgres" : "sqlite", ": no token secret"));
  }
  auto store = std::make_unique<SqliteStore>(options, std::move(writer),
                                             std::move(readers), secret);
  store->SetRumSchema(std::move(rum_schema));
  if (primary != nullptr) {
    store->SetPrimary(std::move(primary), options.path);  // path: the URI
  }
  QW_RETURN_IF_ERROR(store->OpenEncodedQuotes());
  if (rekeyed) QW_RETURN_IF_ERROR(store->JoinRekeyedPeople());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace store_internal

absl::StatusOr<std::unique_ptr<Store>> OpenSqliteStore(
    const SqliteStoreOptions& options) {
  if (options.names == nullptr || options.sources == nullptr ||
      options.topics == nullptr) {
    return absl::InvalidArgumentError(
        "SqliteStoreOptions: names, sources and topics are required");
  }
  if (options.path.empty()) {
    return absl::InvalidArgumentError("SqliteStoreOptions: empty path");
  }
  absl::StatusOr<std::unique_ptr<Store>> store = OpenSqliteStoreFile(options);
  if (store.ok() ||
      absl::StartsWith(store.status().message(), options.path)) {
    return store;
  }
  return absl::Status(store.status().code(),
                      absl::StrCat(options.path, ": ",
                                   store.status().message()));
}

}  // namespace quotewire
