// Command-line parsing of the quotewire CLI: `quotewire [flags] COMMAND
// [ARGS] [flags]`. Flags may appear anywhere, as `--name value` or
// `--name=value`; `-` and `_` are interchangeable in names (`--all-kinds`,
// `--all_kinds`); `--` ends the flags. Boolean flags take no value.
//
// Thread safety: plain values.
#ifndef QUOTEWIRE_CLIENT_CLI_ARGS_H_
#define QUOTEWIRE_CLIENT_CLI_ARGS_H_

#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace quotewire::cli {

struct ParsedArgs {
  // The command and its positional arguments.
  std::vector<std::string> positional;
  // Flag name (with '_') -> value ("true" for booleans).
  std::map<std::string, std::string> flags;

  bool Has(const std::string& name) const { return flags.count(name) > 0; }
  std::string Get(const std::string& name, const std::string& fallback = "") const;
  bool GetBool(const std::string& name) const;
};

// Parses argv[1..]. `boolean_flags` and `value_flags` list every known flag
// (names with '_'). InvalidArgument for an unknown flag or a missing value.
absl::StatusOr<ParsedArgs> ParseArgs(const std::vector<std::string>& args,
                                     const std::set<std::string>& boolean_flags,
                                     const std::set<std::string>& value_flags);

}  // namespace quotewire::cli

#endif  // QUOTEWIRE_CLIENT_CLI_ARGS_H_
