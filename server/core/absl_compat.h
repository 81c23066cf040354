// Debian 12's Abseil is built with ABSL_OPTION_USE_STD_STRING_VIEW 0, so
// absl::string_view is its own type and absl::StrCat, StrSplit, StrJoin and
// friends do not accept std::string_view. Quotewire's interfaces use
// std::string_view; Sv() converts at the Abseil boundary.
#ifndef QUOTEWIRE_SERVER_CORE_ABSL_COMPAT_H_
#define QUOTEWIRE_SERVER_CORE_ABSL_COMPAT_H_

#include <string_view>

#include "absl/strings/string_view.h"

namespace quotewire {

inline absl::string_view Sv(std::string_view s) { return {s.data(), s.size()}; }
inline std::string_view Sv(absl::string_view s) { return {s.data(), s.size()}; }

}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_CORE_ABSL_COMPAT_H_
