// The names of the error classes: part of the state.json and protocol formats, so renaming an
// enumerator must not rename its string.
#include "core/state/error_class.hpp"

#include <array>
#include <utility>

#include "core/state/enum_names.hpp"

namespace mb::core::state {
namespace {

constexpr std::array kErrorClassNames{
    std::pair{ErrorClass::none, ""},           std::pair{ErrorClass::auth, "auth"},
    std::pair{ErrorClass::network, "network"}, std::pair{ErrorClass::config, "config"},
    std::pair{ErrorClass::busy, "busy"},       std::pair{ErrorClass::timeout, "timeout"},
    std::pair{ErrorClass::unknown, "unknown"},
};

}  // namespace

const char* to_string(ErrorClass c) {
  return names::name_of(kErrorClassNames, c);
}

std::optional<ErrorClass> error_class_from_string(std::string_view s) {
  if (s == "none") return ErrorClass::none;
  return names::value_of(kErrorClassNames, s);
}

}  // namespace mb::core::state
