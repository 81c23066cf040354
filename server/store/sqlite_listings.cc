// Pre-encoded quotes (schema version 5): every speech quote, encoded by the
// service's QuoteEncoder, in a compact row keyed by its rid. A page by
// person, topic or source walks its listing index (quotes_by_person,
// quote_topics_by_topic, quote_sources_by_source, each holding the rid) and
// reads one such row per quote instead of the wide quote row, and the
// service copies the bytes into its response instead of building messages.
//
// The rows are derived from the quote rows: every write that changes a quote
// row drops that quote's encoded row before and encodes it again after
// (DropEncodedQuotes, EncodeQuotes). The speaker's person and display name
// are not in the encoding (merges, renames and fuller names change them
// without touching the quote): the reader adds them.
#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
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

QuoteQuery BuildEncodedQuoteQuery(const ResolvedQuoteFilter& f,
                                  const std::optional<PagePosition>& position,
                                  int32_t page_size) {
  QuoteQuery out;
  std::string time_col, id_col;
  if (!f.person_ids.empty()) {
    // One person: the caller applies its display name once, as ListQuotes
    // does.
    out.sql =
        "SELECT e.body, e.person_id, e.speaker_name, q.publish_time, q.id, "
        "q.rid FROM quotes q INDEXED BY quotes_by_person CROSS JOIN "
        "encoded_quotes e ON e.rid = q.rid WHERE q.person_id = ?";
    out.params.push_back(f.person_ids[0]);
    out.raw_speaker = true;
    time_col = "q.publish_time";
    id_col = "q.id";
  } else {
    // Each row's person's display name, else the name as extracted.
    constexpr char kColumns[] =
        "SELECT e.body, e.person_id, coalesce(p.display_name, "
        "e.speaker_name), d.publish_time, d.quote_id, d.rid FROM ";
    constexpr char kJoins[] =
        " d CROSS JOIN encoded_quotes e ON e.rid = d.rid LEFT JOIN people p "
        "ON p.id = e.person_id WHERE ";
    if (!f.topic_id.empty()) {
      out.sql = absl::StrCat(kColumns, "quote_topics", kJoins, "d.topic_id = ?");
      out.params.push_back(f.topic_id);
    } else {
      out.sql =
          absl::StrCat(kColumns, "quote_sources", kJoins, "d.source_id = ?");
      out.params.push_back(f.source_ids.empty() ? std::string()
                                                : f.source_ids[0]);
      if (f.relation_bits != 7) {
        out.sql += " AND (d.relations & ?) != 0";
        out.params.push_back(int64_t{f.relation_bits});
      }
    }
    time_col = "d.publish_time";
    id_col = "d.quote_id";
  }
  if (f.start_us) {
    absl::StrAppend(&out.sql, " AND ", time_col, " >= ?");
    out.params.push_back(*f.start_us);
  }
  if (f.end_us) {
    absl::StrAppend(&out.sql, " AND ", time_col, " < ?");
    out.params.push_back(*f.end_us);
  }
  if (position) {
    absl::StrAppend(&out.sql, " AND (", time_col, ", ", id_col, ") < (?, ?)");
    out.params.push_back(position->a);
    out.params.push_back(position->s);
  }
  absl::StrAppend(&out.sql, " ORDER BY ", time_col, " DESC, ", id_col,
                  " DESC LIMIT ?");
  out.params.push_back(int64_t{page_size} + 1);
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
  return s.Run();
}

absl::Status SqliteStore::DropEncodedQuotes(Connection& c,
                                            const std::vector<int64_t>& rids) {
  if (encoder_ == nullptr) return absl::OkStatus();
  for (int64_t rid : rids) {
    QW_ASSIGN_OR_RETURN(
        Stmt s, c.Prepare("DELETE FROM encoded_quotes WHERE rid = ?"));
    QW_RETURN_IF_ERROR(s.BindAll(rid).Run());
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
      QW_RETURN_IF_ERROR(c.Exec("DELETE FROM encoded_quotes"));
      QW_ASSIGN_OR_RETURN(Stmt s, c.Prepare(AllSpeechQuotesSql()));
      while (true) {
        QW_ASSIGN_OR_RETURN(bool row, s.Step());
        if (!row) break;
        QW_RETURN_IF_ERROR(
            EncodeQuote(c, ReadQuote(s), s.Int(kQuoteColumnCount)));
      }
      QW_ASSIGN_OR_RETURN(
          Stmt meta, c.Prepare("INSERT OR REPLACE INTO meta(key, value) "
                               "VALUES ('listing_format', ?)"));
      QW_RETURN_IF_ERROR(meta.BindAll(format).Run());
    }
    encoded_ready_ = true;
    return absl::OkStatus();
  });
}

absl::StatusOr<std::optional<EncodedQuotePage>> SqliteStore::ListEncodedQuotes(
    const QuoteFilter& filter, const PageOptions& page) {
  using Result = std::optional<EncodedQuotePage>;
  const int facets = int{!filter.person.empty()} + int{!filter.topic.empty()} +
                     int{!filter.source.empty()};
  if (!encoded_ready_ || facets != 1 || !filter.article.empty() ||
      !filter.language.empty() || !filter.query.empty() ||
      filter.include_non_speech || filter.order_by_relevance) {
    return Result();
  }
  const int32_t page_size = EffectivePageSize(page);
  const uint64_t fingerprint = QuoteFilterFingerprint(filter);
  std::optional<PagePosition> position;
  if (!page.page_token.empty()) {
    QW_ASSIGN_OR_RETURN(position, codec_.Decode(page.page_token, kTokenQuotes,
                                                fingerprint));
  }
  return Read([&](Connection& c) -> absl::StatusOr<Result> {
    // Resolve the filter as ListQuotes does; what names nobody is an empty
    // page, what names several people or sources is ListQuotes' to answer.
    ResolvedQuoteFilter resolved;
    if (!filter.person.empty()) {
      QW_ASSIGN_OR_RETURN(FoundPeople found, FindPeople(c, filter.person));
      if (found.ids.empty()) return Result(EncodedQuotePage());
      if (found.ids.size() > 1) return Result();
      resolved.person_ids = std::move(found.ids);
    } else if (!filter.topic.empty()) {
      const TopicInfo* topic = topics_.Find(filter.topic);
      if (topic == nullptr) {
        topic = topics_.Find(StripPrefix(filter.topic, "topics/"));
      }
      if (topic == nullptr) return Result(EncodedQuotePage());
      resolved.topic_id = topic->id;
    } else {
      QW_ASSIGN_OR_RETURN(resolved.source_ids, FindSources(c, filter.source));
      if (resolved.source_ids.empty()) return Result(EncodedQuotePage());
      if (resolved.source_ids.size() > 1) return Result();
    }
    if (filter.source_relation) {
      resolved.relation_bits = RelationBit(*filter.source_relation);
    }
    if (filter.start_time) resolved.start_us = Micros(*filter.start_time);
    if (filter.end_time) resolved.end_us = Micros(*filter.end_time);
    const QuoteQuery query =
        BuildEncodedQuoteQuery(resolved, position, page_size);
    const std::string person_id =
        resolved.person_ids.empty() ? std::string() : resolved.person_ids[0];
    const std::string& sql = query.sql;
    const std::vector<Param>& params = query.params;

    EncodedQuotePage result;
    PagePosition last;
    {
      QW_ASSIGN_OR_RETURN(Stmt s, c.Prepare(sql));
      BindParams(s, params);
      result.entries.reserve(
          static_cast<size_t>(std::min<int32_t>(page_size, 100)));
      while (true) {
        QW_ASSIGN_OR_RETURN(bool row, s.Step());
        if (!row) break;
        if (static_cast<int32_t>(result.entries.size()) == page_size) {
          // A row past the page: there is a next page, after the last row.
          result.next_page_token = codec_.Encode(kTokenQuotes, fingerprint, last);
          break;
        }
        EncodedQuotePage::Entry& entry = result.entries.emplace_back();
        entry.body = std::string(s.BlobView(0));
        entry.person_id = s.Text(1);
        entry.speaker_name = s.Text(2);
        // Both keysets, as ListQuotes issues them.
        last.a = s.Int(3);
        last.s = s.Text(4);
        last.b = s.Int(5);
      }
    }
    if (!person_id.empty() && !result.entries.empty()) {
      QW_ASSIGN_OR_RETURN(std::optional<std::string> display,
                          DisplayName(c, person_id));
      if (display) {
        for (EncodedQuotePage::Entry& e : result.entries) {
          e.speaker_name = *display;
        }
      }
    }
    return Result(std::move(result));
  });
}

}  // namespace store_internal
}  // namespace quotewire
