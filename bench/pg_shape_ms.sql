-- pg_temp.shape_ms(sql, n): runs `sql` n times, each with its placeholders
-- (:person, :topic, :source, :word, :rare, :few, :mid, :srcword, :srcrare) set to the
-- i-th of rotating people, topics, sources and words of the synthetic
-- corpus; p50 / p99 ms inside PostgreSQL. :cols, the columns of a page as
-- the PostgreSQL store selects them. Included by bench/pg_shapes.sql and
-- bench/pg_rum.sql (\ir).
CREATE FUNCTION pg_temp.shape_ms(sql text, n int) RETURNS text AS $$
DECLARE
  topics text[] := ARRAY['military','health','sanctions','elections','human-rights','diplomacy','protests','economy'];
  words text[] := ARRAY['government','answers','moment','regering','regierung','important'];
  rare text[] := ARRAY['freez','pari','prot','ford','talk','armi'];
  -- ~100 and ~2 000 matches in the 1 M database (10 and 200 of the 100 k fill).
  few text[] := ARRAY['karayevskiaaa','garciaskiaaa','haddadiceee','popovskie','olevichera','vriesskiooo'];
  mid text[] := ARRAY['vaccinati','gefangen','strafmassnahm','troupes','werklos','betog'];
  source text;
  people text[];
  sources text[];
  ms double precision[] := '{}';
  t0 timestamptz;
  s text;
BEGIN
  SELECT array_agg(id ORDER BY id) INTO people FROM (SELECT id FROM people ORDER BY md5(id) LIMIT 300) x;
  SELECT array_agg(id ORDER BY id) INTO sources FROM sources;
  FOR i IN 0..n-1 LOOP
    source := sources[1 + (i * 7) % array_length(sources, 1)];
    s := replace(replace(replace(replace(replace(replace(replace(sql,
           ':person', quote_literal(people[1 + (i * 13) % array_length(people, 1)])),
           ':topic', quote_literal(topics[1 + i % 8])),
           ':source', quote_literal(source)),
           ':srcword', quote_literal(quote_literal(words[1 + i % 6]) || ' & ' || quote_literal('@' || source))),
           ':srcrare', quote_literal(quote_literal(rare[1 + i % 6]) || ' & ' || quote_literal('@' || source))),
           ':word', quote_literal(quote_literal(words[1 + i % 6]))),
           ':rare', quote_literal(quote_literal(rare[1 + i % 6])));
    s := replace(replace(s, ':few', quote_literal(quote_literal(few[1 + i % 6]))),
                 ':mid', quote_literal(quote_literal(mid[1 + i % 6])));
    t0 := clock_timestamp();
    EXECUTE 'SELECT count(*) FROM (' || s || ') x';
    ms := ms || (extract(epoch FROM clock_timestamp() - t0) * 1000);
  END LOOP;
  RETURN (SELECT format('%s / %s', round(percentile_disc(0.5) WITHIN GROUP (ORDER BY v)::numeric, 2),
                        round(percentile_disc(0.99) WITHIN GROUP (ORDER BY v)::numeric, 2)) FROM unnest(ms) v);
END $$ LANGUAGE plpgsql;
\set cols 'q.id, q.article_id, q.ordinal, q.text, q.spans, q.kind, COALESCE((SELECT p.display_name FROM people p WHERE p.id = q.person_id), q.speaker_name), q.speaker_mention, q.mention_start, q.mention_end, q.speaker_kind, q.speaker_description, q.speaker_age, q.person_id, q.cue, q.outlet, q.attribution, q.confidence, q.topics, q.language, q.publish_time, q.sources, q.rid'
