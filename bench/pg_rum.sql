-- Prototype (not in the store's migration): free text ordered by time from
-- one RUM index (extension `rum`, Debian package postgresql-15-rum). The
-- index stores each quote's rowid (= quotes.rid, time-ordered) with every
-- entry of its search document, posting lists sorted by it
-- (order_by_attach), so "the newest 51 matches" is one ordered index scan:
-- `ORDER BY quote_fts.rowid <=| <cursor>` (distance to the left: rowids at
-- or below the cursor, nearest first = newest first).
-- Time inside PostgreSQL of the current shapes (GIN index, as
-- bench/pg_shapes.sql) and the RUM shapes, on a database filled by
-- store_bench and grown by bench/pg_replicate.sql; p50 / p99 ms of :n calls.
-- Creates the extension and the index (left in place; DROP INDEX
-- quote_fts_by_doc_rum to undo).
--   psql -XAt -v n=100 -f bench/pg_rum.sql URI
\set ON_ERROR_STOP 1
CREATE EXTENSION IF NOT EXISTS rum;
\ir pg_shape_ms.sql
\set TEXT_D 'EXISTS (SELECT 1 FROM quote_fts WHERE quote_fts.rowid = d.rid AND quote_fts.doc @@ CAST(:word AS tsquery) OFFSET 0)'
\set SD_FROM 'quote_sources d, LATERAL (SELECT * FROM quotes q0 WHERE q0.rid = d.rid OFFSET 0) q'
\set SD_WHERE 'd.source_id = :source AND ' :TEXT_D ' AND q.speech = 1'
\set GIN_TEXT 'SELECT ' :cols ' FROM quote_fts JOIN quotes q ON q.rid = quote_fts.rowid WHERE quote_fts.doc @@ CAST(%s AS tsquery) AND q.speech = 1 ORDER BY quote_fts.rowid DESC LIMIT 51'
-- The RUM shape: the ordered scan feeds a nested loop to quotes (the speech
-- filter), stopped by the LIMIT. The cursor of a first page is the largest
-- bigint; a later page adds `AND quote_fts.rowid < cursor` and orders by
-- `rowid <=| cursor`.
\set RUM_TEXT 'SELECT ' :cols ' FROM quote_fts JOIN quotes q ON q.rid = quote_fts.rowid WHERE quote_fts.doc @@ CAST(%s AS tsquery) AND q.speech = 1 ORDER BY quote_fts.rowid <=| 9223372036854775807 LIMIT 51'
\set ONE_WALK 'WITH walk AS MATERIALIZED (SELECT d.rid, d.publish_time, d.quote_id FROM ' :SD_FROM ' WHERE ' :SD_WHERE ' ORDER BY d.publish_time DESC, d.quote_id DESC LIMIT 51) SELECT ' :cols ' FROM (SELECT rid FROM walk UNION ALL SELECT d.rid FROM ' :SD_FROM ' WHERE ' :SD_WHERE ' AND (SELECT count(*) FROM walk) = 51 AND d.publish_time >= (SELECT CASE WHEN min(rid) >= -4611686018427387904 AND min(rid) < 4611686018427387904 THEN (min(rid) >> 20) * 1000 ELSE (-9223372036854775807 - 1) END FROM walk) AND (d.publish_time, d.quote_id) < (SELECT publish_time, quote_id FROM walk ORDER BY publish_time, quote_id LIMIT 1)) r, LATERAL (SELECT * FROM quotes q0 WHERE q0.rid = r.rid OFFSET 0) q ORDER BY q.rid DESC LIMIT 51'

-- Current shapes (GIN), before the RUM index exists.
SELECT 'GIN free text, common', pg_temp.shape_ms(format(:'GIN_TEXT', ':word'), :n);
SELECT 'GIN free text, few', pg_temp.shape_ms(format(:'GIN_TEXT', ':few'), :n);
SELECT 'GIN free text, few, sorted after the search', pg_temp.shape_ms(replace(format(:'GIN_TEXT', ':few'), 'ORDER BY quote_fts.rowid DESC', 'ORDER BY quote_fts.rowid + 0 DESC'), :n);
SELECT 'GIN free text, mid', pg_temp.shape_ms(format(:'GIN_TEXT', ':mid'), :n);
SELECT 'GIN free text, mid, sorted after the search', pg_temp.shape_ms(replace(format(:'GIN_TEXT', ':mid'), 'ORDER BY quote_fts.rowid DESC', 'ORDER BY quote_fts.rowid + 0 DESC'), :n);
SELECT 'GIN free text, rare', pg_temp.shape_ms(format(:'GIN_TEXT', ':rare'), :n);
-- The same sorted after the search (`rowid + 0`: the bitmap scan of the GIN
-- index, the matches sorted), as the store sends free text + source when
-- the matches are few (store_internal::ChooseTextShape); plain free text does not.
SELECT 'GIN free text, rare, sorted after the search', pg_temp.shape_ms(replace(format(:'GIN_TEXT', ':rare'), 'ORDER BY quote_fts.rowid DESC', 'ORDER BY quote_fts.rowid + 0 DESC'), :n);
SELECT 'GIN free text+source, common, source listing (store: common)', pg_temp.shape_ms(:'ONE_WALK', :n);
SELECT 'GIN free text+source, common, source lexeme', pg_temp.shape_ms(format(:'GIN_TEXT', ':srcword'), :n);
SELECT 'GIN free text+source, rare, source lexeme (store: rare)', pg_temp.shape_ms(format(:'GIN_TEXT', ':srcrare'), :n);

\timing on
CREATE INDEX quote_fts_by_doc_rum ON quote_fts USING rum (doc rum_tsvector_addon_ops, rowid)
  WITH (attach = 'rowid', to = 'doc', order_by_attach = 't');
\timing off
SELECT 'index sizes', pg_size_pretty(pg_relation_size('quote_fts_by_doc')) AS gin,
       pg_size_pretty(pg_relation_size('quote_fts_by_doc_rum')) AS rum;
ANALYZE quote_fts;

SELECT 'RUM free text, common', pg_temp.shape_ms(format(:'RUM_TEXT', ':word'), :n);
SELECT 'RUM free text, rare', pg_temp.shape_ms(format(:'RUM_TEXT', ':rare'), :n);
SELECT 'RUM free text, few', pg_temp.shape_ms(format(:'RUM_TEXT', ':few'), :n);
SELECT 'RUM free text, mid', pg_temp.shape_ms(format(:'RUM_TEXT', ':mid'), :n);
SELECT 'RUM free text+source, common', pg_temp.shape_ms(format(:'RUM_TEXT', ':srcword'), :n);
SELECT 'RUM free text+source, rare', pg_temp.shape_ms(format(:'RUM_TEXT', ':srcrare'), :n);
-- The distance is a float8: rowids (publish ms << 20) ~1.9e18 from the
-- cursor differ below its precision, so quotes of one millisecond can come
-- out of order; exact order needs rowid as a second key (the planner then
-- takes the GIN index's bitmap and sorts).
SELECT 'RUM free text+source, common, exact', pg_temp.shape_ms(replace(format(:'RUM_TEXT', ':srcword'), 'LIMIT 51', ', quote_fts.rowid DESC LIMIT 51'), :n);
SELECT 'RUM free text+source, rare, exact', pg_temp.shape_ms(replace(format(:'RUM_TEXT', ':srcrare'), 'LIMIT 51', ', quote_fts.rowid DESC LIMIT 51'), :n);
-- Is the RUM order the time order? (false: ties of the float8 distance)
SELECT 'RUM order = rowid order, government in the-vienna-express',
  (SELECT array_agg(rowid) FROM (SELECT rowid FROM quote_fts WHERE doc @@ CAST('government & ''@the-vienna-express''' AS tsquery) ORDER BY rowid <=| 9223372036854775807 LIMIT 51) a)
  = (SELECT array_agg(rowid) FROM (SELECT rowid FROM quote_fts WHERE doc @@ CAST('government & ''@the-vienna-express''' AS tsquery) ORDER BY rowid DESC LIMIT 51) b);
-- Exact order with the RUM scan kept: the rows up to the 51st distance, with
-- its ties (FETCH ... WITH TIES), sorted by rowid.
\set RUM_EXACT 'SELECT * FROM (' :RUM_TEXT ') r ORDER BY r.rid DESC LIMIT 51'
SELECT 'RUM free text, few, exact with ties', pg_temp.shape_ms(replace(format(:'RUM_EXACT', ':few'), 'LIMIT 51)', 'FETCH FIRST 51 ROWS WITH TIES)'), :n);
SELECT 'RUM free text, mid, exact with ties', pg_temp.shape_ms(replace(format(:'RUM_EXACT', ':mid'), 'LIMIT 51)', 'FETCH FIRST 51 ROWS WITH TIES)'), :n);
SELECT 'RUM free text, rare, exact with ties', pg_temp.shape_ms(replace(format(:'RUM_EXACT', ':rare'), 'LIMIT 51)', 'FETCH FIRST 51 ROWS WITH TIES)'), :n);
SELECT 'RUM free text+source, common, exact with ties', pg_temp.shape_ms(replace(format(:'RUM_EXACT', ':srcword'), 'LIMIT 51)', 'FETCH FIRST 51 ROWS WITH TIES)'), :n);
SELECT 'RUM free text+source, rare, exact with ties', pg_temp.shape_ms(replace(format(:'RUM_EXACT', ':srcrare'), 'LIMIT 51)', 'FETCH FIRST 51 ROWS WITH TIES)'), :n);
SELECT 'RUM with ties = rowid order, government in the-vienna-express',
  (SELECT array_agg(rowid) FROM (SELECT * FROM (SELECT rowid FROM quote_fts WHERE doc @@ CAST('government & ''@the-vienna-express''' AS tsquery) ORDER BY rowid <=| 9223372036854775807 FETCH FIRST 51 ROWS WITH TIES) r ORDER BY rowid DESC LIMIT 51) a)
  = (SELECT array_agg(rowid) FROM (SELECT rowid FROM quote_fts WHERE doc @@ CAST('government & ''@the-vienna-express''' AS tsquery) ORDER BY rowid DESC LIMIT 51) b);
