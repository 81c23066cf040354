#include "client/cli_args.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace quotewire::cli {

std::string ParsedArgs::Get(const std::string& name,
                            const std::string& fallback) const {
  const auto it = flags.find(name);
  return it == flags.end() ? fallback : it->second;
}

bool ParsedArgs::GetBool(const std::string& name) const {
  const auto it = flags.find(name);
  return it != flags.end() && it->second != "false";
}

absl::StatusOr<ParsedArgs> ParseArgs(const std::vector<std::string>& args,
                                     const std::set<std::string>& boolean_flags,
                                     const std::set<std::string>& value_flags) {
  ParsedArgs parsed;
  bool flags_done = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (flags_done || arg.size() < 2 || arg.compare(0, 1, "-") != 0 ||
        arg == "-") {
      parsed.positional.push_back(arg);
      continue;
    }
    if (arg == "--") {
      flags_done = true;
      continue;
    }
    std::string body = arg.substr(arg.compare(0, 2, "--") == 0 ? 2 : 1);
    std::string value;
    bool has_value = false;
    const size_t eq = body.find('=');
    if (eq != std::string::npos) {
      value = body.substr(eq + 1);
      body = body.substr(0, eq);
      has_value = true;
    }
    std::replace(body.begin(), body.end(), '-', '_');
    if (boolean_flags.count(body)) {
      if (has_value && value != "true" && value != "false") {
        return absl::InvalidArgumentError(
            absl::StrCat("--", body, " takes no value (or =true/=false)"));
      }
      parsed.flags[body] = has_value ? value : "true";
    } else if (value_flags.count(body)) {
      if (!has_value) {
        if (i + 1 >= args.size()) {
          return absl::InvalidArgumentError(
              absl::StrCat("--", body, " needs a value"));
        }
        value = args[++i];
      }
      parsed.flags[body] = value;
    } else {
      return absl::InvalidArgumentError(absl::StrCat("unknown flag --", body));
    }
  }
  return parsed;
}

}  // namespace quotewire::cli
