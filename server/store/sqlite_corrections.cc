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

}  // namespace store_internal
}  // namespace quotewire
