-- Shared by bench/pg_rum_fit.sql and bench/pg_rum_fit_store.sql (\ir):
-- pg_temp.median_ms(sql, reps), the median ms of `reps` runs inside
-- PostgreSQL; pg_temp.estimate(tsquery), the planner's estimate of its
-- matches as the store reads it (ChooseTextShape); :cols, the columns of a
-- page; the shapes as format() strings: WALK, GIN (sorted after the search)
-- and RUM (the store's text_rum SQL, the extension's schema in fit.rum)
-- take a tsquery; LISTING a source id and a tsquery, each twice.
\set ON_ERROR_STOP 1
SELECT set_config('fit.rum', extnamespace::regnamespace::text, false)
  FROM pg_extension WHERE extname = 'rum';
CREATE FUNCTION pg_temp.median_ms(sql text, reps int) RETURNS numeric AS $$
DECLARE
  ms double precision[] := '{}';
  t0 timestamptz;
BEGIN
  FOR i IN 1..reps LOOP
    t0 := clock_timestamp();
    EXECUTE 'SELECT count(*) FROM (' || sql || ') x';
    ms := ms || (extract(epoch FROM clock_timestamp() - t0) * 1000);
  END LOOP;
  RETURN (SELECT round(percentile_disc(0.5) WITHIN GROUP (ORDER BY v)::numeric, 2)
          FROM unnest(ms) v);
END $$ LANGUAGE plpgsql;
CREATE FUNCTION pg_temp.estimate(query text) RETURNS bigint AS $$
DECLARE
  line text;
BEGIN
  EXECUTE 'EXPLAIN SELECT 1 FROM quote_fts WHERE doc @@ CAST('
          || quote_literal(query) || ' AS tsquery)' INTO line;
  RETURN substring(line FROM ' rows=([0-9]+)')::bigint;
END $$ LANGUAGE plpgsql;
\set cols 'q.id, q.article_id, q.ordinal, q.text, q.spans, q.kind, COALESCE((SELECT p.display_name FROM people p WHERE p.id = q.person_id), q.speaker_name), q.speaker_mention, q.mention_start, q.mention_end, q.speaker_kind, q.speaker_description, q.speaker_age, q.person_id, q.cue, q.outlet, q.attribution, q.confidence, q.topics, q.language, q.publish_time, q.sources, q.rid'
\set WALK '''SELECT ' :cols ' FROM quote_fts JOIN quotes q ON q.rid = quote_fts.rowid WHERE quote_fts.doc @@ CAST(%L AS tsquery) AND q.speech = 1 ORDER BY quote_fts.rowid DESC LIMIT 51'''
\set GIN '''SELECT ' :cols ' FROM quote_fts JOIN quotes q ON q.rid = quote_fts.rowid WHERE quote_fts.doc @@ CAST(%L AS tsquery) AND q.speech = 1 ORDER BY quote_fts.rowid + 0 DESC LIMIT 51'''
\set RUM '''SELECT * FROM (SELECT ' :cols ' FROM quote_fts JOIN quotes q ON q.rid = quote_fts.rowid WHERE quote_fts.doc @@ CAST(%L AS tsquery) AND q.speech = 1 ORDER BY quote_fts.rowid OPERATOR(%s.<=|) CAST(9223372036854775807 AS bigint) FETCH FIRST 51 ROWS WITH TIES) r ORDER BY r.rid DESC LIMIT 51'''
\set SD_FROM 'quote_sources d, LATERAL (SELECT * FROM quotes q0 WHERE q0.rid = d.rid OFFSET 0) q'
\set SD_WHERE 'd.source_id = %L AND EXISTS (SELECT 1 FROM quote_fts WHERE quote_fts.rowid = d.rid AND quote_fts.doc @@ CAST(%L AS tsquery) OFFSET 0) AND q.speech = 1'
\set LISTING '''WITH walk AS MATERIALIZED (SELECT d.rid, d.publish_time, d.quote_id FROM ' :SD_FROM ' WHERE ' :SD_WHERE ' ORDER BY d.publish_time DESC, d.quote_id DESC LIMIT 51) SELECT ' :cols ' FROM (SELECT rid FROM walk UNION ALL SELECT d.rid FROM ' :SD_FROM ' WHERE ' :SD_WHERE ' AND (SELECT count(*) FROM walk) = 51 AND d.publish_time >= (SELECT CASE WHEN min(rid) >= -4611686018427387904 AND min(rid) < 4611686018427387904 THEN (min(rid) >> 20) * 1000 ELSE (-9223372036854775807 - 1) END FROM walk) AND (d.publish_time, d.quote_id) < (SELECT publish_time, quote_id FROM walk ORDER BY publish_time, quote_id LIMIT 1)) r, LATERAL (SELECT * FROM quotes q0 WHERE q0.rid = r.rid OFFSET 0) q ORDER BY q.rid DESC LIMIT 51'''
