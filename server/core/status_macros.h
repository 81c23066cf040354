// Small helpers for absl::Status propagation (Abseil 20220623 has none).
//
//   QW_RETURN_IF_ERROR(DoThing());
//   QW_ASSIGN_OR_RETURN(auto value, ComputeValue());
#ifndef QUOTEWIRE_SERVER_CORE_STATUS_MACROS_H_
#define QUOTEWIRE_SERVER_CORE_STATUS_MACROS_H_

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define QW_RETURN_IF_ERROR(expr)                \
  do {                                          \
    ::absl::Status qw_status_ = (expr);         \
    if (!qw_status_.ok()) return qw_status_;    \
  } while (false)

#define QW_STATUS_CONCAT_INNER_(a, b) a##b
#define QW_STATUS_CONCAT_(a, b) QW_STATUS_CONCAT_INNER_(a, b)

#define QW_ASSIGN_OR_RETURN(lhs, expr) \
  QW_ASSIGN_OR_RETURN_IMPL_(QW_STATUS_CONCAT_(qw_statusor_, __LINE__), lhs, expr)

#define QW_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, expr) \
  auto statusor = (expr);                              \
  if (!statusor.ok()) return std::move(statusor).status(); \
  lhs = std::move(statusor).value()

#endif  // QUOTEWIRE_SERVER_CORE_STATUS_MACROS_H_
