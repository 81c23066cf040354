// Person-alias keys follow the name rules (data/names/): when the rules
// change, the keys stored under the old rules no longer meet the keys of new
// mentions and queries, and a person would split on the next ingest.
// RekeyPersonAliases() recomputes them once per rule change.
#ifndef QUOTEWIRE_SERVER_STORE_ALIAS_REKEY_H_
#define QUOTEWIRE_SERVER_STORE_ALIAS_REKEY_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "server/people/name_analyzer.h"
#include "server/store/sqlite_db.h"

namespace quotewire::store_internal {

// When meta('name_rules') differs from names.RulesFingerprint(), recomputes
// surname_key, given_keys and full_key of every keyed person alias and
// records the fingerprint, in one IMMEDIATE transaction. Nothing else
// changes here: the store then joins the people the new keys join
// (SqliteStore::JoinRekeyedPeople). Returns true iff the keys were
// recomputed; false (a no-op) when the fingerprints are equal.
absl::StatusOr<bool> RekeyPersonAliases(Connection& conn,
                                        const NameAnalyzer& names);

}  // namespace quotewire::store_internal

#endif  // QUOTEWIRE_SERVER_STORE_ALIAS_REKEY_H_
