-- bench/pg_rum_fit.sql on the store's own queries: each line of the file
-- :queries is a tsquery as the store sends it (BuildMatch: 'w':D | stems:C)
-- and, after a tab, a source id or nothing. The file used for
-- bench/RESULTS.md ("RUM index as a third shape") was read from the server
-- log of a `store_bench --word_bands` run (log_min_duration_statement = 0:
-- the $1 of the free text statements, split at " & '@"; 100 queries, at
-- most 4 sources per word). Prints, per query: the planner's estimate n,
-- the true count, and the median ms of :reps calls inside PostgreSQL of the
-- walk and the RUM shape (alone), or of the source's listing, the GIN
-- search and the RUM search (with a source).
-- (read by a server-side COPY: a superuser, or pg_read_server_files, and a
-- file the server may read)
--   psql -XAt -F ' | ' -v reps=3 -v queries=/tmp/queries.tsv \
--       -f bench/pg_rum_fit_store.sql URI
\ir pg_rum_fit_shapes.sql
CREATE TEMP TABLE fq(w text, s text);
COPY fq FROM :'queries' WITH (FORMAT text, NULL '\N');
SELECT 'alone', w, pg_temp.estimate(w), (SELECT count(*) FROM quote_fts WHERE doc @@ CAST(w AS tsquery)),
  pg_temp.median_ms(format(:WALK, w), :reps), pg_temp.median_ms(format(:RUM, w, current_setting('fit.rum')), :reps)
  FROM fq WHERE s = '' ORDER BY 4;
SELECT 'source', s, (SELECT quote_count FROM sources WHERE id = s), w, pg_temp.estimate(format('(%s) & %s', w, quote_literal('@' || s))) AS n_est,
  (SELECT count(*) FROM quote_fts WHERE doc @@ CAST(format('(%s) & %s', w, quote_literal('@' || s)) AS tsquery)),
  pg_temp.median_ms(format(:LISTING, s, w, s, w), :reps),
  pg_temp.median_ms(format(:GIN, format('(%s) & %s', w, quote_literal('@' || s))), :reps),
  pg_temp.median_ms(format(:RUM, format('(%s) & %s', w, quote_literal('@' || s)), current_setting('fit.rum')), :reps)
  FROM fq WHERE s <> '' ORDER BY 6;
