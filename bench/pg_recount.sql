-- The stored counters of a database grown by bench/pg_replicate.sql,
-- recounted from its rows (people, topics, sources).
SET session_replication_role = replica;
BEGIN;
UPDATE people p SET quote_count = c.n, article_count = c.a
  FROM (SELECT person_id, count(*) n, count(DISTINCT article_id) a FROM quotes WHERE person_id IS NOT NULL GROUP BY 1) c
  WHERE p.id = c.person_id;
UPDATE topic_counts t SET quote_count = c.n FROM (SELECT topic_id, count(*) n FROM quote_topics GROUP BY 1) c WHERE t.topic_id = c.topic_id;
UPDATE sources s SET quote_count = c.n, publisher_quote_count = c.p, outlet_quote_count = c.o, wire_quote_count = c.w
  FROM (SELECT source_id, count(*) n, count(*) FILTER (WHERE relations & 1 != 0) p, count(*) FILTER (WHERE relations & 2 != 0) o, count(*) FILTER (WHERE relations & 4 != 0) w FROM quote_sources GROUP BY 1) c
  WHERE s.id = c.source_id;
COMMIT;
