// SqliteStore, part 3 of 3: editorial corrections (merge, split, rename,
// reattribute) and their overrides. See sqlite_store_internal.h.

#include <algorithm>
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
#include "server/store/sqlite_store_internal.h"

namespace quotewire {
namespace store_internal {

// ---------------------------------------------------------------------------
// Corrections.

absl::Status SqliteStore::MergeInto(Connection& c, const std::string& target,
                                    const std::vector<std::string>& merged,
                                    int64_t seq) {
  for (const std::string& id : merged) {
    // Every name form of the merged person now means the target.
    std::vector<std::string> alias_keys;
    {
      QW_ASSIGN_OR_RETURN(
          Stmt s, c.Prepare("SELECT DISTINCT alias_key FROM person_aliases "
                            "WHERE person_id = ?"));
      s.Bind(1, id);
      while (true) {
        QW_ASSIGN_OR_RETURN(bool row, s.Step());
        if (!row) break;
        alias_keys.push_back(s.Text(0));
      }
    }
    const char* statements[] = {
        "INSERT INTO person_aliases(person_id, alias, alias_key, "
        "surname_key, given_keys, full_key) SELECT ?1, alias, alias_key, "
        "surname_key, given_keys, full_key FROM person_aliases "
        "WHERE person_id = ?2 ON CONFLICT DO NOTHING",
        "INSERT INTO person_descriptions(person_id, description) "
        "SELECT ?1, description FROM person_descriptions WHERE person_id = "
        "?2 ON CONFLICT DO NOTHING",
        "UPDATE alias_pins SET person_id = ?1 WHERE person_id = ?2",
        "UPDATE quote_overrides SET person_id = ?1 WHERE person_id = ?2",
        "UPDATE quotes SET person_id = ?1 WHERE person_id = ?2",
        "UPDATE person_redirects SET person_id = ?1 WHERE person_id = ?2",
        "INSERT INTO person_redirects(old_id, person_id) "
        "VALUES (?2, ?1) ON CONFLICT(old_id) DO UPDATE SET "
        "person_id = excluded.person_id",
        // Suggestions between the two are accepted; those with others
        // now concern the target (kept when it has none with them yet).
        "DELETE FROM merge_suggestions WHERE (person_a = ?1 AND "
        "person_b = ?2) OR (person_a = ?2 AND person_b = ?1)",
        "INSERT INTO merge_suggestions(person_a, person_b, "
        "shared_key, evidence, score, create_time) "
        "SELECT CASE WHEN ?1 < other THEN ?1 ELSE other END, "
        "CASE WHEN ?1 < other THEN other ELSE ?1 END, shared_key, evidence, "
        "score, create_time FROM (SELECT CASE WHEN person_a = ?2 THEN "
        "person_b ELSE person_a END AS other, shared_key, evidence, score, "
        "create_time FROM merge_suggestions WHERE person_a = ?2 OR "
        "person_b = ?2) AS moved WHERE other != ?1 ON CONFLICT DO NOTHING",
        "DELETE FROM merge_suggestions WHERE person_a = ?2 OR person_b = ?2",
        "DELETE FROM people WHERE id = ?2",
    };
    QW_ASSIGN_OR_RETURN(
        std::vector<int64_t> rids,
        QuoteRids(c, "SELECT rid FROM quotes WHERE person_id = ?", id));
    QW_RETURN_IF_ERROR(DropEncodedQuotes(c, rids));
    for (const char* sql : statements) {
      QW_ASSIGN_OR_RETURN(Stmt s, c.Prepare(sql));
      QW_RETURN_IF_ERROR(s.BindAll(target, id).Run());
    }
    QW_RETURN_IF_ERROR(EncodeQuotes(c, rids));
    for (const std::string& key : alias_keys) {
      QW_RETURN_IF_ERROR(Pin(c, key, target, seq));
    }
  }
  QW_RETURN_IF_ERROR(RecomputePerson(c, target));
  QW_RETURN_IF_ERROR(ReindexPerson(c, target));
  return absl::OkStatus();
}

absl::StatusOr<PersonRecord> SqliteStore::MergePeople(
    std::string_view person, const std::vector<std::string>& people,
    std::string_view editor) {
  if (people.empty()) {
    return absl::InvalidArgumentError("people: nobody to merge");
  }
  return Write([&](Connection& c) -> absl::StatusOr<PersonRecord> {
    QW_ASSIGN_OR_RETURN(std::string target, ResolveOnePerson(c, person));
    std::vector<std::string> merged;
    for (const std::string& name : people) {
      QW_ASSIGN_OR_RETURN(std::string id, ResolveOnePerson(c, name));
      if (id == target) {
        return absl::InvalidArgumentError(absl::StrCat(
            "people: cannot merge person '", target, "' into itself"));
      }
      if (std::find(merged.begin(), merged.end(), id) == merged.end()) {
        merged.push_back(id);
      }
    }
    QW_ASSIGN_OR_RETURN(PersonRecord before, LoadPerson(c, target));
    std::vector<std::string> merged_names;
    for (const std::string& id : merged) {
      QW_ASSIGN_OR_RETURN(PersonRecord p, LoadPerson(c, id));
      merged_names.push_back(absl::StrCat(p.display_name, " (", id, ")"));
    }
    QW_ASSIGN_OR_RETURN(
        int64_t seq,
        RecordCorrection(
            c, "merge",
            absl::StrCat("Merged ", absl::StrJoin(merged_names, ", "), " into ",
                         before.display_name, " (", target, ")"),
            editor,
            absl::StrCat("{\"person\":", JsonArray({target}),
                         ",\"merged\":", JsonArray(merged), "}")));
    QW_RETURN_IF_ERROR(MergeInto(c, target, merged, seq));
    return LoadPerson(c, target);
  });
}

absl::StatusOr<std::pair<PersonRecord, PersonRecord>> SqliteStore::SplitPerson(
    std::string_view person, const std::vector<std::string>& aliases,
    std::string_view display_name, std::string_view editor) {
  if (aliases.empty()) {
    return absl::InvalidArgumentError("aliases: nothing to split off");
  }
  return Write([&](Connection& c)
                   -> absl::StatusOr<std::pair<PersonRecord, PersonRecord>> {
    QW_ASSIGN_OR_RETURN(std::string id, ResolveOnePerson(c, person));
    QW_ASSIGN_OR_RETURN(PersonRecord before, LoadPerson(c, id));
    struct AliasRow {
      std::string alias, alias_key;
    };
    std::vector<AliasRow> held;
    {
      QW_ASSIGN_OR_RETURN(
          Stmt s, c.Prepare("SELECT alias, alias_key FROM person_aliases "
                            "WHERE person_id = ? ORDER BY alias"));
      s.Bind(1, id);
      while (true) {
        QW_ASSIGN_OR_RETURN(bool row, s.Step());
        if (!row) break;
        held.push_back(AliasRow{s.Text(0), s.Text(1)});
      }
    }
    std::set<std::string> moving;  // aliases as held
    std::string first_alias;
    for (const std::string& wanted : aliases) {
      std::string wanted_key = AliasKey(wanted);
      bool found = false;
      for (const AliasRow& row : held) {
        if (row.alias == wanted || row.alias_key == wanted_key) {
          moving.insert(row.alias);
          if (first_alias.empty()) first_alias = row.alias;
          found = true;
        }
      }
      if (!found) {
        return absl::FailedPreconditionError(absl::StrCat(
            "aliases: '", wanted, "' is not an alias of person '", id, "'"));
      }
    }
    if (moving.size() == held.size()) {
      return absl::FailedPreconditionError(
          "aliases: every alias would move; rename the person instead");
    }
    std::string display = Trim(display_name);
    const bool locked = !display.empty();
    if (display.empty()) display = first_alias;
    QW_ASSIGN_OR_RETURN(
        int64_t seq,
        RecordCorrection(
            c, "split",
            absl::StrCat(
                "Split ",
                absl::StrJoin(
                    std::vector<std::string>(moving.begin(), moving.end()),
                    ", "),
                " off ", before.display_name, " (", id, ") as ", display),
            editor,
            absl::StrCat("{\"person\":", JsonArray({id}), ",\"aliases\":",
                         JsonArray(std::vector<std::string>(moving.begin(),
                                                            moving.end())),
                         "}")));
    QW_ASSIGN_OR_RETURN(std::string new_id,
                        CreatePerson(c, display, before.kind, locked));
    std::set<std::string> moved_keys;
    for (const AliasRow& row : held) {
      bool moves = moving.count(row.alias) > 0;
      if (moves) {
        moved_keys.insert(row.alias_key);
        QW_ASSIGN_OR_RETURN(Stmt s,
                            c.Prepare("UPDATE person_aliases SET person_id = ? "
                                      "WHERE person_id = ? AND alias = ?"));
        QW_RETURN_IF_ERROR(s.BindAll(new_id, id, row.alias).Run());
      }
    }
    // Pin every name form on both sides, so re-ingestion follows the split.
    for (const AliasRow& row : held) {
      bool moves = moved_keys.count(row.alias_key) > 0;
      QW_RETURN_IF_ERROR(Pin(c, row.alias_key, moves ? new_id : id, seq));
    }
    if (locked) {
      // The chosen display name is a name form of the new person.
      QW_RETURN_IF_ERROR(AddAlias(c, new_id, display, before.kind));
      QW_RETURN_IF_ERROR(Pin(c, AliasKey(display), new_id, seq));
    }
    QW_ASSIGN_OR_RETURN(
        std::vector<int64_t> rids,
        QuoteRids(c, "SELECT rid FROM quotes WHERE person_id = ?", id));
    QW_RETURN_IF_ERROR(DropEncodedQuotes(c, rids));
    for (const std::string& key : moved_keys) {
      QW_ASSIGN_OR_RETURN(
          Stmt s,
          c.Prepare("UPDATE quotes SET person_id = ?1 "
                    "WHERE person_id = ?2 AND alias_key = ?3 AND id NOT IN "
                    "(SELECT quote_id FROM quote_overrides "
                    "WHERE person_id = ?2)"));
      QW_RETURN_IF_ERROR(s.BindAll(new_id, id, key).Run());
    }
    QW_RETURN_IF_ERROR(EncodeQuotes(c, rids));
    // The remaining person keeps a display name it still holds.
    if (moved_keys.count(AliasKey(before.display_name)) > 0) {
      std::string best;
      size_t best_given = 0;
      for (const AliasRow& row : held) {
        if (moved_keys.count(row.alias_key)) continue;
        NameKey key = names_.Analyze(row.alias);
        size_t given = key.given_keys.size();
        if (best.empty() || given > best_given ||
            (given == best_given && row.alias.size() > best.size())) {
          best = row.alias;
          best_given = given;
        }
      }
      QW_ASSIGN_OR_RETURN(
          Stmt s, c.Prepare("UPDATE people SET display_name = ? WHERE id = ?"));
      QW_RETURN_IF_ERROR(s.BindAll(best, id).Run());
    }
    QW_RETURN_IF_ERROR(RecomputePerson(c, id));
    QW_RETURN_IF_ERROR(RecomputePerson(c, new_id));
    QW_RETURN_IF_ERROR(ReindexPerson(c, id));
    QW_RETURN_IF_ERROR(ReindexPerson(c, new_id));
    QW_ASSIGN_OR_RETURN(PersonRecord remaining, LoadPerson(c, id));
    QW_ASSIGN_OR_RETURN(PersonRecord split, LoadPerson(c, new_id));
    return std::make_pair(std::move(remaining), std::move(split));
  });
}

absl::StatusOr<PersonRecord> SqliteStore::RenamePerson(
    std::string_view person, std::string_view display_name,
    std::string_view editor) {
  const std::string display = Trim(display_name);
  if (display.empty()) {
    return absl::InvalidArgumentError("display_name: empty");
  }
  return Write([&](Connection& c) -> absl::StatusOr<PersonRecord> {
    QW_ASSIGN_OR_RETURN(std::string id, ResolveOnePerson(c, person));
    QW_ASSIGN_OR_RETURN(PersonRecord before, LoadPerson(c, id));
    QW_ASSIGN_OR_RETURN(
        int64_t seq,
        RecordCorrection(
            c, "rename",
            absl::StrCat("Renamed ", before.display_name, " (", id, ") to ",
                         display),
            editor,
            absl::StrCat("{\"person\":", JsonArray({id}),
                         ",\"from\":", JsonArray({before.display_name}),
                         ",\"to\":", JsonArray({display}), "}")));
    {
      QW_ASSIGN_OR_RETURN(Stmt s,
                          c.Prepare("UPDATE people SET display_name = ?, "
                                    "display_locked = 1 WHERE id = ?"));
      QW_RETURN_IF_ERROR(s.BindAll(display, id).Run());
    }
    QW_RETURN_IF_ERROR(AddAlias(c, id, display, before.kind));
    QW_RETURN_IF_ERROR(Pin(c, AliasKey(display), id, seq));
    QW_RETURN_IF_ERROR(ReindexPerson(c, id));
    return LoadPerson(c, id);
  });
}

absl::StatusOr<StoredQuote> SqliteStore::ReattributeQuote(
    std::string_view quote_id, std::string_view person,
    std::string_view editor) {
  const std::string name = Trim(person);
  if (name.empty()) return absl::InvalidArgumentError("person: empty");
  const std::string qid(StripPrefix(quote_id, "quotes/"));
  return Write([&](Connection& c) -> absl::StatusOr<StoredQuote> {
    QW_ASSIGN_OR_RETURN(StoredQuote before, LoadQuote(c, qid));
    QW_ASSIGN_OR_RETURN(FoundPeople found, FindPeople(c, name));
    std::string id;
    if (found.ambiguous) {
      return absl::InvalidArgumentError(
          absl::StrCat("person: '", name, "' is ambiguous (",
                       absl::StrJoin(found.ids, ", "), "); use an id"));
    }
    if (!found.ids.empty()) {
      id = found.ids[0];
    } else {
      bool is_id = false;
      StripPrefix(name, "people/", &is_id);
      // A lower-case slug ("natalia-eismont") is an id, not a name to create
      // (the service may have stripped "people/").
      is_id = is_id || std::all_of(name.begin(), name.end(), [](char ch) {
                return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
                       ch == '-';
              });
      if (is_id) {
        return absl::NotFoundError(
            absl::StrCat("person '", name, "' not found"));
      }
      std::string display = Trim(names_.StripTitles(name));
      if (display.empty()) display = name;
      QW_ASSIGN_OR_RETURN(
          id, CreatePerson(c, display, SpeakerKind::kPerson, false));
      QW_RETURN_IF_ERROR(AddAlias(c, id, display, SpeakerKind::kPerson));
    }
    QW_ASSIGN_OR_RETURN(PersonRecord target, LoadPerson(c, id));
    const std::string old_id = before.quote.speaker.person_id;
    QW_ASSIGN_OR_RETURN(
        int64_t seq,
        RecordCorrection(
            c, "reattribute",
            absl::StrCat("Quote ", qid, " attributed to ", target.display_name,
                         " (", id, ")",
                         old_id.empty() ? std::string()
                                        : absl::StrCat(", was ", old_id)),
            editor,
            absl::StrCat("{\"quote\":", JsonArray({qid}),
                         ",\"person\":", JsonArray({id}),
                         ",\"previous\":", JsonArray({old_id}), "}")));
    {
      QW_ASSIGN_OR_RETURN(
          Stmt s, c.Prepare("INSERT INTO quote_overrides(quote_id, "
                            "person_id, correction_seq) VALUES (?, ?, ?) "
                            "ON CONFLICT(quote_id) DO UPDATE SET "
                            "person_id = excluded.person_id, "
                            "correction_seq = excluded.correction_seq"));
      QW_RETURN_IF_ERROR(s.BindAll(qid, id, seq).Run());
    }
    QW_ASSIGN_OR_RETURN(std::vector<int64_t> rids,
                        QuoteRids(c, "SELECT rid FROM quotes WHERE id = ?", qid));
    QW_RETURN_IF_ERROR(DropEncodedQuotes(c, rids));
    {
      QW_ASSIGN_OR_RETURN(
          Stmt s,
          c.Prepare(
              "UPDATE quotes SET person_id = ?, speaker_name = ?, "
              "speaker_kind = ?, speaker_mention = '', mention_start = 0, "
              "mention_end = 0, speaker_description = '', "
              "speaker_age = 0, alias_key = ?, attribution = 'editorial', "
              "confidence = 1.0 WHERE id = ?"));
      QW_RETURN_IF_ERROR(s.BindAll(id, target.display_name,
                                   SpeakerKindName(target.kind),
                                   AliasKey(target.display_name), qid)
                             .Run());
    }
    QW_RETURN_IF_ERROR(EncodeQuotes(c, rids));
    {
      QW_ASSIGN_OR_RETURN(
          Stmt s, c.Prepare("UPDATE quote_fts SET speaker = ? WHERE rowid = "
                            "(SELECT rid FROM quotes WHERE id = ?)"));
      QW_RETURN_IF_ERROR(
          s.BindAll(SpeakerFtsText(target.display_name, ""), qid).Run());
    }
    QW_RETURN_IF_ERROR(RecomputePerson(c, id));
    if (!old_id.empty() && old_id != id) {
      QW_RETURN_IF_ERROR(RecomputePerson(c, old_id));
      QW_RETURN_IF_ERROR(CollectGarbage(c, {old_id}));
    }
    return LoadQuote(c, qid);
  });
}

// ---------------------------------------------------------------------------
// People the name rules join after a rule change.

absl::Status SqliteStore::JoinRekeyedPeople() {
  return Write([&](Connection& c) -> absl::Status {
    std::vector<std::string> shared;
    {
      QW_ASSIGN_OR_RETURN(
          Stmt s,
          c.Prepare("SELECT a.surname_key FROM person_aliases a "
                    "JOIN people p ON p.id = a.person_id "
                    "WHERE a.surname_key != '' AND p.kind = 'person' "
                    "GROUP BY a.surname_key "
                    "HAVING count(DISTINCT a.person_id) > 1"));
      while (true) {
        QW_ASSIGN_OR_RETURN(bool row, s.Step());
        if (!row) break;
        shared.push_back(s.Text(0));
      }
    }
    for (const std::string& surname_key : shared) {
      QW_RETURN_IF_ERROR(JoinPeopleWithSurname(c, surname_key));
    }
    return absl::OkStatus();
  });
}

absl::Status SqliteStore::JoinPeopleWithSurname(Connection& c,
                                                const std::string& surname_key) {
  struct Holder {
    std::string id;
    int64_t quote_count = 0;
    bool corrected = false;  // an editor's correction names it
    std::vector<NameKey> names;
  };
  std::map<std::string, Holder> holders;
  {
    QW_ASSIGN_OR_RETURN(
        Stmt s,
        c.Prepare("SELECT p.id, p.quote_count, a.alias, a.given_keys, "
                  "EXISTS (SELECT 1 FROM alias_pins WHERE person_id = p.id) "
                  "FROM person_aliases a JOIN people p ON p.id = a.person_id "
                  "WHERE a.surname_key = ? AND p.kind = 'person'"));
    s.Bind(1, surname_key);
    while (true) {
      QW_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      Holder& h = holders[s.Text(0)];
      h.id = s.Text(0);
      h.quote_count = s.Int(1);
      h.corrected = s.Int(4) != 0;
      NameKey key;
      key.display = s.Text(2);
      key.surname_key = surname_key;
      key.given_keys = SplitList(s.Text(3), ' ');
      if (!key.given_keys.empty()) h.names.push_back(std::move(key));
    }
  }
  // How the full names of two people compare: 2 a first name in common, 1
  // only through an initial, 0 none (or no full name).
  auto relation = [&](const Holder& a, const Holder& b) {
    int best = 0;
    for (const NameKey& x : a.names) {
      for (const NameKey& y : b.names) {
        if (names_.Compare(x, y) != NameAnalyzer::Match::kSame) continue;
        const bool exact = x.given_keys[0] == y.given_keys[0] ||
                           (x.given_keys[0].size() > 1 &&
                            y.given_keys[0].size() > 1);
        best = std::max(best, exact ? 2 : 1);
      }
    }
    return best;
  };
  std::vector<const Holder*> people;
  for (const auto& [id, h] : holders) people.push_back(&h);
  std::vector<std::vector<int>> rel(people.size(),
                                    std::vector<int>(people.size(), 0));
  for (size_t i = 0; i < people.size(); ++i) {
    for (size_t j = i + 1; j < people.size(); ++j) {
      rel[i][j] = rel[j][i] = relation(*people[i], *people[j]);
    }
  }
  std::set<std::string> merged_away;
  for (size_t i = 0; i < people.size(); ++i) {
    for (size_t j = i + 1; j < people.size(); ++j) {
      const Holder& a = *people[i];
      const Holder& b = *people[j];
      if (merged_away.count(a.id) || merged_away.count(b.id)) continue;
      // Sure: a first name in common, nobody else holds it with either, and
      // no editor has corrected either of them.
      int others = 0;
      for (size_t k = 0; k < people.size(); ++k) {
        if (k != i && k != j && (rel[i][k] == 2 || rel[j][k] == 2)) ++others;
      }
      if (rel[i][j] == 2 && others == 0 && !a.corrected && !b.corrected) {
        const Holder& target = MoreQuotedHolder(a, b) ? a : b;
        const Holder& other = &target == &a ? b : a;
        QW_ASSIGN_OR_RETURN(PersonRecord into, LoadPerson(c, target.id));
        QW_ASSIGN_OR_RETURN(PersonRecord from, LoadPerson(c, other.id));
        QW_ASSIGN_OR_RETURN(
            int64_t seq,
            RecordCorrection(
                c, "merge",
                absl::StrCat("Merged ", from.display_name, " (", other.id,
                             ") into ", into.display_name, " (", target.id,
                             "): the name rules now give them one name"),
                kNameRulesEditor,
                absl::StrCat("{\"person\":", JsonArray({target.id}),
                             ",\"merged\":", JsonArray({other.id}), "}")));
        QW_RETURN_IF_ERROR(MergeInto(c, target.id, {other.id}, seq));
        merged_away.insert(other.id);
        continue;
      }
      // Uncertain, or first names that differ: a suggestion when the
      // articles say the same about both, or when the names meet at all.
      QW_ASSIGN_OR_RETURN(PersonContext ca,
                          LoadPersonContext(c, a.id, surname_key));
      QW_ASSIGN_OR_RETURN(PersonContext cb,
                          LoadPersonContext(c, b.id, surname_key));
      const ContextEvidence evidence = CompareContexts(ca, cb);
      std::string reason;
      int score = kUncertainScore;
      if (rel[i][j] == 2) {
        reason = "several people hold the name";
      } else if (rel[i][j] == 1) {
        reason = "one first name is an initial of the other";
      } else if (evidence.items > 0 && !a.names.empty() && !b.names.empty()) {
        reason = "first names differ";
        score -= kDifferentNamePenalty;
      } else {
        continue;
      }
      score = std::min(kMaxUncertainScore,
                       score + kEvidenceItemScore * evidence.items);
      if (!evidence.summary.empty()) absl::StrAppend(&reason, "; ", evidence.summary);
      QW_RETURN_IF_ERROR(
          SuggestMerge(c, a.id, b.id, surname_key, reason, score));
    }
  }
  return absl::OkStatus();
}

}  // namespace store_internal
}  // namespace quotewire
