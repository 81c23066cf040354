-- Grows a PostgreSQL database filled by `bench/store_bench` (the synthetic
-- corpus) by one copy of the articles it stored: ids suffixed `-c<k>`, quote
-- ids re-hashed, publish times shifted by k times the stored span (and the
-- time-ordered rids with them, 2^20 per millisecond), so every listing and
-- search index grows as a longer fill would make it grow: same people,
-- topics, sources and word frequencies, k times the quotes of each.
--   for k in 1 2 3; do psql -X -v ON_ERROR_STOP=1 -v k=$k \
--       -v limit_us=999999999999999 -f bench/pg_replicate.sql URI; done
--   psql -X -f bench/pg_recount.sql URI && psql -X -c 'VACUUM ANALYZE' URI
-- :limit_us copies only the originals published within that many
-- microseconds of the first (a partial last copy). Triggers and foreign-key
-- checks are off for the session (session_replication_role = replica).
SET session_replication_role = replica;
BEGIN;
CREATE TEMP TABLE IF NOT EXISTS span AS
  SELECT min(publish_time) AS t0, ((max(publish_time) - min(publish_time)) / 1000000 + 617) * 1000000 AS d
  FROM quotes WHERE article_id NOT LIKE '%-c%';
INSERT INTO articles(id, client_id, text_hash, text, title, publisher, url, publish_time, language, ingest_time, wire_credits)
  SELECT a.id || '-c' || :k, a.client_id || '-c' || :k, a.text_hash, a.text, a.title, a.publisher, a.url,
         a.publish_time + :k * s.d, a.language, a.ingest_time, a.wire_credits
  FROM articles a, span s WHERE a.id NOT LIKE '%-c%' AND a.publish_time < s.t0 + :limit_us;
CREATE TEMP TABLE qmap AS
  SELECT q.rid AS old_rid, q.id AS old_id, q.rid + (:k * s.d / 1000) * 1048576 AS new_rid,
         left(md5(q.id || '-c' || :k), 16) AS new_id
  FROM quotes q, span s WHERE q.article_id NOT LIKE '%-c%' AND q.publish_time < s.t0 + :limit_us;
INSERT INTO quotes
  SELECT m.new_rid, m.new_id, q.article_id || '-c' || :k, q.ordinal, q.text, q.spans, q.kind, q.speech,
         q.speaker_name, q.speaker_mention, q.mention_start, q.mention_end, q.speaker_kind,
         q.speaker_description, q.speaker_age, q.person_id, q.alias_key, q.cue, q.outlet,
         q.attribution, q.confidence, q.topics, q.language, q.publish_time + :k * s.d,
         q.primary_language, q.sources
  FROM qmap m JOIN quotes q ON q.rid = m.old_rid, span s;
INSERT INTO quote_topics(quote_id, topic_id, publish_time, rid, person_id)
  SELECT m.new_id, t.topic_id, t.publish_time + :k * s.d, m.new_rid, t.person_id
  FROM qmap m JOIN quote_topics t ON t.quote_id = m.old_id, span s;
INSERT INTO quote_sources(quote_id, source_id, relations, publish_time, rid, person_id)
  SELECT m.new_id, x.source_id, x.relations, x.publish_time + :k * s.d, m.new_rid, x.person_id
  FROM qmap m JOIN quote_sources x ON x.quote_id = m.old_id, span s;
INSERT INTO quote_topic_sources(quote_id, topic_id, source_id, relations, publish_time, rid)
  SELECT m.new_id, x.topic_id, x.source_id, x.relations, x.publish_time + :k * s.d, m.new_rid
  FROM qmap m JOIN quote_topic_sources x ON x.quote_id = m.old_id, span s;
INSERT INTO quote_fts(rowid, body, speaker, stems, source_keys)
  SELECT m.new_rid, f.body, f.speaker, f.stems, f.source_keys FROM qmap m JOIN quote_fts f ON f.rowid = m.old_rid;
DROP TABLE qmap;
COMMIT;
