-- The thresholds of the free text shapes (store_internal::PickTextShape),
-- measured: for words sampled at every frequency (ts_stat of a 2 % sample
-- of the search rows, log-spaced buckets of matches), each searched as the
-- store searches a word ('w':D | 'w':C: its exact form, or a stem; the
-- store adds the word's stems, bench/pg_rum_fit_store.sql takes the store's
-- own queries; the weights make both indexes recheck heap rows), the planner's
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
\ir pg_rum_fit_shapes.sql
CREATE TEMP TABLE fit_words AS
  WITH s AS (SELECT word, ndoc * 50 AS approx FROM ts_stat('SELECT doc FROM quote_fts TABLESAMPLE SYSTEM (2) REPEATABLE (7)')
             WHERE word !~ '^@' AND length(word) > 3),
  b AS (SELECT word, approx, floor(log(2, approx)) AS bucket,
               row_number() OVER (PARTITION BY floor(log(2, approx)) ORDER BY md5(word)) AS k FROM s)
  SELECT word, format('%s:D | %s:C', quote_literal(word), quote_literal(word)) AS q FROM b WHERE k <= :per AND approx >= 100 ORDER BY approx;
CREATE TEMP TABLE fit_sources AS
  (SELECT id, quote_count FROM sources ORDER BY quote_count DESC LIMIT 1)
  UNION ALL
  (SELECT id, quote_count FROM sources ORDER BY quote_count DESC
   OFFSET (SELECT count(*) / 2 FROM sources) LIMIT 1)
  UNION ALL
  (SELECT id, quote_count FROM sources WHERE quote_count >= 2000 ORDER BY quote_count LIMIT 1);
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
