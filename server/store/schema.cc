#include "server/store/schema.h"

#include <random>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "server/core/status_macros.h"
#include "server/store/sqlite_store_internal.h"

namespace quotewire {
namespace store_internal {
namespace {

// Times are Unix microseconds (INTEGER). Enumerations are stored as their
// lower-case names. Lists inside a row (spans, topics, wire credits) are
// text: "start-end;start-end", ids joined by ",", names joined by U+001F.
const std::vector<std::vector<const char*>>& Migrations() {
  static const auto* migrations = new std::vector<std::vector<const char*>>{
      // Version 1: the initial schema.
      {
          R"sql(CREATE TABLE meta(
                  key TEXT PRIMARY KEY,
                  value TEXT NOT NULL) WITHOUT ROWID)sql",
          R"sql(CREATE TABLE articles(
                  id TEXT PRIMARY KEY,
                  client_id TEXT NOT NULL,
                  text_hash TEXT NOT NULL,
                  text TEXT NOT NULL,
                  title TEXT NOT NULL,
                  publisher TEXT NOT NULL,
                  url TEXT NOT NULL,
                  publish_time INTEGER,
                  language TEXT NOT NULL,
                  ingest_time INTEGER NOT NULL,
                  wire_credits TEXT NOT NULL))sql",
          R"sql(CREATE TABLE people(
                  id TEXT PRIMARY KEY,
                  display_name TEXT NOT NULL,
                  kind TEXT NOT NULL,
                  display_locked INTEGER NOT NULL DEFAULT 0,
                  quote_count INTEGER NOT NULL DEFAULT 0,
                  article_count INTEGER NOT NULL DEFAULT 0,
                  create_time INTEGER NOT NULL))sql",
          "CREATE INDEX people_by_count ON people(quote_count, id)",
          R"sql(CREATE TABLE person_aliases(
                  person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
                  alias TEXT NOT NULL,
                  alias_key TEXT NOT NULL,
                  surname_key TEXT NOT NULL,
                  given_keys TEXT NOT NULL,
                  full_key TEXT NOT NULL,
                  PRIMARY KEY(person_id, alias)) WITHOUT ROWID)sql",
          "CREATE INDEX person_aliases_by_alias_key ON "
          "person_aliases(alias_key)",
          "CREATE INDEX person_aliases_by_surname ON "
          "person_aliases(surname_key)",
          "CREATE INDEX person_aliases_by_full_key ON person_aliases(full_key)",
          R"sql(CREATE TABLE person_descriptions(
                  person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
                  description TEXT NOT NULL,
                  PRIMARY KEY(person_id, description)) WITHOUT ROWID)sql",
          R"sql(CREATE TABLE person_redirects(
                  old_id TEXT PRIMARY KEY,
                  person_id TEXT NOT NULL) WITHOUT ROWID)sql",
          R"sql(CREATE TABLE quotes(
                  rid INTEGER PRIMARY KEY,
                  id TEXT NOT NULL UNIQUE,
                  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                  ordinal INTEGER NOT NULL,
                  text TEXT NOT NULL,
                  spans TEXT NOT NULL,
                  kind TEXT NOT NULL,
                  speech INTEGER NOT NULL,
                  speaker_name TEXT NOT NULL,
                  speaker_mention TEXT NOT NULL,
                  mention_start INTEGER NOT NULL,
                  mention_end INTEGER NOT NULL,
                  speaker_kind TEXT NOT NULL,
                  speaker_description TEXT NOT NULL,
                  speaker_age INTEGER NOT NULL,
                  person_id TEXT REFERENCES people(id),
                  alias_key TEXT NOT NULL,
                  cue TEXT NOT NULL,
                  outlet TEXT NOT NULL,
                  attribution TEXT NOT NULL,
                  confidence REAL NOT NULL,
                  topics TEXT NOT NULL,
                  language TEXT NOT NULL,
                  publish_time INTEGER NOT NULL))sql",
          "CREATE INDEX quotes_by_time ON quotes(publish_time, id)",
          "CREATE INDEX quotes_by_person ON quotes(person_id, publish_time, "
          "id)",
          "CREATE INDEX quotes_by_article ON quotes(article_id, ordinal)",
          R"sql(CREATE TABLE quote_topics(
                  quote_id TEXT NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
                  topic_id TEXT NOT NULL,
                  publish_time INTEGER NOT NULL,
                  PRIMARY KEY(quote_id, topic_id)) WITHOUT ROWID)sql",
          "CREATE INDEX quote_topics_by_topic ON "
          "quote_topics(topic_id, publish_time, quote_id)",
          R"sql(CREATE TABLE topic_counts(
                  topic_id TEXT PRIMARY KEY,
                  quote_count INTEGER NOT NULL) WITHOUT ROWID)sql",
          R"sql(CREATE TABLE sources(
                  id TEXT PRIMARY KEY,
                  display_name TEXT NOT NULL,
                  quote_count INTEGER NOT NULL DEFAULT 0,
                  publisher_quote_count INTEGER NOT NULL DEFAULT 0,
                  outlet_quote_count INTEGER NOT NULL DEFAULT 0,
                  wire_quote_count INTEGER NOT NULL DEFAULT 0))sql",
          "CREATE INDEX sources_by_count ON sources(quote_count, id)",
          R"sql(CREATE TABLE source_aliases(
                  source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
                  alias TEXT NOT NULL,
                  alias_key TEXT NOT NULL,
                  PRIMARY KEY(source_id, alias)) WITHOUT ROWID)sql",
          "CREATE INDEX source_aliases_by_key ON source_aliases(alias_key)",
          // relations: bit 1 publisher, 2 outlet, 4 wire.
          R"sql(CREATE TABLE quote_sources(
                  quote_id TEXT NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
                  source_id TEXT NOT NULL REFERENCES sources(id),
                  relations INTEGER NOT NULL,
                  publish_time INTEGER NOT NULL,
                  PRIMARY KEY(quote_id, source_id)) WITHOUT ROWID)sql",
          "CREATE INDEX quote_sources_by_source ON "
          "quote_sources(source_id, publish_time, quote_id)",
          R"sql(CREATE TABLE corrections(
                  seq INTEGER PRIMARY KEY AUTOINCREMENT,
                  action TEXT NOT NULL,
                  summary TEXT NOT NULL,
                  editor TEXT NOT NULL,
                  create_time INTEGER NOT NULL,
                  payload TEXT NOT NULL))sql",
          // Editorial overrides, applied on every later ingest: a name form
          // pinned to a person (merge, split, rename), and a quote (by its
          // stable id) pinned to a person (reattribution).
          R"sql(CREATE TABLE alias_pins(
                  alias_key TEXT PRIMARY KEY,
                  person_id TEXT NOT NULL REFERENCES people(id),
                  correction_seq INTEGER NOT NULL) WITHOUT ROWID)sql",
          "CREATE INDEX alias_pins_by_person ON alias_pins(person_id)",
          R"sql(CREATE TABLE quote_overrides(
                  quote_id TEXT PRIMARY KEY,
                  person_id TEXT NOT NULL REFERENCES people(id),
                  correction_seq INTEGER NOT NULL) WITHOUT ROWID)sql",
          "CREATE INDEX quote_overrides_by_person ON "
          "quote_overrides(person_id)",
          // Folded quote text and speaker names; rowid = quotes.rid.
          "CREATE VIRTUAL TABLE quote_fts USING fts5(body, speaker, "
          "tokenize = 'unicode61 remove_diacritics 2')",
      },
      // Version 2: the primary language subtag ("en" of "en-GB"), so that
      // a language filter walks an index in publish order.
      {
          "ALTER TABLE quotes ADD COLUMN primary_language TEXT NOT NULL "
          "DEFAULT ''",
          "UPDATE quotes SET primary_language = lower(CASE "
          "WHEN instr(language, '-') > 0 "
          "THEN substr(language, 1, instr(language, '-') - 1) "
          "ELSE language END)",
          "CREATE INDEX quotes_by_language ON "
          "quotes(primary_language, publish_time, id)",
      },
      // Version 3: each quote's sources with their display names in the quote
      // row (see SourcesText in sqlite_store_internal.h), so that a listing
      // reads them with the quote instead of one quote_sources lookup per
      // quote. Quote sources never change after ingest and sources are never
      // renamed; quote_sources stays the index of the source filter.
      {
          "ALTER TABLE quotes ADD COLUMN sources TEXT NOT NULL DEFAULT ''",
          "UPDATE quotes SET sources = coalesce((SELECT group_concat("
          "qs.relations || ',' || length(CAST(qs.source_id AS BLOB)) || ',' "
          "|| length(CAST(s.display_name AS BLOB)) || ':' || qs.source_id "
          "|| s.display_name, '') FROM quote_sources qs JOIN sources s "
          "ON s.id = qs.source_id WHERE qs.quote_id = quotes.id), '')",
      },
      // Version 4: the quote's rid in quote_topics and quote_sources and in
      // their listing indexes (with the relations of a source), so that a
      // listing by topic or source reaches each quote row by its rid (one
      // B-tree search) instead of through the quotes.id index (two), and a
      // relation filter needs no lookup of the quote_sources row. Quote rids
      // never change after insert.
      {
          "ALTER TABLE quote_topics ADD COLUMN rid INTEGER NOT NULL DEFAULT 0",
          "UPDATE quote_topics SET rid = (SELECT q.rid FROM quotes q "
          "WHERE q.id = quote_topics.quote_id)",
          "DROP INDEX quote_topics_by_topic",
          "CREATE INDEX quote_topics_by_topic ON "
          "quote_topics(topic_id, publish_time, quote_id, rid)",
          "ALTER TABLE quote_sources ADD COLUMN rid INTEGER NOT NULL "
          "DEFAULT 0",
          "UPDATE quote_sources SET rid = (SELECT q.rid FROM quotes q "
          "WHERE q.id = quote_sources.quote_id)",
          "DROP INDEX quote_sources_by_source",
          "CREATE INDEX quote_sources_by_source ON "
          "quote_sources(source_id, publish_time, quote_id, relations, rid)",
      },
      // Version 5: every speech quote pre-encoded (QuoteEncoder,
      // ListEncodedQuotes), with its person and name as extracted, so that a
      // listing by person, topic or source reads the listing index and one
      // compact row per quote instead of the quote row, and the service
      // copies the bytes into its response. The store fills it (the encoding
      // is the service's); meta('listing_format') names the encoding of the
      // rows and is absent while they are stale.
      {
          R"sql(CREATE TABLE encoded_quotes(
                  rid INTEGER PRIMARY KEY,
                  person_id TEXT NOT NULL,
                  speaker_name TEXT NOT NULL,
                  body BLOB NOT NULL))sql",
      },
      // Version 6: whether a quote is speech, in the person index, so that a
      // listing of a person's quotes with more filters (topic, source) checks
      // them and speech from indexes and reads only the rows it returns
      // instead of every quote of the person.
      {
          "DROP INDEX quotes_by_person",
          "CREATE INDEX quotes_by_person ON "
          "quotes(person_id, publish_time, id, speech)",
      },
      // Version 7: rids in the layout of RidSlot (sqlite_store_internal.h),
      // which holds every documented publish time; the old one ended at
      // 2109-05-15 and put every earlier time than 1831-04 in one slot.
      // quotewire_v7_rid(publish_time, rid) is the new rid of a quote. Rows
      // move in three passes, each into rids no row holds: those of
      // 1831-1970 down to the negative rids, those of the old lowest slot to
      // theirs, then the rest down by 2^62 into the rids the first pass
      // freed. Encoded listings are rebuilt (they are keyed by rid), and the
      // page-token secret changes: a token issued before points at old rids.
      {
          "CREATE TEMP TABLE rid_map(old INTEGER PRIMARY KEY, "
          "new INTEGER NOT NULL)",
          "INSERT INTO rid_map SELECT rid, quotewire_v7_rid(publish_time, rid) "
          "FROM quotes",
          "UPDATE quotes SET rid = (SELECT new FROM rid_map WHERE old = rid) "
          "WHERE rid >= 1048576 AND rid < 4611686018427387904",
          "UPDATE quotes SET rid = (SELECT new FROM rid_map WHERE old = rid) "
          "WHERE rid >= 0 AND rid < 1048576",
          "UPDATE quotes SET rid = (SELECT new FROM rid_map WHERE old = rid) "
          "WHERE rid >= 4611686018427387904",
          "UPDATE quote_fts SET rowid = (SELECT new FROM rid_map "
          "WHERE old = quote_fts.rowid) "
          "WHERE rowid >= 1048576 AND rowid < 4611686018427387904",
          "UPDATE quote_fts SET rowid = (SELECT new FROM rid_map "
          "WHERE old = quote_fts.rowid) WHERE rowid >= 0 AND rowid < 1048576",
          "UPDATE quote_fts SET rowid = (SELECT new FROM rid_map "
          "WHERE old = quote_fts.rowid) WHERE rowid >= 4611686018427387904",
          "UPDATE quote_topics SET rid = (SELECT q.rid FROM quotes q "
          "WHERE q.id = quote_topics.quote_id)",
          "UPDATE quote_sources SET rid = (SELECT q.rid FROM quotes q "
          "WHERE q.id = quote_sources.quote_id)",
          "DELETE FROM encoded_quotes",
          "DELETE FROM meta WHERE key IN ('listing_format', 'token_secret')",
          "DROP TABLE temp.rid_map",
      },
      // Version 8: merge suggestions. Two people whose names share a key but
      // whose join was uncertain (an initial, first names that differ, or
      // several people holding the key) and the evidence the articles gave;
      // an editor accepts one with MergePeople, which removes it. person_a <
      // person_b; score in thousandths (0-1000).
      {
          R"sql(CREATE TABLE IF NOT EXISTS merge_suggestions(
                  seq INTEGER PRIMARY KEY,
                  person_a TEXT NOT NULL,
                  person_b TEXT NOT NULL,
                  shared_key TEXT NOT NULL,
                  evidence TEXT NOT NULL,
                  score INTEGER NOT NULL,
                  create_time INTEGER NOT NULL,
                  UNIQUE(person_a, person_b)))sql",
          "CREATE INDEX IF NOT EXISTS merge_suggestions_by_b ON "
          "merge_suggestions(person_b)",
          "CREATE INDEX IF NOT EXISTS merge_suggestions_by_score ON "
          "merge_suggestions(score DESC, seq)",
      },
      // Version 9: the search index also holds each quote's word stems in
      // its language (stems; search_terms.h), so that a query word finds
      // its inflections. An FTS5 table takes no new column: it is copied
      // into one with three, and the stems are filled when the store opens
      // (meta('search_stems') is absent until then).
      {
          "CREATE VIRTUAL TABLE quote_fts_v9 USING fts5(body, speaker, stems, "
          "tokenize = 'unicode61 remove_diacritics 2')",
          "INSERT INTO quote_fts_v9(rowid, body, speaker, stems) "
          "SELECT rowid, body, speaker, '' FROM quote_fts",
          "DROP TABLE quote_fts",
          "ALTER TABLE quote_fts_v9 RENAME TO quote_fts",
          "DELETE FROM meta WHERE key = 'search_stems'",
      },
      // Version 10: the search index also holds each quote's sources, one
      // token each (source_keys; SourceSearchTerm in sqlite_store.cc), so
      // that free text and a source is one MATCH: FTS5 intersects the
      // words' and the source's posting lists instead of walking the words'
      // matches to probe each for the source. Copied into a table with the
      // column, as version 9.
      {
          "CREATE VIRTUAL TABLE quote_fts_v10 USING fts5(body, speaker, "
          "stems, source_keys, tokenize = 'unicode61 remove_diacritics 2')",
          "INSERT INTO quote_fts_v10(rowid, body, speaker, stems, source_keys) "
          "SELECT f.rowid, f.body, f.speaker, f.stems, coalesce((SELECT "
          "group_concat('s' || lower(hex(s.source_id)), ' ') FROM quotes q "
          "JOIN quote_sources s ON s.quote_id = q.id WHERE q.rid = f.rowid), "
          "'') FROM quote_fts f",
          "DROP TABLE quote_fts",
          "ALTER TABLE quote_fts_v10 RENAME TO quote_fts",
      },
  };
  return *migrations;
}

// quotewire_v7_rid(publish_time, rid): the rid of migration 7 for a quote
// with the rid of the old layout ((ms + 2^42) * 2^20 + n, ms clamped to
// [-2^42, 2^42)). Moved down by 2^62, except in the old lowest slot, which
// held every time before 1831-04: there the publish time decides.
void V7Rid(sqlite3_context* context, int argc, sqlite3_value** argv) {
  (void)argc;
  const int64_t publish_us = sqlite3_value_int64(argv[0]);
  const int64_t old_rid = sqlite3_value_int64(argv[1]);
  constexpr int64_t kOldSlot = int64_t{1} << 20;
  if (old_rid >= kOldSlot) {
    sqlite3_result_int64(context, old_rid - (int64_t{1} << 62));
    return;
  }
  const RidSlot slot = RidSlotForMs(FloorDiv(publish_us, 1000));
  sqlite3_result_int64(context, slot.base + old_rid % slot.size);
}


}  // namespace

std::string RandomHex(int bytes) {
  std::random_device device;
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < bytes; ++i) {
    unsigned v = device() & 0xff;
    out.push_back(kHex[v >> 4]);
    out.push_back(kHex[v & 0xf]);
  }
  return out;
}

int LatestSchemaVersion() { return static_cast<int>(Migrations().size()); }

absl::StatusOr<int> SchemaVersion(Connection& conn) {
  QW_ASSIGN_OR_RETURN(
      Stmt exists,
      conn.Prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                   "AND name = 'schema_migrations'"));
  QW_ASSIGN_OR_RETURN(bool row, exists.Step());
  if (!row || exists.Int(0) == 0) return 0;
  QW_ASSIGN_OR_RETURN(Stmt max,
                      conn.Prepare("SELECT coalesce(max(version), 0) FROM "
                                   "schema_migrations"));
  QW_ASSIGN_OR_RETURN(row, max.Step());
  return row ? static_cast<int>(max.Int(0)) : 0;
}

absl::StatusOr<int> Migrate(Connection& conn, int target_version) {
  const int latest = LatestSchemaVersion();
  if (target_version < 0 || target_version > latest) target_version = latest;
  sqlite3_create_function_v2(conn.db(), "quotewire_v7_rid", 2,
                             SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                             V7Rid, nullptr, nullptr, nullptr);
  return WithTransaction(conn, "BEGIN IMMEDIATE", [&]() -> absl::StatusOr<int> {
    QW_RETURN_IF_ERROR(
        conn.Exec("CREATE TABLE IF NOT EXISTS schema_migrations("
                  "version INTEGER PRIMARY KEY, apply_time INTEGER NOT NULL)"));
    QW_ASSIGN_OR_RETURN(int version, SchemaVersion(conn));
    if (version > latest) {
      return absl::FailedPreconditionError(absl::StrCat(
          "database schema version ", version, " is newer than this build (",
          latest, "); upgrade quotewire"));
    }
    const auto& migrations = Migrations();
    for (int v = version + 1; v <= target_version; ++v) {
      for (const char* sql : migrations[v - 1]) {
        absl::Status status = conn.Exec(sql);
        if (!status.ok()) {
          return absl::InternalError(
              absl::StrCat("migration ", v, ": ", status.message()));
        }
      }
      QW_ASSIGN_OR_RETURN(
          Stmt record,
          conn.Prepare("INSERT INTO schema_migrations(version, apply_time) "
                       "VALUES (?, ?)"));
      QW_RETURN_IF_ERROR(
          record.BindAll(v, absl::ToUnixMicros(absl::Now())).Run());
    }
    if (std::max(version, target_version) >= 1) {
      QW_ASSIGN_OR_RETURN(Stmt secret,
                          conn.Prepare("INSERT INTO meta(key, value) VALUES "
                                       "('token_secret', ?) ON CONFLICT "
                                       "DO NOTHING"));
      QW_RETURN_IF_ERROR(secret.BindAll(RandomHex(32)).Run());
    }
    return std::max(version, target_version);
  });
}

}  // namespace store_internal
}  // namespace quotewire
