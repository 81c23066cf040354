-- The thresholds of the free text shapes (store_internal::PickTextShape),
-- measured: for words sampled at every frequency (ts_stat of a 2 % sample
-- of the search rows, log-spaced buckets of matches), the planner's
-- estimate n of the matches, the true count, and the time inside
-- PostgreSQL (median of :reps calls, ms) of each shape as the store sends it
-- for a first page of 50 + 1:
--   walk   free text alone: GIN search ordered by rowid (the planner's plan:
--          the primary key walked backward for common words)
--   rum    free text alone from the RUM index (text_rum)
-- and with one source (the largest, a middle one, a small one):
--   listing  the source's listing walked, the text probed per row
--   gin      the GIN index, words and the source's lexeme, sorted
--   rum      the RUM index, words and the source's lexeme
-- Needs the RUM index (schema version 7). Prints one row per word (and
-- source): copy into a spreadsheet or read the crossover by eye.
--   psql -XAt -F ' | ' -v reps=5 -v per=3 -f bench/pg_rum_fit.sql URI
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
CREATE TEMP TABLE fit_words AS
  WITH s AS (SELECT word, ndoc * 50 AS approx FROM ts_stat('SELECT doc FROM quote_fts TABLESAMPLE SYSTEM (2) REPEATABLE (7)')
             WHERE word !~ '^@' AND length(word) > 3),
  b AS (SELECT word, approx, floor(log(2, approx)) AS bucket,
               row_number() OVER (PARTITION BY floor(log(2, approx)) ORDER BY md5(word)) AS k FROM s)
  SELECT word, quote_literal(word) AS q FROM b WHERE k <= :per AND approx >= 100 ORDER BY approx;
CREATE TEMP TABLE fit_sources AS
  (SELECT id, quote_count FROM sources ORDER BY quote_count DESC LIMIT 1)
  UNION ALL
  (SELECT id, quote_count FROM sources ORDER BY quote_count DESC
   OFFSET (SELECT count(*) / 2 FROM sources) LIMIT 1)
  UNION ALL
  (SELECT id, quote_count FROM sources WHERE quote_count >= 2000 ORDER BY quote_count LIMIT 1);
\set WALK '''SELECT ' :cols ' FROM quote_fts JOIN quotes q ON q.rid = quote_fts.rowid WHERE quote_fts.doc @@ CAST(%L AS tsquery) AND q.speech = 1 ORDER BY quote_fts.rowid DESC LIMIT 51'''
\set GIN '''SELECT ' :cols ' FROM quote_fts JOIN quotes q ON q.rid = quote_fts.rowid WHERE quote_fts.doc @@ CAST(%L AS tsquery) AND q.speech = 1 ORDER BY quote_fts.rowid + 0 DESC LIMIT 51'''
\set RUM '''SELECT * FROM (SELECT ' :cols ' FROM quote_fts JOIN quotes q ON q.rid = quote_fts.rowid WHERE quote_fts.doc @@ CAST(%L AS tsquery) AND q.speech = 1 ORDER BY quote_fts.rowid OPERATOR(%s.<=|) CAST(9223372036854775807 AS bigint) FETCH FIRST 51 ROWS WITH TIES) r ORDER BY r.rid DESC LIMIT 51'''
\set SD_FROM 'quote_sources d, LATERAL (SELECT * FROM quotes q0 WHERE q0.rid = d.rid OFFSET 0) q'
\set SD_WHERE 'd.source_id = %L AND EXISTS (SELECT 1 FROM quote_fts WHERE quote_fts.rowid = d.rid AND quote_fts.doc @@ CAST(%L AS tsquery) OFFSET 0) AND q.speech = 1'
\set LISTING '''WITH walk AS MATERIALIZED (SELECT d.rid, d.publish_time, d.quote_id FROM ' :SD_FROM ' WHERE ' :SD_WHERE ' ORDER BY d.publish_time DESC, d.quote_id DESC LIMIT 51) SELECT ' :cols ' FROM (SELECT rid FROM walk UNION ALL SELECT d.rid FROM ' :SD_FROM ' WHERE ' :SD_WHERE ' AND (SELECT count(*) FROM walk) = 51 AND d.publish_time >= (SELECT CASE WHEN min(rid) >= -4611686018427387904 AND min(rid) < 4611686018427387904 THEN (min(rid) >> 20) * 1000 ELSE (-9223372036854775807 - 1) END FROM walk) AND (d.publish_time, d.quote_id) < (SELECT publish_time, quote_id FROM walk ORDER BY publish_time, quote_id LIMIT 1)) r, LATERAL (SELECT * FROM quotes q0 WHERE q0.rid = r.rid OFFSET 0) q ORDER BY q.rid DESC LIMIT 51'''
SELECT 'quotes', reltuples::bigint FROM pg_class WHERE oid = 'quote_fts'::regclass;
SELECT 'alone', w.word, pg_temp.estimate(w.q) AS n_est,
       (SELECT count(*) FROM quote_fts WHERE doc @@ CAST(w.q AS tsquery)) AS n,
       pg_temp.median_ms(format(:WALK, w.q), :reps) AS walk_ms,
       pg_temp.median_ms(format(:RUM, w.q, current_setting('fit.rum')), :reps) AS rum_ms
  FROM fit_words w;
SELECT 'source', s.id, s.quote_count, w.word,
       pg_temp.estimate(format('%s & %s', w.q, quote_literal('@' || s.id))) AS n_est,
       (SELECT count(*) FROM quote_fts WHERE doc @@ CAST(format('%s & %s', w.q, quote_literal('@' || s.id)) AS tsquery)) AS n,
       pg_temp.median_ms(format(:LISTING, s.id, w.q, s.id, w.q), :reps) AS listing_ms,
       pg_temp.median_ms(format(:GIN, format('%s & %s', w.q, quote_literal('@' || s.id))), :reps) AS gin_ms,
       pg_temp.median_ms(format(:RUM, format('%s & %s', w.q, quote_literal('@' || s.id)), current_setting('fit.rum')), :reps) AS rum_ms
  FROM fit_sources s, fit_words w;
