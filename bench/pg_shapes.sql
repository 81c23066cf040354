-- Time inside PostgreSQL (planning and execution, no round trip, no client)
-- of each ListQuotes shape as the PostgreSQL store sends it (page of 50 + 1),
-- :n calls each with rotating people, topics, sources and words of the
-- synthetic corpus; p50 / p99 in ms. `old` is the probe shape before the
-- OFFSET 0 fence (a semi-join the planner misestimates), :nslow calls.
-- `rid`: the probe of a second filter when the search table drives, by the
-- rid and the millisecond it encodes (no read of the quote per search row;
-- not kept: the planner then merge-joins with a walk of every quote);
-- `source drives`: free text and one source, the source's listing walked
-- twice (to the page's end, then again from its millisecond); `one walk`:
-- the shape the store sends now (the walk's rows kept, and the rest of the
-- millisecond read). `index-only`: a person with a topic and a source as the
-- store sends it now (the probes on quotes_by_person, the source's first).
-- `person in source rows`: a person and a source (with a topic) walking the
-- person's rows of the source (quote_sources.person_id, schema version 4).
-- `person in topic rows`: a person and a topic (no source) walking the
-- person's rows of the topic (quote_topics.person_id, schema version 5);
-- `person+topic` is the shape before it (the person's listing drives).
-- `pair rows`: a topic and a source walking the pair's rows
-- (quote_topic_sources, schema version 6). `source lexeme`: free text and a
-- source as one search of the words and the source's lexeme '@<source>'
-- (schema version 6); `rare`: the same with words in 0.1-0.3 % of the
-- quotes (:rare and :srcrare; :word and :srcword are common words).
--   psql -XAt -v n=100 -v nslow=5 -f bench/pg_shapes.sql URI
\ir pg_shape_ms.sql
\set TOPIC_NEW 'EXISTS (SELECT 1 FROM quote_topics t2 WHERE t2.topic_id = :topic AND t2.publish_time = q.publish_time AND t2.quote_id = q.id OFFSET 0)'
\set TOPIC_NEW_D 'EXISTS (SELECT 1 FROM quote_topics t2 WHERE t2.topic_id = :topic AND t2.publish_time = d.publish_time AND t2.quote_id = d.quote_id OFFSET 0)'
\set TOPIC_OLD 'EXISTS (SELECT 1 FROM quote_topics t2 WHERE t2.topic_id = :topic AND t2.publish_time = q.publish_time AND t2.quote_id = q.id)'
\set SOURCE_NEW 'EXISTS (SELECT 1 FROM quote_sources s2 WHERE s2.source_id = :source AND s2.publish_time = q.publish_time AND s2.quote_id = q.id AND (s2.relations & 7) != 0 OFFSET 0)'
\set SOURCE_OLD 'EXISTS (SELECT 1 FROM quote_sources s2 WHERE s2.source_id = :source AND s2.publish_time = q.publish_time AND s2.quote_id = q.id AND (s2.relations & 7) != 0)'
\set RIDLO '(CASE WHEN quote_fts.rowid >= -4611686018427387904 AND quote_fts.rowid < 4611686018427387904 THEN ((quote_fts.rowid >> 20) + 0) * 1000 ELSE -9223372036854775807 - 1 END)'
\set RIDHI '(CASE WHEN quote_fts.rowid >= -4611686018427387904 AND quote_fts.rowid < 4611686018427387904 THEN ((quote_fts.rowid >> 20) + 1) * 1000 ELSE 9223372036854775807 END)'
\set TOPIC_RID 'EXISTS (SELECT 1 FROM quote_topics t2 WHERE t2.topic_id = :topic AND t2.publish_time >= ' :RIDLO ' AND t2.publish_time < ' :RIDHI ' AND t2.rid = quote_fts.rowid OFFSET 0)'
\set SOURCE_RID 'EXISTS (SELECT 1 FROM quote_sources s2 WHERE s2.source_id = :source AND s2.publish_time >= ' :RIDLO ' AND s2.publish_time < ' :RIDHI ' AND s2.rid = quote_fts.rowid AND (s2.relations & 7) != 0 OFFSET 0)'
SELECT 'person', pg_temp.shape_ms('SELECT ' || :'cols' || ' FROM quotes q WHERE q.person_id = :person AND q.speech = 1 ORDER BY q.publish_time DESC, q.id DESC LIMIT 51', :n);
SELECT 'topic', pg_temp.shape_ms('SELECT ' || :'cols' || ' FROM quote_topics d JOIN quotes q ON q.rid = d.rid WHERE d.topic_id = :topic AND q.speech = 1 ORDER BY d.publish_time DESC, d.quote_id DESC LIMIT 51', :n);
SELECT 'source', pg_temp.shape_ms('SELECT ' || :'cols' || ' FROM quote_sources d JOIN quotes q ON q.rid = d.rid WHERE d.source_id = :source AND q.speech = 1 ORDER BY d.publish_time DESC, d.quote_id DESC LIMIT 51', :n);
SELECT 'topic+source old', pg_temp.shape_ms('SELECT ' || :'cols' || ' FROM quote_sources d JOIN quotes q ON q.rid = d.rid WHERE d.source_id = :source AND ' || :'TOPIC_OLD' || ' AND q.speech = 1 ORDER BY d.publish_time DESC, d.quote_id DESC LIMIT 51', :n);
SELECT 'topic+source', pg_temp.shape_ms('SELECT ' || :'cols' || ' FROM quote_sources d JOIN quotes q ON q.rid = d.rid WHERE d.source_id = :source AND ' || :'TOPIC_NEW_D' || ' AND q.speech = 1 ORDER BY d.publish_time DESC, d.quote_id DESC LIMIT 51', :n);
SELECT 'person+topic old', pg_temp.shape_ms('SELECT ' || :'cols' || ' FROM quotes q WHERE q.person_id = :person AND ' || :'TOPIC_OLD' || ' AND q.speech = 1 ORDER BY q.publish_time DESC, q.id DESC LIMIT 51', :n);
SELECT 'person+topic', pg_temp.shape_ms('SELECT ' || :'cols' || ' FROM quotes q WHERE q.person_id = :person AND ' || :'TOPIC_NEW' || ' AND q.speech = 1 ORDER BY q.publish_time DESC, q.id DESC LIMIT 51', :n);
SELECT 'person+topic+source old', pg_temp.shape_ms('SELECT ' || :'cols' || ' FROM quotes q WHERE q.person_id = :person AND ' || :'SOURCE_OLD' || ' AND ' || :'TOPIC_OLD' || ' AND q.speech = 1 ORDER BY q.publish_time DESC, q.id DESC LIMIT 51', :n);
SELECT 'person+topic+source', pg_temp.shape_ms('SELECT ' || :'cols' || ' FROM quotes q WHERE q.person_id = :person AND ' || :'SOURCE_NEW' || ' AND ' || :'TOPIC_NEW' || ' AND q.speech = 1 ORDER BY q.publish_time DESC, q.id DESC LIMIT 51', :n);
SELECT 'person+topic+source, index-only', pg_temp.shape_ms('SELECT ' || :'cols' || ' FROM quotes d, LATERAL (SELECT * FROM quotes q0 WHERE q0.id = d.id OFFSET 0) q WHERE d.person_id = :person AND CASE WHEN EXISTS (SELECT 1 FROM quote_sources s2 WHERE s2.source_id = :source AND s2.publish_time = d.publish_time AND s2.quote_id = d.id AND (s2.relations & 7) != 0 OFFSET 0) THEN EXISTS (SELECT 1 FROM quote_topics t2 WHERE t2.topic_id = :topic AND t2.publish_time = d.publish_time AND t2.quote_id = d.id OFFSET 0) ELSE false END AND q.speech = 1 ORDER BY d.publish_time DESC, d.id DESC LIMIT 51', :n);
SELECT 'free text', pg_temp.shape_ms('SELECT ' || :'cols' || ' FROM quote_fts JOIN quotes q ON q.rid = quote_fts.rowid WHERE quote_fts.doc @@ CAST(:word AS tsquery) AND q.speech = 1 ORDER BY quote_fts.rowid DESC LIMIT 51', :n);
SELECT 'free text+topic old', pg_temp.shape_ms('SELECT ' || :'cols' || ' FROM quote_fts JOIN quotes q ON q.rid = quote_fts.rowid WHERE quote_fts.doc @@ CAST(:word AS tsquery) AND ' || :'TOPIC_OLD' || ' AND q.speech = 1 ORDER BY quote_fts.rowid DESC LIMIT 51', :nslow);
SELECT 'free text+topic', pg_temp.shape_ms('SELECT ' || :'cols' || ' FROM quote_fts JOIN quotes q ON q.rid = quote_fts.rowid WHERE quote_fts.doc @@ CAST(:word AS tsquery) AND ' || :'TOPIC_NEW' || ' AND q.speech = 1 ORDER BY quote_fts.rowid DESC LIMIT 51', :n);
SELECT 'free text+source', pg_temp.shape_ms('SELECT ' || :'cols' || ' FROM quote_fts JOIN quotes q ON q.rid = quote_fts.rowid WHERE quote_fts.doc @@ CAST(:word AS tsquery) AND ' || :'SOURCE_NEW' || ' AND q.speech = 1 ORDER BY quote_fts.rowid DESC LIMIT 51', :n);
SELECT 'free text+topic rid', pg_temp.shape_ms('SELECT ' || :'cols' || ' FROM quote_fts JOIN quotes q ON q.rid = quote_fts.rowid WHERE quote_fts.doc @@ CAST(:word AS tsquery) AND ' || :'TOPIC_RID' || ' AND q.speech = 1 ORDER BY quote_fts.rowid DESC LIMIT 51', :n);
SELECT 'free text+source rid', pg_temp.shape_ms('SELECT ' || :'cols' || ' FROM quote_fts JOIN quotes q ON q.rid = quote_fts.rowid WHERE quote_fts.doc @@ CAST(:word AS tsquery) AND ' || :'SOURCE_RID' || ' AND q.speech = 1 ORDER BY quote_fts.rowid DESC LIMIT 51', :n);
\set TEXT_D 'EXISTS (SELECT 1 FROM quote_fts WHERE quote_fts.rowid = d.rid AND quote_fts.doc @@ CAST(:word AS tsquery) OFFSET 0)'
\set SD_FROM 'quote_sources d, LATERAL (SELECT * FROM quotes q0 WHERE q0.rid = d.rid OFFSET 0) q'
\set SD_WHERE 'd.source_id = :source AND ' :TEXT_D ' AND q.speech = 1'
SELECT 'free text+source, source drives', pg_temp.shape_ms('SELECT ' || :'cols' || ' FROM ' || :'SD_FROM' || ' WHERE ' || :'SD_WHERE' || ' AND d.publish_time >= (SELECT CASE WHEN count(*) < 51 THEN (-9223372036854775807 - 1) WHEN min(w.rid) >= -4611686018427387904 AND min(w.rid) < 4611686018427387904 THEN (min(w.rid) >> 20) * 1000 ELSE (-9223372036854775807 - 1) END FROM (SELECT d.rid FROM ' || :'SD_FROM' || ' WHERE ' || :'SD_WHERE' || ' ORDER BY d.publish_time DESC, d.quote_id DESC LIMIT 51) w) ORDER BY d.rid DESC LIMIT 51', :n);
SELECT 'free text+source, one walk', pg_temp.shape_ms('WITH walk AS MATERIALIZED (SELECT d.rid, d.publish_time, d.quote_id FROM ' || :'SD_FROM' || ' WHERE ' || :'SD_WHERE' || ' ORDER BY d.publish_time DESC, d.quote_id DESC LIMIT 51) SELECT ' || :'cols' || ' FROM (SELECT rid FROM walk UNION ALL SELECT d.rid FROM ' || :'SD_FROM' || ' WHERE ' || :'SD_WHERE' || ' AND (SELECT count(*) FROM walk) = 51 AND d.publish_time >= (SELECT CASE WHEN min(rid) >= -4611686018427387904 AND min(rid) < 4611686018427387904 THEN (min(rid) >> 20) * 1000 ELSE (-9223372036854775807 - 1) END FROM walk) AND (d.publish_time, d.quote_id) < (SELECT publish_time, quote_id FROM walk ORDER BY publish_time, quote_id LIMIT 1)) r, LATERAL (SELECT * FROM quotes q0 WHERE q0.rid = r.rid OFFSET 0) q ORDER BY q.rid DESC LIMIT 51', :n);
SELECT 'newest, non-speech included', pg_temp.shape_ms('SELECT ' || :'cols' || ' FROM quotes q ORDER BY q.publish_time DESC, q.id DESC LIMIT 51', :n);
SELECT 'newest, speech only', pg_temp.shape_ms('SELECT ' || :'cols' || ' FROM quotes q WHERE q.speech = 1 ORDER BY q.publish_time DESC, q.id DESC LIMIT 51', :n);
SELECT 'person+topic+source, person in source rows', pg_temp.shape_ms('SELECT ' || :'cols' || ' FROM ' || :'SD_FROM' || ' WHERE d.source_id = :source AND d.person_id = :person AND (d.relations & 7) != 0 AND ' || :'TOPIC_NEW_D' || ' AND q.speech = 1 ORDER BY d.publish_time DESC, d.quote_id DESC LIMIT 51', :n);
SELECT 'person+topic, person in topic rows', pg_temp.shape_ms('SELECT ' || :'cols' || ' FROM quote_topics d, LATERAL (SELECT * FROM quotes q0 WHERE q0.rid = d.rid OFFSET 0) q WHERE d.topic_id = :topic AND d.person_id = :person AND q.speech = 1 ORDER BY d.publish_time DESC, d.quote_id DESC LIMIT 51', :n);
SELECT 'topic+source, pair rows', pg_temp.shape_ms('SELECT ' || :'cols' || ' FROM quote_topic_sources d, LATERAL (SELECT * FROM quotes q0 WHERE q0.rid = d.rid OFFSET 0) q WHERE d.topic_id = :topic AND d.source_id = :source AND (d.relations & 7) != 0 AND q.speech = 1 ORDER BY d.publish_time DESC, d.quote_id DESC LIMIT 51', :n);
\set TEXT_RARE 'EXISTS (SELECT 1 FROM quote_fts WHERE quote_fts.rowid = d.rid AND quote_fts.doc @@ CAST(:rare AS tsquery) OFFSET 0)'
SELECT 'free text+source, one walk, rare', pg_temp.shape_ms('WITH walk AS MATERIALIZED (SELECT d.rid, d.publish_time, d.quote_id FROM ' || :'SD_FROM' || ' WHERE d.source_id = :source AND ' || :'TEXT_RARE' || ' AND q.speech = 1 ORDER BY d.publish_time DESC, d.quote_id DESC LIMIT 51) SELECT ' || :'cols' || ' FROM (SELECT rid FROM walk UNION ALL SELECT d.rid FROM ' || :'SD_FROM' || ' WHERE d.source_id = :source AND ' || :'TEXT_RARE' || ' AND q.speech = 1 AND (SELECT count(*) FROM walk) = 51 AND d.publish_time >= (SELECT CASE WHEN min(rid) >= -4611686018427387904 AND min(rid) < 4611686018427387904 THEN (min(rid) >> 20) * 1000 ELSE (-9223372036854775807 - 1) END FROM walk) AND (d.publish_time, d.quote_id) < (SELECT publish_time, quote_id FROM walk ORDER BY publish_time, quote_id LIMIT 1)) r, LATERAL (SELECT * FROM quotes q0 WHERE q0.rid = r.rid OFFSET 0) q ORDER BY q.rid DESC LIMIT 51', :n);
SELECT 'free text+source, source lexeme', pg_temp.shape_ms('SELECT ' || :'cols' || ' FROM quote_fts JOIN quotes q ON q.rid = quote_fts.rowid WHERE quote_fts.doc @@ CAST(:srcword AS tsquery) AND q.speech = 1 ORDER BY quote_fts.rowid DESC LIMIT 51', :n);
SELECT 'free text+source, source lexeme, rare', pg_temp.shape_ms('SELECT ' || :'cols' || ' FROM quote_fts JOIN quotes q ON q.rid = quote_fts.rowid WHERE quote_fts.doc @@ CAST(:srcrare AS tsquery) AND q.speech = 1 ORDER BY quote_fts.rowid DESC LIMIT 51', :n);
