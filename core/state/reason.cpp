// The names of the reasons: part of the state.json and protocol formats, so renaming an
// enumerator must not rename its string.
#include "core/state/reason.hpp"

#include <array>
#include <utility>

#include "core/state/enum_names.hpp"

namespace mb::core::state {
namespace {

constexpr std::array kReasonNames{
    std::pair{Reason::none, ""},           std::pair{Reason::user, "user"},
    std::pair{Reason::idle, "idle"},       std::pair{Reason::probe, "probe"},
    std::pair{Reason::lost, "lost"},       std::pair{Reason::recovered, "recovered"},
    std::pair{Reason::error, "error"},     std::pair{Reason::sweep, "sweep"},
    std::pair{Reason::retry, "retry"},     std::pair{Reason::reconcile, "reconcile"},
    std::pair{Reason::adopted, "adopted"}, std::pair{Reason::conflict, "conflict"},
};

}  // namespace

const char* to_string(Reason r) {
  return names::name_of(kReasonNames, r);
}

Reason reason_from_string(std::string_view s) {
  return names::value_of(kReasonNames, s).value_or(Reason::none);
}

}  // namespace mb::core::state
