// SqliteStore, part 2 of 3: PutArticle, DeleteArticle, count maintenance and
// identity resolution. See sqlite_store_internal.h.

#include <algorithm>
#include <array>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "server/store/search_terms.h"
#include "server/store/sqlite_store_internal.h"

namespace quotewire {
namespace store_internal {

// ---------------------------------------------------------------------------
// Writing helpers.

namespace {

// Adds to the maintained counts of one person, topic or source (negative
// numbers subtract).
absl::Status AddPersonCounts(Connection& c, std::string_view id, int64_t quotes,
                             int64_t articles) {
  QW_ASSIGN_OR_RETURN(
      Stmt s, c.Prepare("UPDATE people SET quote_count = quote_count + ?, "
                        "article_count = article_count + ? WHERE id = ?"));
  return s.BindAll(quotes, articles, id).RunDeferred();
}

absl::Status AddTopicCount(Connection& c, std::string_view id, int64_t quotes) {
  QW_ASSIGN_OR_RETURN(
      Stmt s, c.Prepare("INSERT INTO topic_counts(topic_id, quote_count) "
                        "VALUES (?, ?) ON CONFLICT(topic_id) DO UPDATE SET "
                        "quote_count = topic_counts.quote_count + excluded.quote_count"));
  return s.BindAll(id, quotes).RunDeferred();
}

// `n`: quotes, of which publisher, outlet and wire relations.
absl::Status AddSourceCounts(Connection& c, std::string_view id,
                             const int64_t (&n)[4]) {
  QW_ASSIGN_OR_RETURN(
      Stmt s,
      c.Prepare("UPDATE sources SET quote_count = quote_count + ?, "
                "publisher_quote_count = publisher_quote_count + ?, "
                "outlet_quote_count = outlet_quote_count + ?, "
                "wire_quote_count = wire_quote_count + ? WHERE id = ?"));
  return s.BindAll(n[0], n[1], n[2], n[3], id).RunDeferred();
}

}  // namespace

absl::Status SqliteStore::AdjustCounts(Connection& c,
                                       std::string_view article_id, int sign) {
  struct Row {
    std::string id;
    int64_t n[4] = {0, 0, 0, 0};
  };
  auto collect = [&](const char* sql,
                     int columns) -> absl::StatusOr<std::vector<Row>> {
    QW_ASSIGN_OR_RETURN(Stmt s, c.Prepare(sql));
    s.Bind(1, article_id);
    std::vector<Row> rows;
    while (true) {
      QW_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      Row r;
      r.id = s.Text(0);
      for (int i = 0; i < columns; ++i) r.n[i] = s.Int(i + 1) * sign;
      rows.push_back(std::move(r));
    }
    return rows;
  };
  QW_ASSIGN_OR_RETURN(
      std::vector<Row> people,
      collect("SELECT person_id, count(*) FROM quotes WHERE article_id = ? "
              "AND speech = 1 AND person_id IS NOT NULL GROUP BY person_id",
              1));
  for (const Row& r : people) {
    QW_RETURN_IF_ERROR(AddPersonCounts(c, r.id, r.n[0], sign));
  }
  QW_ASSIGN_OR_RETURN(
      std::vector<Row> topics,
      collect("SELECT t.topic_id, count(*) FROM quote_topics t "
              "JOIN quotes q ON q.id = t.quote_id "
              "WHERE q.article_id = ? AND q.speech = 1 GROUP BY t.topic_id",
              1));
  for (const Row& r : topics) {
    QW_RETURN_IF_ERROR(AddTopicCount(c, r.id, r.n[0]));
  }
  QW_ASSIGN_OR_RETURN(
      std::vector<Row> sources,
      collect("SELECT s.source_id, count(*), sum(s.relations & 1), "
              "sum((s.relations >> 1) & 1), sum((s.relations >> 2) & 1) "
              "FROM quote_sources s JOIN quotes q ON q.id = s.quote_id "
              "WHERE q.article_id = ? AND q.speech = 1 GROUP BY s.source_id",
              4));
  for (const Row& r : sources) {
    QW_RETURN_IF_ERROR(AddSourceCounts(c, r.id, r.n));
  }
  return absl::OkStatus();
}

absl::Status SqliteStore::RemoveArticleQuotes(Connection& c,
                                              std::string_view article_id,
                                              std::set<std::string>& touched) {
  {
    QW_ASSIGN_OR_RETURN(
        Stmt s, c.Prepare("SELECT DISTINCT person_id FROM quotes "
                          "WHERE article_id = ? AND person_id IS NOT NULL"));
    s.Bind(1, article_id);
    while (true) {
      QW_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      touched.insert(s.Text(0));
    }
  }
  QW_RETURN_IF_ERROR(AdjustCounts(c, article_id, -1));
  {
    QW_ASSIGN_OR_RETURN(
        std::vector<int64_t> rids,
        QuoteRids(c, "SELECT rid FROM quotes WHERE article_id = ?", article_id));
    QW_RETURN_IF_ERROR(DropEncodedQuotes(c, rids));
  }
  {
    QW_ASSIGN_OR_RETURN(
        Stmt s, c.Prepare("DELETE FROM quote_fts WHERE rowid IN "
                          "(SELECT rid FROM quotes WHERE article_id = ?)"));
    QW_RETURN_IF_ERROR(s.BindAll(article_id).Run());
  }
  QW_ASSIGN_OR_RETURN(Stmt s,
                      c.Prepare("DELETE FROM quotes WHERE article_id = ?"));
  return s.BindAll(article_id).Run();
}

absl::Status SqliteStore::RecomputePerson(Connection& c, std::string_view id) {
  QW_ASSIGN_OR_RETURN(
      Stmt s,
      c.Prepare(
          "UPDATE people SET "
          "quote_count = (SELECT count(*) FROM quotes "
          "WHERE person_id = ?1 AND speech = 1), "
          "article_count = (SELECT count(DISTINCT article_id) FROM quotes "
          "WHERE person_id = ?1 AND speech = 1) WHERE id = ?1"));
  return s.BindAll(id).Run();
}

absl::Status SqliteStore::CollectGarbage(Connection& c,
                                         const std::set<std::string>& ids) {
  for (const std::string& id : ids) {
    QW_ASSIGN_OR_RETURN(
        Stmt s,
        c.Prepare("DELETE FROM people WHERE id = ?1 AND display_locked = 0 "
                  "AND NOT EXISTS (SELECT 1 FROM quotes WHERE person_id = ?1) "
                  "AND NOT EXISTS (SELECT 1 FROM alias_pins "
                  "WHERE person_id = ?1) "
                  "AND NOT EXISTS (SELECT 1 FROM quote_overrides "
                  "WHERE person_id = ?1)"));
    QW_RETURN_IF_ERROR(s.BindAll(id).Run());
    if (c.Changes() > 0) {
      QW_ASSIGN_OR_RETURN(
          Stmt r,
          c.Prepare("DELETE FROM person_redirects WHERE person_id = ?"));
      QW_RETURN_IF_ERROR(r.BindAll(id).Run());
      QW_ASSIGN_OR_RETURN(
          Stmt m, c.Prepare("DELETE FROM merge_suggestions "
                            "WHERE person_a = ?1 OR person_b = ?1"));
      QW_RETURN_IF_ERROR(m.BindAll(id).Run());
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<SqliteStore::SourceRef> SqliteStore::UpsertSource(
    Connection& c, std::string_view name) {
  // Most ingests name sources seen before: skip canonicalisation and the
  // inserts that would all be ignored.
  if (auto it = source_cache_.find(name); it != source_cache_.end()) {
    return it->second;
  }
  if (auto it = pending_sources_.find(name); it != pending_sources_.end()) {
    return it->second;
  }
  CanonicalSource canonical = sources_.Canonicalize(name);
  if (canonical.id.empty()) {
    canonical.id = Slug(names_.Fold(name));
    if (canonical.id.empty()) canonical.id = StableHashHex(name);
  }
  if (canonical.display_name.empty()) canonical.display_name = Trim(name);
  {
    QW_ASSIGN_OR_RETURN(
        Stmt s, c.Prepare("INSERT INTO sources(id, display_name) "
                          "VALUES (?, ?) ON CONFLICT DO NOTHING"));
    QW_RETURN_IF_ERROR(
        s.BindAll(canonical.id, canonical.display_name).RunDeferred());
  }
  std::vector<std::string> aliases = canonical.aliases;
  aliases.push_back(canonical.display_name);
  aliases.push_back(Trim(name));
  for (const std::string& alias : aliases) {
    if (alias.empty()) continue;
    QW_ASSIGN_OR_RETURN(
        Stmt s, c.Prepare("INSERT INTO source_aliases(source_id, "
                          "alias, alias_key) VALUES (?, ?, ?) "
                          "ON CONFLICT DO NOTHING"));
    QW_RETURN_IF_ERROR(
        s.BindAll(canonical.id, alias, AliasKey(alias)).RunDeferred());
  }
  SourceRef ref;
  ref.id = canonical.id;
  {
    // The display name stored first wins.
    QW_ASSIGN_OR_RETURN(
        Stmt s, c.Prepare("SELECT display_name FROM sources WHERE id = ?"));
    s.Bind(1, ref.id);
    QW_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return absl::InternalError("source vanished");
    ref.display_name = s.Text(0);
  }
  pending_sources_.emplace(std::string(name), ref);
  return ref;
}

absl::StatusOr<std::string> SqliteStore::CreatePerson(Connection& c,
                                                      std::string_view display,
                                                      SpeakerKind kind,
                                                      bool locked) {
  std::string base = Slug(names_.Fold(display));
  if (base.empty()) base = "person";
  std::string id = base;
  for (int n = 2;; ++n) {
    QW_ASSIGN_OR_RETURN(
        bool taken,
        Exists(c,
               "SELECT 1 FROM people WHERE id = ?1 "
               "UNION ALL SELECT 1 FROM person_redirects WHERE old_id = ?1",
               id));
    if (!taken) break;
    id = absl::StrCat(base, "-", n);
  }
  QW_ASSIGN_OR_RETURN(
      Stmt s, c.Prepare("INSERT INTO people(id, display_name, kind, "
                        "display_locked, create_time) VALUES (?, ?, ?, ?, ?)"));
  QW_RETURN_IF_ERROR(s.BindAll(id, display, SpeakerKindName(kind),
                               int64_t{locked ? 1 : 0}, Micros(clock_()))
                         .RunDeferred());
  return id;
}

absl::Status SqliteStore::AddAliasWithKey(Connection& c,
                                          std::string_view person_id,
                                          std::string_view alias,
                                          const NameKey* key) {
  if (alias.empty()) return absl::OkStatus();
  QW_ASSIGN_OR_RETURN(
      Stmt s,
      c.Prepare("INSERT INTO person_aliases(person_id, alias, "
                "alias_key, surname_key, given_keys, full_key) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"));
  std::string given = key ? absl::StrJoin(key->given_keys, " ") : "";
  return s
      .BindAll(person_id, alias, AliasKey(alias),
               key ? key->surname_key : std::string(), given,
               key ? key->full_key : std::string())
      .RunDeferred();
}

absl::Status SqliteStore::AddAlias(Connection& c, std::string_view person_id,
                                   std::string_view alias, SpeakerKind kind) {
  if (kind == SpeakerKind::kPerson || kind == SpeakerKind::kUnknown) {
    NameKey key = names_.Analyze(alias);
    return AddAliasWithKey(c, person_id, alias,
                           key.surname_key.empty() ? nullptr : &key);
  }
  return AddAliasWithKey(c, person_id, alias, nullptr);
}

absl::Status SqliteStore::ReindexPerson(Connection& c,
                                        std::string_view person_id) {
  QW_ASSIGN_OR_RETURN(std::optional<std::string> found,
                      DisplayName(c, person_id));
  if (!found) return absl::OkStatus();
  const std::string display = *std::move(found);
  std::vector<std::pair<int64_t, std::string>> rows;
  {
    QW_ASSIGN_OR_RETURN(Stmt s,
                        c.Prepare("SELECT rid, speaker_name FROM quotes "
                                  "WHERE person_id = ?"));
    s.Bind(1, person_id);
    while (true) {
      QW_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      rows.emplace_back(s.Int(0), s.Text(1));
    }
  }
  for (const auto& [rid, speaker] : rows) {
    QW_ASSIGN_OR_RETURN(
        Stmt s, c.Prepare("UPDATE quote_fts SET speaker = ? WHERE rowid = ?"));
    QW_RETURN_IF_ERROR(s.BindAll(SpeakerFtsText(speaker, display), rid).Run());
  }
  return absl::OkStatus();
}

absl::Status SqliteStore::MaybeUpgradeDisplay(Connection& c,
                                              const Candidate& cand,
                                              const NameKey& key) {
  if (cand.locked || key.given_keys.empty()) return absl::OkStatus();
  NameKey current = names_.Analyze(cand.display);
  bool upgrade = current.given_keys.empty();
  if (!upgrade) {
    // "A. Lukashenko" becomes "Alexander Lukashenko", not the reverse.
    bool current_initials =
        std::all_of(current.given_keys.begin(), current.given_keys.end(),
                    [](const std::string& g) { return g.size() <= 1; });
    bool new_full =
        std::any_of(key.given_keys.begin(), key.given_keys.end(),
                    [](const std::string& g) { return g.size() > 1; });
    upgrade = current_initials && new_full;
  }
  if (!upgrade || key.display == cand.display) return absl::OkStatus();
  QW_ASSIGN_OR_RETURN(
      Stmt s, c.Prepare("UPDATE people SET display_name = ? WHERE id = ? "
                        "AND display_locked = 0"));
  QW_RETURN_IF_ERROR(s.BindAll(key.display, cand.id).Run());
  return ReindexPerson(c, cand.id);
}

absl::Status SqliteStore::Pin(Connection& c, std::string_view alias_key,
                              std::string_view person_id, int64_t seq) {
  if (alias_key.empty()) return absl::OkStatus();
  QW_ASSIGN_OR_RETURN(Stmt s,
                      c.Prepare("INSERT INTO alias_pins(alias_key, "
                                "person_id, correction_seq) VALUES (?, ?, ?) "
                                "ON CONFLICT(alias_key) DO UPDATE SET "
                                "person_id = excluded.person_id, "
                                "correction_seq = excluded.correction_seq"));
  return s.BindAll(alias_key, person_id, seq).Run();
}

absl::StatusOr<int64_t> SqliteStore::RecordCorrection(
    Connection& c, std::string_view action, std::string_view summary,
    std::string_view editor, std::string_view payload) {
  QW_ASSIGN_OR_RETURN(
      Stmt s, c.Prepare("INSERT INTO corrections(action, summary, editor, "
                        "create_time, payload) VALUES (?, ?, ?, ?, ?) "
                        "RETURNING seq"));
  s.BindAll(action, summary, editor, Micros(clock_()), payload);
  QW_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return absl::InternalError("store: correction not recorded");
  const int64_t seq = s.Int(0);
  QW_RETURN_IF_ERROR(s.Run());
  return seq;
}

// ---------------------------------------------------------------------------
// Identity resolution.

PersonContext MentionContext::Build(const NameAnalyzer& names,
                                    std::string_view surname_key) const {
  PersonContext context;
  const Speaker& speaker = quote->speaker;
  context.description_words = names.DescriptionWords(speaker.description);
  if (!speaker.mention.empty()) {
    std::set<std::string> words =
        names.DescriptionWords(names.Analyze(speaker.mention).description);
    context.description_words.merge(words);
  }
  for (const Quote& q : *article_quotes) {
    if (q.speaker.kind != SpeakerKind::kPerson &&
        q.speaker.kind != SpeakerKind::kUnknown) {
      continue;
    }
    std::string surname = names.Analyze(q.speaker.name).surname_key;
    if (!surname.empty() && surname != surname_key) {
      context.co_speakers.insert(std::move(surname));
    }
  }
  return context;
}

absl::StatusOr<PersonContext> SqliteStore::LoadPersonContext(
    Connection& c, std::string_view person_id, std::string_view surname_key) {
  PersonContext context;
  {
    QW_ASSIGN_OR_RETURN(
        Stmt s, c.Prepare("SELECT description FROM person_descriptions "
                          "WHERE person_id = ?"));
    s.Bind(1, person_id);
    while (true) {
      QW_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      std::set<std::string> words = names_.DescriptionWords(s.Text(0));
      context.description_words.merge(words);
    }
  }
  // The surnames of the people quoted in the person's articles.
  QW_ASSIGN_OR_RETURN(
      Stmt s,
      c.Prepare("SELECT DISTINCT a.surname_key FROM quotes q1 "
                "JOIN quotes q2 ON q2.article_id = q1.article_id "
                "JOIN person_aliases a ON a.person_id = q2.person_id "
                "WHERE q1.person_id = ?1 AND q2.person_id != ?1 "
                "AND a.surname_key != '' AND a.surname_key != ?2"));
  s.BindAll(person_id, surname_key);
  while (true) {
    QW_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    context.co_speakers.insert(s.Text(0));
  }
  return context;
}

absl::Status SqliteStore::SuggestMerge(Connection& c, std::string_view a,
                                       std::string_view b,
                                       std::string_view shared_key,
                                       std::string_view evidence,
                                       int score) {
  if (a == b) return absl::OkStatus();
  if (b < a) std::swap(a, b);
  QW_ASSIGN_OR_RETURN(
      Stmt s,
      c.Prepare("INSERT INTO merge_suggestions(person_a, person_b, "
                "shared_key, evidence, score, create_time) "
                "VALUES (?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(person_a, person_b) DO UPDATE SET "
                "evidence = excluded.evidence, score = excluded.score "
                "WHERE excluded.score > merge_suggestions.score"));
  return s
      .BindAll(a, b, shared_key, evidence, int64_t{score}, Micros(clock_()))
      .Run();
}

absl::StatusOr<SqliteStore::JoinDecision> SqliteStore::DecideJoin(
    Connection& c, const NameKey& key, const PersonContext& mention,
    const std::vector<const Candidate*>& pool, std::string_view reason) {
  JoinDecision decision;
  int best = 0, second = 0;
  for (const Candidate* cand : pool) {
    QW_ASSIGN_OR_RETURN(PersonContext context,
                        LoadPersonContext(c, cand->id, key.surname_key));
    ContextEvidence evidence = CompareContexts(mention, context);
    if (evidence.items > best) {
      second = best;
      best = evidence.items;
      decision.join = cand;
    } else if (evidence.items > second) {
      second = evidence.items;
    }
    std::string text = std::string(reason);
    if (!evidence.summary.empty()) absl::StrAppend(&text, "; ", evidence.summary);
    decision.suggestions.push_back(
        {cand->id, std::move(text),
         std::min(kMaxUncertainScore,
                  kUncertainScore + kEvidenceItemScore * evidence.items)});
  }
  // Evidence decides only when one candidate has more of it than any other.
  if (best == 0 || best == second) decision.join = nullptr;
  return decision;
}

absl::StatusOr<std::string> SqliteStore::ResolveFullName(
    Connection& c, const NameKey& key, const MentionContext& mention) {
  QW_ASSIGN_OR_RETURN(auto candidates, LoadCandidates(c, key));
  std::vector<const Candidate*> exact, initial, surname_only, differing;
  for (const auto& [id, cand] : candidates) {
    if (cand.exact) {
      exact.push_back(&cand);
    } else if (cand.same) {
      initial.push_back(&cand);
    } else if (!cand.has_full_name) {
      surname_only.push_back(&cand);
    } else {
      differing.push_back(&cand);
    }
  }
  // The people the name fits: by its first name (or an equivalent, or a
  // spelling one letter away), else through an initial on either side.
  const bool initial_mention = key.given_keys[0].size() == 1;
  std::vector<const Candidate*> pool = exact;
  if (initial_mention || pool.empty()) {
    pool.insert(pool.end(), initial.begin(), initial.end());
  }
  // One person fits: the join is sure ("A. Kolesnikova" is Anna beside
  // Maria and Olga).
  if (pool.size() == 1) {
    QW_RETURN_IF_ERROR(MaybeUpgradeDisplay(c, *pool[0], key));
    return pool[0]->id;
  }
  // Several fit: uncertain. What the articles say decides; else the mention
  // is its own person, suggested for a merge with each.
  std::optional<PersonContext> context;
  if (!pool.empty()) {
    context = mention.Build(names_, key.surname_key);
    QW_ASSIGN_OR_RETURN(
        JoinDecision decision,
        DecideJoin(c, key, *context, pool,
                   exact.size() > 1 ? "several people hold the name"
                                    : "an initial that fits several people"));
    if (decision.join != nullptr) {
      QW_RETURN_IF_ERROR(MaybeUpgradeDisplay(c, *decision.join, key));
      return decision.join->id;
    }
    // The person made of such mentions before (no first name beyond an
    // initial), whose suggestions are already recorded.
    if (initial_mention) {
      std::vector<const Candidate*> initials_only;
      for (const Candidate* cand : pool) {
        if (!cand->full_first_name) initials_only.push_back(cand);
      }
      if (!initials_only.empty()) {
        return (*std::min_element(initials_only.begin(), initials_only.end(),
                                  MoreQuoted))
            ->id;
      }
    }
    // A person made of earlier undecided mentions is suggested with every
    // other candidate already: it takes this one too (else every such
    // mention would make another person).
    std::vector<const Candidate*> by_quotes = pool;
    std::sort(by_quotes.begin(), by_quotes.end(), MoreQuoted);
    for (const Candidate* cand : by_quotes) {
      bool with_all = true;
      for (const Candidate* other : pool) {
        if (other == cand) continue;
        QW_ASSIGN_OR_RETURN(
            Stmt s, c.Prepare("SELECT 1 FROM merge_suggestions WHERE "
                              "(person_a = ?1 AND person_b = ?2) OR "
                              "(person_a = ?2 AND person_b = ?1)"));
        s.BindAll(cand->id, other->id);
        QW_ASSIGN_OR_RETURN(bool suggested, s.Step());
        if (!suggested) {
          with_all = false;
          break;
        }
      }
      if (with_all) return cand->id;
    }
    QW_ASSIGN_OR_RETURN(
        std::string id,
        CreatePerson(c, key.display, SpeakerKind::kPerson, false));
    for (const JoinDecision::Suggestion& s : decision.suggestions) {
      QW_RETURN_IF_ERROR(
          SuggestMerge(c, id, s.person_id, key.surname_key, s.evidence, s.score));
    }
    return id;
  }
  // A surname-only person takes the full name, unless other full names share
  // the surname: then it holds surnames nobody could place, and stays so.
  if (!surname_only.empty() && differing.empty()) {
    const Candidate* best =
        *std::min_element(surname_only.begin(), surname_only.end(), MoreQuoted);
    QW_RETURN_IF_ERROR(MaybeUpgradeDisplay(c, *best, key));
    return best->id;
  }
  QW_ASSIGN_OR_RETURN(
      std::string id, CreatePerson(c, key.display, SpeakerKind::kPerson, false));
  // First names that differ: never joined, suggested when the articles say
  // the same about both.
  if (!differing.empty()) {
    context = mention.Build(names_, key.surname_key);
    QW_ASSIGN_OR_RETURN(
        JoinDecision decision,
        DecideJoin(c, key, *context, differing, "first names differ"));
    for (const JoinDecision::Suggestion& s : decision.suggestions) {
      if (s.score <= kUncertainScore) continue;  // no evidence
      QW_RETURN_IF_ERROR(SuggestMerge(c, id, s.person_id, key.surname_key,
                                      s.evidence,
                                      s.score - kDifferentNamePenalty));
    }
  }
  return id;
}

absl::StatusOr<std::string> SqliteStore::ResolveSurname(
    Connection& c, const NameKey& key,
    const std::map<std::string, std::set<std::string>>& in_article) {
  auto it = in_article.find(key.surname_key);
  if (it != in_article.end() && it->second.size() == 1) {
    return *it->second.begin();
  }
  QW_ASSIGN_OR_RETURN(auto candidates, LoadCandidates(c, key));
  std::vector<const Candidate*> full, surname_only;
  for (const auto& [id, cand] : candidates) {
    (cand.has_full_name ? full : surname_only).push_back(&cand);
  }
  if (full.size() == 1) return full[0]->id;
  if (!surname_only.empty()) {
    return (*std::min_element(surname_only.begin(), surname_only.end(),
                              MoreQuoted))
        ->id;
  }
  // No one, or several full names: a surname-only person.
  return CreatePerson(c, key.display, SpeakerKind::kPerson, false);
}

absl::StatusOr<std::vector<SqliteStore::Resolution>>
SqliteStore::ResolveSpeakers(Connection& c, const std::vector<Quote>& quotes,
                             const std::vector<std::string>& quote_ids) {
  std::vector<Resolution> out(quotes.size());
  std::vector<bool> done(quotes.size(), false);
  std::vector<NameKey> keys(quotes.size());
  // surname_key -> people named in full in this article.
  std::map<std::string, std::set<std::string>> in_article;

  for (int pass = 0; pass < 2; ++pass) {
    for (size_t i = 0; i < quotes.size(); ++i) {
      if (done[i]) continue;
      const Quote& q = quotes[i];
      if (pass == 0) {
        QW_ASSIGN_OR_RETURN(
            Stmt s, c.Prepare("SELECT o.person_id FROM quote_overrides o "
                              "JOIN people p ON p.id = o.person_id "
                              "WHERE o.quote_id = ?"));
        s.Bind(1, quote_ids[i]);
        QW_ASSIGN_OR_RETURN(bool row, s.Step());
        if (row) {
          out[i] = Resolution{s.Text(0), true};
          done[i] = true;
          continue;
        }
      }
      std::string name = Trim(q.speaker.name);
      if (name.empty()) {
        done[i] = true;
        continue;
      }
      SpeakerKind kind = q.speaker.kind;
      bool is_person =
          kind == SpeakerKind::kPerson || kind == SpeakerKind::kUnknown;
      if (pass == 0 && is_person) keys[i] = names_.Analyze(name);
      const NameKey& key = keys[i];
      if (is_person && key.surname_key.empty()) {
        // No letters: nobody to resolve to.
        done[i] = true;
        continue;
      }
      bool surname_only = is_person && key.given_keys.empty();
      if (pass == 0 && surname_only) continue;  // after the full names
      done[i] = true;

      std::string person_id;
      std::string alias_key = AliasKey(name);
      {
        QW_ASSIGN_OR_RETURN(Stmt s,
                            c.Prepare("SELECT a.person_id FROM alias_pins a "
                                      "JOIN people p ON p.id = a.person_id "
                                      "WHERE a.alias_key = ?"));
        s.Bind(1, alias_key);
        QW_ASSIGN_OR_RETURN(bool row, s.Step());
        if (row) person_id = s.Text(0);
      }
      if (person_id.empty() && !is_person) {
        QW_ASSIGN_OR_RETURN(
            Stmt s, c.Prepare("SELECT p.id FROM people p WHERE p.kind = ? AND "
                              "p.id IN (SELECT person_id FROM person_aliases "
                              "WHERE alias_key = ?) "
                              "ORDER BY p.quote_count DESC, p.id LIMIT 1"));
        s.BindAll(SpeakerKindName(kind), alias_key);
        QW_ASSIGN_OR_RETURN(bool row, s.Step());
        if (row) person_id = s.Text(0);
      }
      if (person_id.empty() && !is_person) {
        QW_ASSIGN_OR_RETURN(person_id, CreatePerson(c, name, kind, false));
      }
      if (person_id.empty() && !surname_only) {
        MentionContext mention{&q, &quotes};
        QW_ASSIGN_OR_RETURN(person_id, ResolveFullName(c, key, mention));
      }
      if (person_id.empty()) {
        QW_ASSIGN_OR_RETURN(person_id, ResolveSurname(c, key, in_article));
      }
      if (is_person && !surname_only) {
        in_article[key.surname_key].insert(person_id);
      }
      // What this sighting teaches about the person.
      QW_RETURN_IF_ERROR(
          AddAliasWithKey(c, person_id, name, is_person ? &key : nullptr));
      // The mention as written may hold more than a name ("Tikhanovskaya's
      // campaign ally Maria Kolesnikova"): its name form is an alias, the
      // words before the name a description.
      std::vector<std::string> descriptions = {Trim(q.speaker.description)};
      std::string mention = Trim(q.speaker.mention);
      if (is_person && q.attribution == Attribution::kExplicit &&
          !mention.empty() && mention != name) {
        NameKey mention_key = names_.Analyze(mention);
        if (mention_key.surname_key == key.surname_key) {
          QW_RETURN_IF_ERROR(AddAliasWithKey(c, person_id, mention_key.display,
                                             &mention_key));
          descriptions.push_back(mention_key.description);
        }
      }
      for (const std::string& description : descriptions) {
        if (description.empty()) continue;
        QW_ASSIGN_OR_RETURN(
            Stmt s, c.Prepare("INSERT INTO person_descriptions("
                              "person_id, description) VALUES (?, ?) "
                              "ON CONFLICT DO NOTHING"));
        QW_RETURN_IF_ERROR(s.BindAll(person_id, description).RunDeferred());
      }
      out[i] = Resolution{person_id, false};
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Store methods.

void IngestCounts::Add(const IngestCounts& other) {
  for (const auto& [id, n] : other.people) {
    people[id].first += n.first;
    people[id].second += n.second;
  }
  for (const auto& [id, n] : other.topics) topics[id] += n;
  for (const auto& [id, n] : other.sources) {
    for (size_t i = 0; i < n.size(); ++i) sources[id][i] += n[i];
  }
}

absl::Status SqliteStore::ApplyCounts(Connection& c,
                                      const IngestCounts& counts) {
  for (const auto& [id, n] : counts.people) {
    QW_RETURN_IF_ERROR(AddPersonCounts(c, id, n.first, n.second));
  }
  for (const auto& [id, n] : counts.topics) {
    QW_RETURN_IF_ERROR(AddTopicCount(c, id, n));
  }
  for (const auto& [id, n] : counts.sources) {
    const int64_t values[4] = {n[0], n[1], n[2], n[3]};
    QW_RETURN_IF_ERROR(AddSourceCounts(c, id, values));
  }
  return absl::OkStatus();
}

absl::StatusOr<IngestResult> SqliteStore::PutArticleIn(
    Connection& c, const AnalyzedArticle& analyzed, IngestCounts* counts) {
  const Article& article = analyzed.article;
  const std::string article_id =
      article.id.empty() ? StableHashHex(article.text) : article.id;
  // Stable quote ids: (article, text, occurrence of that text).
  std::vector<std::string> quote_ids;
  {
    std::map<std::string, int> occurrences;
    for (const Quote& q : analyzed.quotes) {
      int n = occurrences[q.text]++;
      quote_ids.push_back(StableHashHex(absl::StrCat(
          article_id, std::string(1, '\0'), q.text, std::string(1, '\0'), n)));
    }
  }
  {
    const absl::Time now = clock_();
    const int64_t ingest_us = Micros(now);
    const int64_t publish_us =
        article.publish_time ? Micros(*article.publish_time) : ingest_us;
    IngestResult result;
    std::set<std::string> touched;
    QW_ASSIGN_OR_RETURN(
        result.replaced,
        Exists(c, "SELECT 1 FROM articles WHERE id = ?", article_id));
    if (result.replaced) {
      QW_RETURN_IF_ERROR(RemoveArticleQuotes(c, article_id, touched));
    }
    std::optional<int64_t> given_publish;
    if (article.publish_time) given_publish = Micros(*article.publish_time);
    std::string wires;
    for (const std::string& w : analyzed.wire_credits) {
      if (w.empty()) continue;
      if (!wires.empty()) wires.push_back(kListSep);
      wires += w;
    }
    {
      QW_ASSIGN_OR_RETURN(
          Stmt s,
          c.Prepare(
              "INSERT INTO articles(id, client_id, text_hash, text, "
              "title, publisher, url, publish_time, language, "
              "ingest_time, wire_credits) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
              "ON CONFLICT(id) DO UPDATE SET client_id = excluded.client_id, "
              "text_hash = excluded.text_hash, text = excluded.text, "
              "title = excluded.title, publisher = excluded.publisher, "
              "url = excluded.url, publish_time = excluded.publish_time, "
              "language = excluded.language, "
              "ingest_time = excluded.ingest_time, "
              "wire_credits = excluded.wire_credits"));
      QW_RETURN_IF_ERROR(
          s.BindAll(article_id, article.id, StableHashHex(article.text),
                    article.text, article.title, article.publisher, article.url,
                    given_publish, article.language, ingest_us, wires)
              .RunDeferred());
    }
    // Sources related to every quote of the article.
    std::map<std::string, int> article_relations;
    std::map<std::string, std::string> source_names;  // id -> display name
    if (!Trim(article.publisher).empty()) {
      QW_ASSIGN_OR_RETURN(SourceRef source, UpsertSource(c, article.publisher));
      article_relations[source.id] |= kRelPublisher;
      source_names[source.id] = source.display_name;
    }
    for (const std::string& wire : analyzed.wire_credits) {
      if (Trim(wire).empty()) continue;
      QW_ASSIGN_OR_RETURN(SourceRef source, UpsertSource(c, wire));
      article_relations[source.id] |= kRelWire;
      source_names[source.id] = source.display_name;
    }
    QW_ASSIGN_OR_RETURN(std::vector<Resolution> resolved,
                        ResolveSpeakers(c, analyzed.quotes, quote_ids));

    // Time-ordered row ids (see RidSlot).
    const RidSlot slot = RidSlotForMs(FloorDiv(publish_us, 1000));
    const int64_t rid_base = slot.base;
    int64_t next_rid = rid_base;
    {
      QW_ASSIGN_OR_RETURN(Stmt s, c.Prepare("SELECT max(rid) FROM quotes "
                                            "WHERE rid >= ? AND rid < ?"));
      s.BindAll(rid_base, rid_base + slot.size);
      QW_ASSIGN_OR_RETURN(bool row, s.Step());
      if (row && !s.IsNull(0)) next_rid = s.Int(0) + 1;
    }
    if (next_rid + static_cast<int64_t>(analyzed.quotes.size()) >
        rid_base + slot.size) {
      return absl::ResourceExhaustedError(absl::StrCat(
          "store: more than ", slot.size,
          " quotes with the same publish millisecond"));
    }
    // Count increments of this article's speech quotes, applied once at the
    // end (what AdjustCounts(+1) would read back from the rows).
    IngestCounts own;
    std::map<std::string, int64_t> person_quotes;
    result.quotes.reserve(analyzed.quotes.size());
    std::map<std::string, std::pair<std::string, SpeakerKind>> people_cache;
    for (size_t i = 0; i < analyzed.quotes.size(); ++i) {
      const Quote& q = analyzed.quotes[i];
      const Resolution& r = resolved[i];
      Speaker speaker = q.speaker;
      Attribution attribution = q.attribution;
      float confidence = q.confidence;
      std::string display;
      if (!r.person_id.empty()) {
        auto cached = people_cache.find(r.person_id);
        if (cached == people_cache.end()) {
          QW_ASSIGN_OR_RETURN(Stmt s,
                              c.Prepare("SELECT display_name, kind FROM people "
                                        "WHERE id = ?"));
          s.Bind(1, r.person_id);
          QW_ASSIGN_OR_RETURN(bool row, s.Step());
          if (!row) return absl::InternalError("resolved person vanished");
          cached = people_cache
                       .emplace(r.person_id,
                                std::make_pair(s.Text(0),
                                               ParseSpeakerKind(s.Text(1))))
                       .first;
        }
        display = cached->second.first;
        if (r.editorial) {
          speaker = Speaker();
          speaker.name = display;
          speaker.kind = cached->second.second;
          attribution = Attribution::kEditorial;
          confidence = 1.0f;
        }
      }
      std::string topics;
      std::vector<std::string> topic_ids;
      for (const std::string& t : q.topics) {
        if (t.empty() ||
            std::find(topic_ids.begin(), topic_ids.end(), t) != topic_ids.end())
          continue;
        topic_ids.push_back(t);
      }
      topics = absl::StrJoin(topic_ids, ",");
      const std::string spans = SpansText(q.spans);
      const std::string& language =
          q.language.empty() ? article.language : q.language;
      std::map<std::string, int> relations = article_relations;
      if (!Trim(q.outlet).empty()) {
        QW_ASSIGN_OR_RETURN(SourceRef source, UpsertSource(c, q.outlet));
        relations[source.id] |= kRelOutlet;
        source_names[source.id] = source.display_name;
      }
      std::vector<QuoteSource> quote_sources;
      for (const auto& [source_id, bits] : relations) {
        for (SourceRelation rel : {SourceRelation::kPublisher,
                                   SourceRelation::kOutlet,
                                   SourceRelation::kWire}) {
          if (bits & RelationBit(rel)) {
            quote_sources.push_back(
                QuoteSource{source_id, source_names[source_id], rel});
          }
        }
      }
      const std::string sources_text = SourcesText(quote_sources);
      const bool speech = IsSpeech(q.kind);
      {
        QW_ASSIGN_OR_RETURN(
            Stmt s,
            c.Prepare(
                "INSERT INTO quotes(id, article_id, ordinal, text, spans, "
                "kind, speech, speaker_name, speaker_mention, "
                "mention_start, mention_end, speaker_kind, "
                "speaker_description, speaker_age, person_id, alias_key, "
                "cue, outlet, attribution, confidence, topics, language, "
                "publish_time, rid, primary_language, sources) VALUES (?, ?, "
                "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                "?, ?, ?, ?)"));
        s.BindAll(quote_ids[i], article_id, static_cast<int64_t>(i), q.text,
                  spans, QuoteKindName(q.kind), int64_t{speech ? 1 : 0},
                  speaker.name, speaker.mention,
                  int64_t{speaker.mention_span.start},
                  int64_t{speaker.mention_span.end},
                  SpeakerKindName(speaker.kind), speaker.description,
                  int64_t{speaker.age});
        if (r.person_id.empty()) {
          s.Bind(15, nullptr);
        } else {
          s.Bind(15, r.person_id);
        }
        s.Bind(16, AliasKey(speaker.name));
        s.Bind(17, q.cue);
        s.Bind(18, q.outlet);
        s.Bind(19, AttributionName(attribution));
        s.Bind(20, static_cast<double>(confidence));
        s.Bind(21, topics);
        s.Bind(22, language);
        s.Bind(23, publish_us);
        s.Bind(24, next_rid);
        s.Bind(25, PrimaryLanguage(language));
        s.Bind(26, sources_text);
        QW_RETURN_IF_ERROR(s.RunDeferred());
      }
      const int64_t rid = next_rid++;
      for (const std::string& t : topic_ids) {
        QW_ASSIGN_OR_RETURN(
            Stmt s, c.Prepare("INSERT INTO quote_topics(quote_id, topic_id, "
                              "publish_time, rid) VALUES (?, ?, ?, ?)"));
        QW_RETURN_IF_ERROR(
            s.BindAll(quote_ids[i], t, publish_us, rid).RunDeferred());
      }
      for (const auto& [source_id, bits] : relations) {
        QW_ASSIGN_OR_RETURN(
            Stmt s, c.Prepare("INSERT INTO quote_sources(quote_id, source_id, "
                              "relations, publish_time, rid) "
                              "VALUES (?, ?, ?, ?, ?)"));
        QW_RETURN_IF_ERROR(
            s.BindAll(quote_ids[i], source_id, int64_t{bits}, publish_us, rid)
                .RunDeferred());
      }
      {
        // After the source rows: on PostgreSQL the search row takes its
        // quote's sources from them as it is inserted (postgres_schema.cc
        // version 6; source_keys as bound here is SQLite's).
        std::vector<std::string> source_ids;
        for (const auto& [source_id, bits] : relations) {
          source_ids.push_back(source_id);
        }
        QW_ASSIGN_OR_RETURN(
            Stmt s, c.Prepare("INSERT INTO quote_fts(rowid, body, speaker, "
                              "stems, source_keys) VALUES (?, ?, ?, ?, ?)"));
        QW_RETURN_IF_ERROR(
            s.BindAll(rid, FtsText(names_.Fold(q.text)),
                      SpeakerFtsText(speaker.name, display),
                      StemsText(names_, q.text, PrimaryLanguage(language)),
                      postgres_ ? std::string() : SourceKeysText(source_ids))
                .RunDeferred());
      }
      if (!r.person_id.empty()) touched.insert(r.person_id);
      if (speech) {
        if (!r.person_id.empty()) ++person_quotes[r.person_id];
        for (const std::string& t : topic_ids) ++own.topics[t];
        for (const auto& [source_id, bits] : relations) {
          std::array<int64_t, 4>& d = own.sources[source_id];
          d[0] += 1;
          d[1] += (bits & kRelPublisher) != 0;
          d[2] += (bits & kRelOutlet) != 0;
          d[3] += (bits & kRelWire) != 0;
        }
      }

      // The quote as LoadArticleQuotes() would read it back.
      StoredQuote stored;
      Quote& out = stored.quote;
      out.id = quote_ids[i];
      out.text = q.text;
      out.spans = ParseSpans(spans);
      out.kind = q.kind;
      out.speaker.name = speaker.name;
      out.speaker.mention = speaker.mention;
      out.speaker.mention_span = speaker.mention_span;
      out.speaker.kind = speaker.kind;
      out.speaker.description = speaker.description;
      out.speaker.age = speaker.age;
      out.speaker.person_id = r.person_id;
      out.cue = q.cue;
      out.outlet = q.outlet;
      out.attribution = attribution;
      out.confidence = confidence;
      out.topics = SplitList(topics, ',');
      out.language = language;
      stored.article_id = article_id;
      stored.publish_time = FromMicros(publish_us);
      stored.sources = ParseSources(sources_text);
      if (speech) QW_RETURN_IF_ERROR(EncodeQuote(c, stored, rid));
      result.quotes.push_back(std::move(stored));
    }
    // People's counts at once: resolving the speakers of the batch's next
    // article reads them, and their rows are this ingest's alone
    // (LockIngest's surname locks).
    for (const auto& [id, n] : person_quotes) {
      QW_RETURN_IF_ERROR(AddPersonCounts(c, id, n, 1));
    }
    if (counts != nullptr && !result.replaced) {
      counts->Add(own);
    } else {
      QW_RETURN_IF_ERROR(ApplyCounts(c, own));
    }
    // Only a replaced article can leave people without quotes.
    if (result.replaced) QW_RETURN_IF_ERROR(CollectGarbage(c, touched));
    // Speakers carry their person's canonical name, as reads do (read
    // above; nothing since has renamed anyone).
    for (StoredQuote& stored : result.quotes) {
      const std::string& person_id = stored.quote.speaker.person_id;
      if (person_id.empty()) continue;
      auto it = people_cache.find(person_id);
      if (it != people_cache.end() && !it->second.first.empty()) {
        stored.quote.speaker.name = it->second.first;
      }
    }

    // The article as LoadArticle() would read it back.
    StoredArticle& stored = result.article;
    stored.id = article_id;
    stored.article.id = article.id;
    stored.article.text = article.text;
    stored.article.title = article.title;
    stored.article.publisher = article.publisher;
    stored.article.url = article.url;
    if (given_publish) stored.article.publish_time = FromMicros(*given_publish);
    stored.article.language = article.language;
    stored.ingest_time = FromMicros(ingest_us);
    stored.wire_credits = SplitList(wires, kListSep);
    stored.quote_count = static_cast<int32_t>(analyzed.quotes.size());
    // This article's queued writes answer for it (PutArticles' savepoints).
    QW_RETURN_IF_ERROR(c.Flush());
    return result;
  }
}

int32_t PgIngestLockKey(char kind, std::string_view name) {
  const std::string hash =
      StableHashHex(absl::StrCat(std::string(1, kind), ":", Sv(name)));
  return static_cast<int32_t>(
      1 + std::strtoll(hash.substr(0, 8).c_str(), nullptr, 16) % 0x7ffffffe);
}

absl::Status SqliteStore::LockIngest(
    Connection& c, const std::vector<const AnalyzedArticle*>& articles) {
  if (!postgres_) return absl::OkStatus();
  // What two ingests must not decide at once: the same article (its quote
  // ids), the same publish millisecond (rids: max(rid) + 1), people of one
  // surname or one name (identity resolution reads the people and aliases
  // it may create, and person ids are slugs of names), and one source not
  // yet known here (created by its first ingest). Keys are 31-bit hashes of
  // those names: a collision only makes two ingests wait for each other.
  std::set<int32_t> keys;
  std::vector<std::string> article_ids;
  auto add = [&](char kind, std::string_view name) {
    keys.insert(PgIngestLockKey(kind, name));
  };
  auto add_source = [&](const std::string& name) {
    // A source this store has seen committed needs no lock (UpsertSource
    // writes nothing for it).
    if (Trim(name).empty() || source_cache_.count(name) > 0) return;
    CanonicalSource canonical = sources_.Canonicalize(name);
    add('s', canonical.id.empty() ? Slug(names_.Fold(name)) : canonical.id);
  };
  for (const AnalyzedArticle* analyzed : articles) {
    const Article& article = analyzed->article;
    article_ids.push_back(article.id.empty() ? StableHashHex(article.text)
                                             : article.id);
    add('a', article_ids.back());
    if (article.publish_time) {
      add('r', std::to_string(
                   RidSlotForMs(FloorDiv(Micros(*article.publish_time), 1000))
                       .base));
    } else {
      add('r', "now");
    }
    add_source(article.publisher);
    for (const std::string& wire : analyzed->wire_credits) add_source(wire);
    for (const Quote& q : analyzed->quotes) {
      add_source(q.outlet);
      const std::string name = Trim(q.speaker.name);
      if (name.empty()) continue;
      add('p', Slug(names_.Fold(name)));
      const SpeakerKind kind = q.speaker.kind;
      if (kind == SpeakerKind::kPerson || kind == SpeakerKind::kUnknown) {
        add('n', names_.Analyze(name).surname_key);
      } else {
        add('k', AliasKey(name));
      }
    }
  }
  // Re-ingesting an article may remove people whose names it no longer
  // holds: that takes the writer lock exclusively, as corrections do.
  bool replaces = false;
  {
    QW_ASSIGN_OR_RETURN(
        Stmt s, c.Prepare("SELECT 1 FROM articles WHERE id IN "
                          "(SELECT value FROM json_each(?)) LIMIT 1"));
    s.Bind(1, JsonArray(article_ids));
    QW_ASSIGN_OR_RETURN(replaces, s.Step());
  }
  if (replaces) {
    QW_ASSIGN_OR_RETURN(Stmt s,
                        c.Prepare("SELECT pg_advisory_xact_lock(CAST(? AS int4), 0)"));
    return s.Bind(1, kPgWriterLock).Run();
  }
  // The writer lock shared, then the keys in ascending order (no two ingests
  // wait for each other in a cycle).
  std::string array = "{";
  for (int32_t key : keys) {
    if (array.size() > 1) array.push_back(',');
    absl::StrAppend(&array, key);
  }
  array.push_back('}');
  {
    QW_ASSIGN_OR_RETURN(
        Stmt s, c.Prepare("SELECT pg_advisory_xact_lock_shared("
                          "CAST(? AS int4), 0)"));
    QW_RETURN_IF_ERROR(s.Bind(1, kPgWriterLock).RunDeferred());
  }
  QW_ASSIGN_OR_RETURN(
      Stmt s, c.Prepare("SELECT count(pg_advisory_xact_lock(CAST(? AS int4), "
                        "k)) FROM unnest(CAST(? AS int4[])) AS k"));
  return s.BindAll(kPgWriterLock, array).Run();
}

absl::StatusOr<IngestResult> SqliteStore::PutArticle(
    const AnalyzedArticle& analyzed) {
  return Write(
      [&](Connection& c) -> absl::StatusOr<IngestResult> {
        QW_RETURN_IF_ERROR(LockIngest(c, {&analyzed}));
        return PutArticleIn(c, analyzed);
      },
      /*concurrent=*/true);
}

absl::StatusOr<std::vector<absl::StatusOr<IngestResult>>>
SqliteStore::PutArticles(const std::vector<AnalyzedArticle>& articles) {
  using Results = std::vector<absl::StatusOr<IngestResult>>;
  std::vector<const AnalyzedArticle*> all;
  for (const AnalyzedArticle& analyzed : articles) all.push_back(&analyzed);
  return Write([&](Connection& c) -> absl::StatusOr<Results> {
    QW_RETURN_IF_ERROR(LockIngest(c, all));
    // The count rows of the whole batch at its end, in one order: batches
    // of other servers that count the same topics and sources then never
    // wait for each other in a cycle.
    IngestCounts counts;
    Results out;
    out.reserve(articles.size());
    for (const AnalyzedArticle& analyzed : articles) {
      // Each article in its own savepoint: a failure undoes only its rows
      // (and what the source cache learnt from them).
      const auto sources_before = pending_sources_;
      QW_RETURN_IF_ERROR(c.Exec("SAVEPOINT put_article"));
      IngestCounts own;
      absl::StatusOr<IngestResult> result = PutArticleIn(c, analyzed, &own);
      if (!result.ok()) {
        QW_RETURN_IF_ERROR(c.Exec("ROLLBACK TO put_article"));
        pending_sources_ = sources_before;
      }
      QW_RETURN_IF_ERROR(c.Exec("RELEASE put_article"));
      if (result.ok()) counts.Add(own);
      out.push_back(std::move(result));
    }
    QW_RETURN_IF_ERROR(ApplyCounts(c, counts));
    QW_RETURN_IF_ERROR(c.Flush());
    return out;
  }, /*concurrent=*/true);
}

absl::StatusOr<int32_t> SqliteStore::DeleteArticle(std::string_view id) {
  return Write([&](Connection& c) -> absl::StatusOr<int32_t> {
    QW_ASSIGN_OR_RETURN(StoredArticle article, LoadArticle(c, id));
    std::set<std::string> touched;
    QW_RETURN_IF_ERROR(RemoveArticleQuotes(c, id, touched));
    QW_ASSIGN_OR_RETURN(Stmt s, c.Prepare("DELETE FROM articles WHERE id = ?"));
    QW_RETURN_IF_ERROR(s.BindAll(id).Run());
    QW_RETURN_IF_ERROR(CollectGarbage(c, touched));
    return article.quote_count;
  });
}

}  // namespace store_internal
}  // namespace quotewire
