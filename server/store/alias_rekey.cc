#include "server/store/alias_rekey.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_join.h"
#include "server/core/status_macros.h"

namespace quotewire::store_internal {

absl::StatusOr<bool> RekeyPersonAliases(Connection& conn,
                                        const NameAnalyzer& names) {
  const std::string fingerprint = names.RulesFingerprint();
  bool rekeyed = false;
  QW_RETURN_IF_ERROR(WithTransaction(conn, "BEGIN IMMEDIATE", [&]() -> absl::Status {
    {
      QW_ASSIGN_OR_RETURN(
          Stmt s, conn.Prepare("SELECT value FROM meta WHERE key = 'name_rules'"));
      QW_ASSIGN_OR_RETURN(bool row, s.Step());
      if (row && s.Text(0) == fingerprint) return absl::OkStatus();
    }
    // Keyed aliases are those of people (an empty surname key marks an
    // organisation's alias or a name without letters).
    std::vector<std::pair<std::string, std::string>> aliases;
    {
      QW_ASSIGN_OR_RETURN(
          Stmt s, conn.Prepare("SELECT person_id, alias FROM person_aliases "
                               "WHERE surname_key != ''"));
      while (true) {
        QW_ASSIGN_OR_RETURN(bool row, s.Step());
        if (!row) break;
        aliases.emplace_back(s.Text(0), s.Text(1));
      }
    }
    for (const auto& [person_id, alias] : aliases) {
      const NameKey key = names.Analyze(alias);
      QW_ASSIGN_OR_RETURN(
          Stmt s, conn.Prepare("UPDATE person_aliases SET surname_key = ?, "
                               "given_keys = ?, full_key = ? "
                               "WHERE person_id = ? AND alias = ?"));
      QW_RETURN_IF_ERROR(s.BindAll(key.surname_key,
                                   absl::StrJoin(key.given_keys, " "),
                                   key.full_key, person_id, alias)
                             .Run());
    }
    QW_ASSIGN_OR_RETURN(
        Stmt s, conn.Prepare("INSERT INTO meta(key, value) "
                             "VALUES ('name_rules', ?) ON CONFLICT(key) "
                             "DO UPDATE SET value = excluded.value"));
    rekeyed = true;
    return s.BindAll(fingerprint).Run();
  }));
  return rekeyed;
}

}  // namespace quotewire::store_internal
