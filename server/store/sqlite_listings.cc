// Pre-encoded quotes (schema version 5): every speech quote, encoded by the
// service's QuoteEncoder, in a compact row keyed by its rid. A page by
// person, topic or source (or several of them: BuildListingWalk) walks a
// listing index (quotes_by_person, quote_topics_by_topic,
// quote_sources_by_source, each holding the rid) and reads one such row per
// quote instead of the wide quote row, and the service copies the bytes
// into its response instead of building messages.
// The rows a listing reads, and the people, sources and display names it
// looks up, are kept in memory (listing_cache.h) until a write changes them:
// a page read again costs the walk of its index and no search per quote.
//
// The rows are derived from the quote rows: every write that changes a quote
// row drops that quote's encoded row before and encodes it again after
// (DropEncodedQuotes, EncodeQuotes). The speaker's person and display name
// are not in the encoding (merges, renames and fuller names change them
// without touching the quote): the reader adds them.
#include <algorithm>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "server/core/status_macros.h"
#include "server/store/sqlite_store_internal.h"

namespace quotewire {
namespace store_internal {
namespace {

// A quote row as extracted (kQuoteColumnsRawSpeaker), then rid and speech.
const std::string& QuoteByRidSql() {
  static const auto* sql = new std::string(absl::StrCat(
      "SELECT ", kQuoteColumnsRawSpeaker,
      ", q.rid, q.speech FROM quotes q WHERE q.rid = ?"));
  return *sql;
}

const std::string& AllSpeechQuotesSql() {
  static const auto* sql = new std::string(absl::StrCat(
      "SELECT ", kQuoteColumnsRawSpeaker,
      ", q.rid FROM quotes q WHERE q.speech = 1 ORDER BY q.rid"));
  return *sql;
}

}  // namespace

QuoteQuery BuildListingWalk(const ResolvedQuoteFilter& f,
                            const std::optional<PagePosition>& position) {
  QuoteQuery out;
  std::vector<std::string> where;
  std::string time_col = "d.publish_time", id_col = "d.quote_id";
  bool topic_walked = false, source_walked = false;
  if (!f.person_ids.empty()) {
    out.sql =
        "SELECT q.rid, q.publish_time, q.id FROM quotes q INDEXED BY "
        "quotes_by_person";
    where.push_back("q.person_id = ?");
    out.params.push_back(f.person_ids[0]);
    time_col = "q.publish_time";
    id_col = "q.id";
  } else if (!f.topic_id.empty() && !f.source_drives) {
    out.sql =
        "SELECT d.rid, d.publish_time, d.quote_id FROM quote_topics d "
        "INDEXED BY quote_topics_by_topic";
    where.push_back("d.topic_id = ?");
    out.params.push_back(f.topic_id);
    topic_walked = true;
  } else {
    out.sql =
        "SELECT d.rid, d.publish_time, d.quote_id FROM quote_sources d "
        "INDEXED BY quote_sources_by_source";
    where.push_back("d.source_id = ?");
    out.params.push_back(f.source_ids.empty() ? std::string()
                                              : f.source_ids[0]);
    if (f.relation_bits != 7) {
      where.push_back("(d.relations & ?) != 0");
      out.params.push_back(int64_t{f.relation_bits});
    }
    source_walked = true;
  }
  AppendFacetChecks(f, !source_walked && !f.source_ids.empty(),
                    !topic_walked && !f.topic_id.empty(), time_col, id_col,
                    &where, &out.params);
  if (f.start_us) {
    where.push_back(absl::StrCat(time_col, " >= ?"));
    out.params.push_back(*f.start_us);
  }
  if (f.end_us) {
    where.push_back(absl::StrCat(time_col, " < ?"));
    out.params.push_back(*f.end_us);
  }
  if (position) {
    where.push_back(absl::StrCat("(", time_col, ", ", id_col, ") < (?, ?)"));
    out.params.push_back(position->a);
    out.params.push_back(position->s);
  }
  absl::StrAppend(&out.sql, " WHERE ", absl::StrJoin(where, " AND "),
                  " ORDER BY ", time_col, " DESC, ", id_col, " DESC");
  return out;
}

absl::StatusOr<std::vector<int64_t>> SqliteStore::QuoteRids(
    Connection& c, const char* sql, std::string_view param) {
  std::vector<int64_t> rids;
  QW_ASSIGN_OR_RETURN(Stmt s, c.Prepare(sql));
  s.Bind(1, param);
  while (true) {
    QW_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    rids.push_back(s.Int(0));
  }
  return rids;
}

absl::Status SqliteStore::EncodeQuote(Connection& c, const StoredQuote& stored,
                                      int64_t rid) {
  if (encoder_ == nullptr) return absl::OkStatus();
  QW_ASSIGN_OR_RETURN(
      Stmt s, c.Prepare("INSERT OR REPLACE INTO encoded_quotes(rid, person_id, "
                        "speaker_name, body) VALUES (?, ?, ?, ?)"));
  s.BindAll(rid, stored.quote.speaker.person_id, stored.quote.speaker.name);
  s.BindBlob(4, encoder_->Encode(stored));
  if (!rewrote_encoded_) written_rids_.push_back(rid);
  return s.Run();
}

absl::Status SqliteStore::DropEncodedQuotes(Connection& c,
                                            const std::vector<int64_t>& rids) {
  if (encoder_ == nullptr) return absl::OkStatus();
  for (int64_t rid : rids) {
    QW_ASSIGN_OR_RETURN(
        Stmt s, c.Prepare("DELETE FROM encoded_quotes WHERE rid = ?"));
    written_rids_.push_back(rid);
    QW_RETURN_IF_ERROR(s.BindAll(rid).Run());
  }
  return absl::OkStatus();
}

absl::Status SqliteStore::ReadPendingRows(Connection& c, uint64_t ticket,
                                          std::vector<PageRow>& rows,
                                          std::vector<char>* out) {
  std::vector<PageRow*> pending;
  for (PageRow& row : rows) {
    if (row.state == PageRow::kPending) pending.push_back(&row);
  }
  std::sort(pending.begin(), pending.end(),
            [](const PageRow* a, const PageRow* b) { return a->rid < b->rid; });
  // Up to 8 rids per statement (measured against 1 and 32 with
  // store_bench --listing_cache_mib=0: 20 pages of 50 in 2.1-2.2 ms vs
  // 3.0-3.3 and 1.9-3.0), padded to a power of two with kNoRid (no quote has
  // it) so that few distinct statements are prepared.
  constexpr size_t kMaxBatch = 8;
  for (size_t begin = 0; begin < pending.size(); begin += kMaxBatch) {
    const size_t count = std::min(kMaxBatch, pending.size() - begin);
    size_t slots = 1;
    while (slots < count) slots *= 2;
    std::string sql =
        "SELECT rid, person_id, speaker_name, body FROM encoded_quotes WHERE "
        "rid IN (?";
    for (size_t i = 1; i < slots; ++i) sql += ", ?";
    sql += ") ORDER BY rid";
    QW_ASSIGN_OR_RETURN(Stmt s, c.Prepare(sql));
    for (size_t i = 0; i < slots; ++i) {
      s.Bind(static_cast<int>(i + 1),
             i < count ? pending[begin + i]->rid : kNoRid);
    }
    // Rows come in rid order, as `pending` is sorted.
    size_t next = begin;
    const size_t end = begin + count;
    auto none_until = [&](int64_t rid) {
      for (; next < end && pending[next]->rid < rid; ++next) {
        pending[next]->state = PageRow::kNone;
        encoded_cache_.Insert(ticket, pending[next]->rid, std::nullopt);
      }
    };
    while (true) {
      QW_ASSIGN_OR_RETURN(bool found, s.Step());
      if (!found) break;
      const int64_t rid = s.Int(0);
      none_until(rid);
      const EncodedRowView view{s.TextView(1), s.TextView(2), s.BlobView(3)};
      encoded_cache_.Insert(ticket, rid, view);
      // The same quote may stand twice in a page only if the index had it
      // twice; fill every row of that rid.
      for (; next < end && pending[next]->rid == rid; ++next) {
        PageRow& row = *pending[next];
        row.state = PageRow::kFound;
        row.start = out->size();
        for (std::string_view part : {view.person_id, view.speaker_name, view.body}) {
          out->insert(out->end(), part.begin(), part.end());
        }
        row.lengths[0] = view.person_id.size();
        row.lengths[1] = view.speaker_name.size();
        row.lengths[2] = view.body.size();
      }
    }
    none_until(std::numeric_limits<int64_t>::max());
  }
  return absl::OkStatus();
}

absl::Status SqliteStore::EncodeQuotes(Connection& c,
                                       const std::vector<int64_t>& rids) {
  if (encoder_ == nullptr) return absl::OkStatus();
  for (int64_t rid : rids) {
    std::optional<StoredQuote> stored;
    {
      QW_ASSIGN_OR_RETURN(Stmt s, c.Prepare(QuoteByRidSql()));
      s.Bind(1, rid);
      QW_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row || s.Int(kQuoteColumnCount + 1) == 0) continue;
      stored = ReadQuote(s);
    }
    QW_RETURN_IF_ERROR(EncodeQuote(c, *stored, rid));
  }
  return absl::OkStatus();
}

absl::Status SqliteStore::OpenEncodedQuotes() {
  return Write([&](Connection& c) -> absl::Status {
    std::optional<std::string> stored_format;
    {
      QW_ASSIGN_OR_RETURN(
          Stmt s,
          c.Prepare("SELECT value FROM meta WHERE key = 'listing_format'"));
      QW_ASSIGN_OR_RETURN(bool row, s.Step());
      if (row) stored_format = s.Text(0);
    }
    if (encoder_ == nullptr) {
      // Writes from now on do not maintain the rows.
      encoded_ready_ = false;
      if (!stored_format) return absl::OkStatus();
      return c.Exec("DELETE FROM meta WHERE key = 'listing_format'");
    }
    const std::string format = encoder_->format();
    if (stored_format != format) {
      rewrote_encoded_ = true;  // the cache forgets every row (Write())
      QW_RETURN_IF_ERROR(c.Exec("DELETE FROM encoded_quotes"));
      QW_ASSIGN_OR_RETURN(Stmt s, c.Prepare(AllSpeechQuotesSql()));
      while (true) {
        QW_ASSIGN_OR_RETURN(bool row, s.Step());
        if (!row) break;
        QW_RETURN_IF_ERROR(
            EncodeQuote(c, ReadQuote(s), s.Int(kQuoteColumnCount)));
      }
      QW_ASSIGN_OR_RETURN(
          Stmt meta, c.Prepare("INSERT INTO meta(key, value) "
                               "VALUES ('listing_format', ?) ON CONFLICT(key) "
                               "DO UPDATE SET value = excluded.value"));
      QW_RETURN_IF_ERROR(meta.BindAll(format).Run());
    }
    encoded_ready_ = true;
    return absl::OkStatus();
  });
}

absl::StatusOr<std::optional<EncodedQuotePage>> SqliteStore::ListEncodedQuotes(
    const QuoteFilter& filter, const PageOptions& page) {
  using Result = std::optional<EncodedQuotePage>;
  if (!encoded_ready_ ||
      (filter.person.empty() && filter.topic.empty() && filter.source.empty()) ||
      !filter.article.empty() || !filter.language.empty() ||
      !filter.query.empty() || filter.include_non_speech ||
      filter.order_by_relevance) {
    return Result();
  }
  const int32_t page_size = EffectivePageSize(page);
  const uint64_t fingerprint = QuoteFilterFingerprint(filter);
  std::optional<PagePosition> position;
  if (!page.page_token.empty()) {
    QW_ASSIGN_OR_RETURN(position, codec_.Decode(page.page_token, kTokenQuotes,
                                                fingerprint));
  }
  // Taken before the read transaction (listing_cache.h).
  const uint64_t generation = generation_.load(std::memory_order_acquire);
  const uint64_t ticket = encoded_cache_.Ticket();
  return Read([&](Connection& c) -> absl::StatusOr<Result> {
    // Resolve the filter as ListQuotes does; what names nobody is an empty
    // page, what names several people or sources is ListQuotes' to answer.
    ResolvedQuoteFilter resolved;
    if (!filter.person.empty()) {
      QW_ASSIGN_OR_RETURN(
          FoundPeople found,
          people_by_name_.FindOrCompute(filter.person, generation, [&] {
            return FindPeople(c, filter.person);
          }));
      if (found.ids.empty()) return Result(EncodedQuotePage());
      if (found.ids.size() > 1) return Result();
      resolved.person_ids = std::move(found.ids);
    }
    if (!filter.topic.empty()) {
      const TopicInfo* topic = FindTopic(filter.topic);
      if (topic == nullptr) return Result(EncodedQuotePage());
      resolved.topic_id = topic->id;
    }
    if (!filter.source.empty()) {
      QW_ASSIGN_OR_RETURN(
          resolved.source_ids,
          sources_by_name_.FindOrCompute(filter.source, generation, [&] {
            return FindSources(c, filter.source);
          }));
      if (resolved.source_ids.empty()) return Result(EncodedQuotePage());
      if (resolved.source_ids.size() > 1) return Result();
    }
    if (resolved.person_ids.empty()) {
      QW_ASSIGN_OR_RETURN(resolved.source_drives, SourceDrives(c, resolved));
    }
    if (filter.source_relation) {
      resolved.relation_bits = RelationBit(*filter.source_relation);
    }
    if (filter.start_time) resolved.start_us = Micros(*filter.start_time);
    if (filter.end_time) resolved.end_us = Micros(*filter.end_time);
    const QuoteQuery walk = BuildListingWalk(resolved, position);

    EncodedQuotePage result;
    // Walk the index until page_size + 1 quotes are speech (the last one
    // only says that there is a next page), reading the rows the cache does
    // not have in batches.
    std::vector<PageRow> rows;
    std::string ids;  // quote ids of `rows`
    const size_t wanted = static_cast<size_t>(page_size) + 1;
    rows.reserve(std::min<size_t>(wanted, 101));
    result.bytes.reserve(rows.capacity() * 512);
    {
      QW_ASSIGN_OR_RETURN(Stmt s, c.Prepare(walk.sql));
      BindParams(s, walk.params);
      bool walked = false;
      while (!walked) {
        while (rows.size() < wanted) {  // rows: found or pending
          QW_ASSIGN_OR_RETURN(bool row, s.Step());
          if (!row) {
            walked = true;
            break;
          }
          PageRow r{s.Int(0), s.Int(1)};
          r.start = result.bytes.size();
          switch (encoded_cache_.AppendTo(r.rid, &result.bytes, r.lengths)) {
            case EncodedQuoteCache::Lookup::kNoRow:
              continue;  // not speech
            case EncodedQuoteCache::Lookup::kFound:
              r.state = PageRow::kFound;
              break;
            case EncodedQuoteCache::Lookup::kMiss:
              break;
          }
          const std::string_view id = s.TextView(2);
          r.id_start = ids.size();
          r.id_size = id.size();
          ids.append(id);
          rows.push_back(r);
        }
        QW_RETURN_IF_ERROR(ReadPendingRows(c, ticket, rows, &result.bytes));
        rows.erase(std::remove_if(rows.begin(), rows.end(),
                                  [](const PageRow& r) {
                                    return r.state == PageRow::kNone;
                                  }),
                   rows.end());
        if (rows.size() >= wanted) break;
      }
    }
    if (rows.size() > static_cast<size_t>(page_size)) {
      rows.resize(static_cast<size_t>(page_size));
      // Both keysets, as ListQuotes issues them.
      const PageRow& last_row = rows.back();
      PagePosition last;
      last.a = last_row.publish_time;
      last.s = ids.substr(last_row.id_start, last_row.id_size);
      last.b = last_row.rid;
      result.next_page_token = codec_.Encode(kTokenQuotes, fingerprint, last);
    }
    // Each speaker's display name, else the name as extracted (one lookup
    // for a page by person, as ListQuotes does).
    std::string display_of;  // whose `display`
    std::optional<std::string> display;
    for (PageRow& r : rows) {
      r.name_start = r.start + r.lengths[0];
      r.name_size = r.lengths[1];
      const std::string_view person_id(result.bytes.data() + r.start,
                                       r.lengths[0]);
      if (person_id.empty()) continue;
      if (person_id != display_of) {
        display_of.assign(person_id);
        QW_ASSIGN_OR_RETURN(
            display, display_names_.FindOrCompute(display_of, generation, [&] {
              return DisplayName(c, display_of);
            }));
      }
      if (!display) continue;
      r.name_start = result.bytes.size();
      r.name_size = display->size();
      result.bytes.insert(result.bytes.end(), display->begin(), display->end());
    }
    const char* base = result.bytes.data();
    result.entries.reserve(rows.size());
    for (const PageRow& r : rows) {
      EncodedQuotePage::Entry& e = result.entries.emplace_back();
      e.person_id = std::string_view(base + r.start, r.lengths[0]);
      e.speaker_name = std::string_view(base + r.name_start, r.name_size);
      e.body = std::string_view(base + r.start + r.lengths[0] + r.lengths[1],
                                r.lengths[2]);
    }
    return Result(std::move(result));
  });
}

}  // namespace store_internal
}  // namespace quotewire
