-- Table and index sizes of a Quotewire PostgreSQL database, largest first, as
-- Markdown table rows (scripts/bench prints them after the store section):
--   psql -XAt -v quotes=N -f bench/pg_sizes.sql URI
-- `quotes` is the stored quote count, for the bytes-per-quote column.
SELECT format('| %s | %s | %s | %s | %s | %s |',
              c.relname,
              CASE c.relkind WHEN 'r' THEN 'table' ELSE 'index on ' || t.relname END,
              to_char(c.reltuples, 'FM999999999999'),
              pg_size_pretty(pg_relation_size(c.oid)),
              CASE c.relkind WHEN 'r' THEN pg_size_pretty(pg_total_relation_size(c.oid)) ELSE '' END,
              round(CASE c.relkind WHEN 'r' THEN pg_total_relation_size(c.oid)
                                   ELSE pg_relation_size(c.oid) END
                    / greatest(:quotes, 1)::numeric, 1))
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_index i ON i.indexrelid = c.oid
LEFT JOIN pg_class t ON t.oid = i.indrelid
WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'i')
ORDER BY CASE c.relkind WHEN 'r' THEN pg_total_relation_size(c.oid)
                        ELSE pg_relation_size(c.oid) END DESC;
SELECT format('| **database** | | | | %s | %s |',
              pg_size_pretty(pg_database_size(current_database())),
              round(pg_database_size(current_database()) / greatest(:quotes, 1)::numeric, 1));
