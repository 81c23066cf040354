#include "server/store/postgres_schema.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "server/core/status_macros.h"
#include "server/store/schema.h"

namespace quotewire {
namespace store_internal {
namespace {

// As schema.cc: times are Unix microseconds, enumerations lower-case names,
// lists inside a row text. Every text column compares bytewise (`T` below is
// text COLLATE "C"), as SQLite's BINARY does, so that orders and page tokens
// do not depend on the database's locale. Integers are bigint; flags 0/1.
const std::vector<std::vector<const char*>>& Migrations() {
  static const auto* migrations = new std::vector<std::vector<const char*>>{
      // Version 1: the SQLite store's schema version 7.
      {
          "CREATE TABLE meta(key T PRIMARY KEY, value T NOT NULL)",
          // Bumped by every write transaction as it commits (sqlite_db.h):
          // the store's WriteGeneration().
          "CREATE TABLE write_generation(id integer PRIMARY KEY "
          "CHECK (id = 1), value bigint NOT NULL)",
          "INSERT INTO write_generation(id, value) VALUES (1, 1)",
          R"sql(CREATE TABLE articles(
                  id T PRIMARY KEY,
                  client_id T NOT NULL,
                  text_hash T NOT NULL,
                  text T NOT NULL,
                  title T NOT NULL,
                  publisher T NOT NULL,
                  url T NOT NULL,
                  publish_time bigint,
                  language T NOT NULL,
                  ingest_time bigint NOT NULL,
                  wire_credits T NOT NULL))sql",
          R"sql(CREATE TABLE people(
                  id T PRIMARY KEY,
                  display_name T NOT NULL,
                  kind T NOT NULL,
                  display_locked bigint NOT NULL DEFAULT 0,
                  quote_count bigint NOT NULL DEFAULT 0,
                  article_count bigint NOT NULL DEFAULT 0,
                  create_time bigint NOT NULL))sql",
          "CREATE INDEX people_by_count ON people(quote_count, id)",
          R"sql(CREATE TABLE person_aliases(
                  person_id T NOT NULL REFERENCES people(id) ON DELETE CASCADE,
                  alias T NOT NULL,
                  alias_key T NOT NULL,
                  surname_key T NOT NULL,
                  given_keys T NOT NULL,
                  full_key T NOT NULL,
                  PRIMARY KEY(person_id, alias)))sql",
          "CREATE INDEX person_aliases_by_alias_key ON "
          "person_aliases(alias_key)",
          "CREATE INDEX person_aliases_by_surname ON "
          "person_aliases(surname_key)",
          "CREATE INDEX person_aliases_by_full_key ON person_aliases(full_key)",
          R"sql(CREATE TABLE person_descriptions(
                  person_id T NOT NULL REFERENCES people(id) ON DELETE CASCADE,
                  description T NOT NULL,
                  PRIMARY KEY(person_id, description)))sql",
          R"sql(CREATE TABLE person_redirects(
                  old_id T PRIMARY KEY,
                  person_id T NOT NULL))sql",
          R"sql(CREATE TABLE quotes(
                  rid bigint PRIMARY KEY,
                  id T NOT NULL UNIQUE,
                  article_id T NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                  ordinal bigint NOT NULL,
                  text T NOT NULL,
                  spans T NOT NULL,
                  kind T NOT NULL,
                  speech bigint NOT NULL,
                  speaker_name T NOT NULL,
                  speaker_mention T NOT NULL,
                  mention_start bigint NOT NULL,
                  mention_end bigint NOT NULL,
                  speaker_kind T NOT NULL,
                  speaker_description T NOT NULL,
                  speaker_age bigint NOT NULL,
                  person_id T REFERENCES people(id),
                  alias_key T NOT NULL,
                  cue T NOT NULL,
                  outlet T NOT NULL,
                  attribution T NOT NULL,
                  confidence double precision NOT NULL,
                  topics T NOT NULL,
                  language T NOT NULL,
                  publish_time bigint NOT NULL,
                  primary_language T NOT NULL DEFAULT '',
                  sources T NOT NULL DEFAULT ''))sql",
          "CREATE INDEX quotes_by_time ON quotes(publish_time, id)",
          "CREATE INDEX quotes_by_person ON quotes(person_id, publish_time, "
          "id, speech)",
          "CREATE INDEX quotes_by_article ON quotes(article_id, ordinal)",
          "CREATE INDEX quotes_by_language ON "
          "quotes(primary_language, publish_time, id)",
          R"sql(CREATE TABLE quote_topics(
                  quote_id T NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
                  topic_id T NOT NULL,
                  publish_time bigint NOT NULL,
                  rid bigint NOT NULL,
                  PRIMARY KEY(quote_id, topic_id)))sql",
          "CREATE INDEX quote_topics_by_topic ON "
          "quote_topics(topic_id, publish_time, quote_id, rid)",
          R"sql(CREATE TABLE topic_counts(
                  topic_id T PRIMARY KEY,
                  quote_count bigint NOT NULL))sql",
          R"sql(CREATE TABLE sources(
                  id T PRIMARY KEY,
                  display_name T NOT NULL,
                  quote_count bigint NOT NULL DEFAULT 0,
                  publisher_quote_count bigint NOT NULL DEFAULT 0,
                  outlet_quote_count bigint NOT NULL DEFAULT 0,
                  wire_quote_count bigint NOT NULL DEFAULT 0))sql",
          "CREATE INDEX sources_by_count ON sources(quote_count, id)",
          R"sql(CREATE TABLE source_aliases(
                  source_id T NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
                  alias T NOT NULL,
                  alias_key T NOT NULL,
                  PRIMARY KEY(source_id, alias)))sql",
          "CREATE INDEX source_aliases_by_key ON source_aliases(alias_key)",
          // relations: bit 1 publisher, 2 outlet, 4 wire.
          R"sql(CREATE TABLE quote_sources(
                  quote_id T NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
                  source_id T NOT NULL REFERENCES sources(id),
                  relations bigint NOT NULL,
                  publish_time bigint NOT NULL,
                  rid bigint NOT NULL,
                  PRIMARY KEY(quote_id, source_id)))sql",
          "CREATE INDEX quote_sources_by_source ON "
          "quote_sources(source_id, publish_time, quote_id, relations, rid)",
          R"sql(CREATE TABLE corrections(
                  seq bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                  action T NOT NULL,
                  summary T NOT NULL,
                  editor T NOT NULL,
                  create_time bigint NOT NULL,
                  payload T NOT NULL))sql",
          R"sql(CREATE TABLE alias_pins(
                  alias_key T PRIMARY KEY,
                  person_id T NOT NULL REFERENCES people(id),
                  correction_seq bigint NOT NULL))sql",
          "CREATE INDEX alias_pins_by_person ON alias_pins(person_id)",
          R"sql(CREATE TABLE quote_overrides(
                  quote_id T PRIMARY KEY,
                  person_id T NOT NULL REFERENCES people(id),
                  correction_seq bigint NOT NULL))sql",
          "CREATE INDEX quote_overrides_by_person ON "
          "quote_overrides(person_id)",
          // The search index: folded quote text and speaker names as words
          // (SqliteStore::FtsText), matched word for word ('simple': no
          // stemming, no stop words), like SQLite's FTS5 table; rowid =
          // quotes.rid.
          R"sql(CREATE TABLE quote_fts(
                  rowid bigint PRIMARY KEY,
                  body T NOT NULL,
                  speaker T NOT NULL,
                  doc tsvector GENERATED ALWAYS AS (
                    to_tsvector('simple'::regconfig, body || ' ' || speaker))
                    STORED))sql",
          "CREATE INDEX quote_fts_by_doc ON quote_fts USING gin(doc)",
          // Unused on PostgreSQL (no pre-encoded listings); kept so that the
          // store's statements find every table they name.
          R"sql(CREATE TABLE encoded_quotes(
                  rid bigint PRIMARY KEY,
                  person_id T NOT NULL,
                  speaker_name T NOT NULL,
                  body bytea NOT NULL))sql",
      },
      // Version 2: merge suggestions (the SQLite store's version 8).
      {
          R"sql(CREATE TABLE merge_suggestions(
                  seq bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                  person_a T NOT NULL,
                  person_b T NOT NULL,
                  shared_key T NOT NULL,
                  evidence T NOT NULL,
                  score bigint NOT NULL,
                  create_time bigint NOT NULL,
                  UNIQUE(person_a, person_b)))sql",
          "CREATE INDEX merge_suggestions_by_b ON merge_suggestions(person_b)",
          "CREATE INDEX merge_suggestions_by_score ON "
          "merge_suggestions(score DESC, seq)",
      },
      // Version 3: word stems in the search index (the SQLite store's
      // version 9; search_terms.h), weight C, so that a query's exact word
      // is matched in body and speaker only ('word':D) and its stems among
      // the stems only ('stem':C). The stems are filled when the store
      // opens (meta('search_stems') is absent until then).
      {
          "ALTER TABLE quote_fts ADD COLUMN stems T NOT NULL DEFAULT ''",
          "ALTER TABLE quote_fts DROP COLUMN doc",
          R"sql(ALTER TABLE quote_fts ADD COLUMN doc tsvector
                  GENERATED ALWAYS AS (
                    to_tsvector('simple'::regconfig, body || ' ' || speaker)
                    || setweight(to_tsvector('simple'::regconfig, stems), 'C'))
                  STORED)sql",
          "CREATE INDEX quote_fts_by_doc ON quote_fts USING gin(doc)",
          "DELETE FROM meta WHERE key = 'search_stems'",
      },
      // Version 4 (PostgreSQL only): the quote's person in its source rows,
      // so that a listing by person and source walks only that person's
      // quotes of that source (quote_sources_by_source_person) instead of
      // all of the person's quotes. Kept by triggers, so that every
      // statement that sets or changes a quote's person (ingest, merges,
      // alias moves, per-quote corrections) keeps it: a source row takes
      // its quote's person as it is inserted, and a change of a quote's
      // person is copied to its source rows.
      {
          "ALTER TABLE quote_sources ADD COLUMN person_id text COLLATE \"C\"",
          "UPDATE quote_sources s SET person_id = q.person_id FROM quotes q "
          "WHERE q.id = s.quote_id AND q.person_id IS NOT NULL",
          "CREATE INDEX quote_sources_by_source_person ON "
          "quote_sources(source_id, person_id, publish_time, quote_id, "
          "relations, rid)",
          R"sql(CREATE FUNCTION quote_sources_take_person() RETURNS trigger
                  LANGUAGE plpgsql AS $$
                BEGIN
                  NEW.person_id := (SELECT q.person_id FROM quotes q
                                    WHERE q.id = NEW.quote_id);
                  RETURN NEW;
                END $$)sql",
          "CREATE TRIGGER quote_sources_take_person BEFORE INSERT ON "
          "quote_sources FOR EACH ROW EXECUTE FUNCTION "
          "quote_sources_take_person()",
          R"sql(CREATE FUNCTION quotes_move_person() RETURNS trigger
                  LANGUAGE plpgsql AS $$
                BEGIN
                  UPDATE quote_sources SET person_id = NEW.person_id
                    WHERE quote_id = NEW.id;
                  RETURN NULL;
                END $$)sql",
          "CREATE TRIGGER quotes_move_person AFTER UPDATE OF person_id ON "
          "quotes FOR EACH ROW WHEN (OLD.person_id IS DISTINCT FROM "
          "NEW.person_id) EXECUTE FUNCTION quotes_move_person()",
      },
      // Version 5 (PostgreSQL only): the quote's person in its topic rows,
      // so that a listing by person and topic walks only that person's
      // quotes of that topic (quote_topics_by_topic_person) instead of all
      // of the person's quotes. Kept as version 4 keeps the source rows': a
      // topic row takes its quote's person as it is inserted, and a change
      // of a quote's person is copied to its topic rows too.
      {
          "ALTER TABLE quote_topics ADD COLUMN person_id text COLLATE \"C\"",
          "UPDATE quote_topics t SET person_id = q.person_id FROM quotes q "
          "WHERE q.id = t.quote_id AND q.person_id IS NOT NULL",
          "CREATE INDEX quote_topics_by_topic_person ON "
          "quote_topics(topic_id, person_id, publish_time, quote_id, rid)",
          // Version 4's function: it sets NEW.person_id from NEW.quote_id,
          // which a topic row has as a source row does.
          "CREATE TRIGGER quote_topics_take_person BEFORE INSERT ON "
          "quote_topics FOR EACH ROW EXECUTE FUNCTION "
          "quote_sources_take_person()",
          R"sql(CREATE OR REPLACE FUNCTION quotes_move_person() RETURNS trigger
                  LANGUAGE plpgsql AS $$
                BEGIN
                  UPDATE quote_sources SET person_id = NEW.person_id
                    WHERE quote_id = NEW.id;
                  UPDATE quote_topics SET person_id = NEW.person_id
                    WHERE quote_id = NEW.id;
                  RETURN NULL;
                END $$)sql",
      },
      // Version 6 (PostgreSQL only): listings by topic and source, and by
      // free text and source, walk only the rows that have both.
      // quote_topic_sources holds one row per (quote, topic, source) with the
      // source row's relations, indexed (topic, source, time, id) so that a
      // topic + source page is one index range in page order
      // (quote_topic_sources_by_pair). The search document holds each of the
      // quote's sources as a lexeme '@<source id>' (source_keys, a tsvector
      // literal; a word holds only letters and digits, so no word is such a
      // lexeme), so that free text + source is one GIN search: the posting
      // lists of the words and of the source intersected in the index. Both
      // are kept by triggers on quote_topics and quote_sources (insert,
      // delete, and an update of the columns they copy), whichever of a
      // quote's rows is written first; the search row takes its quote's
      // sources as it is inserted.
      {
          R"sql(CREATE TABLE quote_topic_sources(
                  quote_id T NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
                  topic_id T NOT NULL,
                  source_id T NOT NULL,
                  relations bigint NOT NULL,
                  publish_time bigint NOT NULL,
                  rid bigint NOT NULL,
                  PRIMARY KEY(quote_id, topic_id, source_id)))sql",
          "INSERT INTO quote_topic_sources SELECT t.quote_id, t.topic_id, "
          "s.source_id, s.relations, t.publish_time, t.rid FROM quote_topics "
          "t JOIN quote_sources s ON s.quote_id = t.quote_id",
          "CREATE INDEX quote_topic_sources_by_pair ON quote_topic_sources("
          "topic_id, source_id, publish_time, quote_id, relations, rid)",
          // The search lexemes of a quote's sources, quoted as tsvector and
          // tsquery literals quote them (SourceSearchTerm, sqlite_store.cc).
          R"sql(CREATE FUNCTION quote_source_keys(qid text) RETURNS text
                  LANGUAGE sql STABLE AS $$
                  SELECT coalesce(string_agg('''@' || replace(replace(
                           source_id, '\', '\\'), '''', '''''') || '''', ' '
                           ORDER BY source_id), '')
                  FROM quote_sources WHERE quote_id = qid $$)sql",
          "ALTER TABLE quote_fts DROP COLUMN doc",
          "ALTER TABLE quote_fts ADD COLUMN source_keys T NOT NULL DEFAULT ''",
          "UPDATE quote_fts f SET source_keys = quote_source_keys(q.id) "
          "FROM quotes q WHERE q.rid = f.rowid AND EXISTS (SELECT 1 FROM "
          "quote_sources s WHERE s.quote_id = q.id)",
          R"sql(ALTER TABLE quote_fts ADD COLUMN doc tsvector
                  GENERATED ALWAYS AS (
                    to_tsvector('simple'::regconfig, body || ' ' || speaker)
                    || setweight(to_tsvector('simple'::regconfig, stems), 'C')
                    || CAST(source_keys AS tsvector))
                  STORED)sql",
          "CREATE INDEX quote_fts_by_doc ON quote_fts USING gin(doc)",
          R"sql(CREATE FUNCTION quote_fts_take_sources() RETURNS trigger
                  LANGUAGE plpgsql AS $$
                BEGIN
                  NEW.source_keys := coalesce(quote_source_keys(
                    (SELECT q.id FROM quotes q WHERE q.rid = NEW.rowid)), '');
                  RETURN NEW;
                END $$)sql",
          "CREATE TRIGGER quote_fts_take_sources BEFORE INSERT ON quote_fts "
          "FOR EACH ROW EXECUTE FUNCTION quote_fts_take_sources()",
          R"sql(CREATE FUNCTION quote_pairs_keep() RETURNS trigger
                  LANGUAGE plpgsql AS $$
                BEGIN
                  IF TG_OP <> 'INSERT' THEN
                    IF TG_TABLE_NAME = 'quote_topics' THEN
                      DELETE FROM quote_topic_sources WHERE
                        quote_id = OLD.quote_id AND topic_id = OLD.topic_id;
                    ELSE
                      DELETE FROM quote_topic_sources WHERE
                        quote_id = OLD.quote_id AND source_id = OLD.source_id;
                      UPDATE quote_fts f SET source_keys =
                        quote_source_keys(OLD.quote_id) FROM quotes q
                        WHERE q.id = OLD.quote_id AND f.rowid = q.rid;
                    END IF;
                  END IF;
                  IF TG_OP <> 'DELETE' THEN
                    IF TG_TABLE_NAME = 'quote_topics' THEN
                      INSERT INTO quote_topic_sources
                        SELECT NEW.quote_id, NEW.topic_id, s.source_id,
                               s.relations, NEW.publish_time, NEW.rid
                        FROM quote_sources s WHERE s.quote_id = NEW.quote_id
                        ON CONFLICT DO NOTHING;
                    ELSE
                      INSERT INTO quote_topic_sources
                        SELECT NEW.quote_id, t.topic_id, NEW.source_id,
                               NEW.relations, NEW.publish_time, NEW.rid
                        FROM quote_topics t WHERE t.quote_id = NEW.quote_id
                        ON CONFLICT DO NOTHING;
                      UPDATE quote_fts f SET source_keys =
                        quote_source_keys(NEW.quote_id) FROM quotes q
                        WHERE q.id = NEW.quote_id AND f.rowid = q.rid;
                    END IF;
                  END IF;
                  RETURN NULL;
                END $$)sql",
          // Not on the person's column: quotes_move_person updates that.
          "CREATE TRIGGER quote_topics_keep_pairs AFTER INSERT OR DELETE OR "
          "UPDATE OF quote_id, topic_id, publish_time, rid ON quote_topics "
          "FOR EACH ROW EXECUTE FUNCTION quote_pairs_keep()",
          "CREATE TRIGGER quote_sources_keep_pairs AFTER INSERT OR DELETE OR "
          "UPDATE OF quote_id, source_id, relations, publish_time, rid ON "
          "quote_sources FOR EACH ROW EXECUTE FUNCTION quote_pairs_keep()",
      },
      // Version 7 (PostgreSQL only), optional: free text in time order from
      // one RUM index (extension `rum`, Debian postgresql-15-rum). It keeps
      // each search row's rowid (= quotes.rid, time-ordered) with every
      // entry of the document, posting lists sorted by it, so the newest
      // matches of a word are one ordered index scan (`ORDER BY rowid <=|
      // cursor`; BuildQuoteQuery, ResolvedQuoteFilter::text_rum). Where the
      // extension is not installed, or may not be created (it is not a
      // trusted extension: a superuser, or created beforehand by one), the
      // migration creates nothing and the store keeps its other shapes
      // (RumSchema). The extension goes to `public` when that exists, so
      // that stores in other schemas of the database share it. Installing
      // the extension later: run the two statements below by hand.
      {
          R"sql(DO $rum$
                DECLARE s text;
                BEGIN
                  IF NOT EXISTS (SELECT 1 FROM pg_extension
                                 WHERE extname = 'rum') THEN
                    IF NOT EXISTS (SELECT 1 FROM pg_available_extensions
                                   WHERE name = 'rum') THEN
                      RETURN;
                    END IF;
                    BEGIN
                      IF EXISTS (SELECT 1 FROM pg_namespace
                                 WHERE nspname = 'public') THEN
                        CREATE EXTENSION rum SCHEMA public;
                      ELSE
                        CREATE EXTENSION rum;
                      END IF;
                    EXCEPTION WHEN OTHERS THEN
                      RAISE NOTICE 'quotewire: no RUM index: %', SQLERRM;
                      RETURN;
                    END;
                  END IF;
                  SELECT extnamespace::regnamespace::text INTO s
                    FROM pg_extension WHERE extname = 'rum';
                  EXECUTE format('CREATE INDEX IF NOT EXISTS '
                    'quote_fts_by_doc_rum ON quote_fts USING rum (doc '
                    '%s.rum_tsvector_addon_ops, rowid) WITH (attach = '
                    '''rowid'', to = ''doc'', order_by_attach = ''t'')', s);
                END $rum$)sql",
      },
  };
  return *migrations;
}

}  // namespace

int LatestPostgresSchemaVersion() {
  return static_cast<int>(Migrations().size());
}

absl::StatusOr<int> MigratePostgres(Connection& conn) {
  const int latest = LatestPostgresSchemaVersion();
  return WithTransaction(
      conn, "BEGIN ISOLATION LEVEL READ COMMITTED",
      [&]() -> absl::StatusOr<int> {
        QW_RETURN_IF_ERROR(conn.Exec(absl::StrCat(
            "SELECT pg_advisory_xact_lock(", kPostgresMigrationLock, ")")));
        QW_RETURN_IF_ERROR(conn.Exec(
            "CREATE TABLE IF NOT EXISTS schema_version("
            "version bigint PRIMARY KEY, apply_time bigint NOT NULL)"));
        QW_ASSIGN_OR_RETURN(
            std::string text,
            conn.QueryText("SELECT coalesce(max(version), 0) "
                           "FROM schema_version"));
        const int version = std::atoi(text.c_str());
        if (version > latest) {
          return absl::FailedPreconditionError(absl::StrCat(
              "database schema version ", version,
              " is newer than this build (", latest, "); upgrade quotewire"));
        }
        const auto& migrations = Migrations();
        for (int v = version + 1; v <= latest; ++v) {
          for (const char* sql : migrations[v - 1]) {
            absl::Status status = conn.Exec(absl::StrReplaceAll(
                sql, {{" T ", " text COLLATE \"C\" "},
                      {" T,", " text COLLATE \"C\","},
                      {" T)", " text COLLATE \"C\")"}}));
            if (!status.ok()) {
              return absl::Status(
                  status.code(),
                  absl::StrCat("migration ", v, ": ", status.message()));
            }
          }
          QW_ASSIGN_OR_RETURN(
              Stmt record,
              conn.Prepare("INSERT INTO schema_version(version, apply_time) "
                           "VALUES (?, ?)"));
          QW_RETURN_IF_ERROR(
              record.BindAll(v, absl::ToUnixMicros(absl::Now())).Run());
        }
        QW_ASSIGN_OR_RETURN(
            Stmt secret,
            conn.Prepare("INSERT INTO meta(key, value) VALUES "
                         "('token_secret', ?) ON CONFLICT DO NOTHING"));
        QW_RETURN_IF_ERROR(secret.BindAll(RandomHex(32)).Run());
        return latest;
      });
}

absl::StatusOr<std::string> RumSchema(Connection& conn) {
  return conn.QueryText(
      "SELECT e.extnamespace::regnamespace::text FROM pg_extension e, "
      "pg_index i WHERE e.extname = 'rum' AND i.indexrelid = "
      "to_regclass('quote_fts_by_doc_rum') AND i.indisvalid");
}

}  // namespace store_internal
}  // namespace quotewire
