#pragma once
// Look-ups in the name tables of the record's enums (the tables are the on-disk format).
#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace mb::core::state::names {

template <typename E, std::size_t N>
const char* name_of(const std::array<std::pair<E, const char*>, N>& names, E value) {
  for (const auto& [v, name] : names) {
    if (v == value) return name;
  }
  return "invalid";  // only reachable through a cast of an out-of-range integer
}

template <typename E, std::size_t N>
std::optional<E> value_of(const std::array<std::pair<E, const char*>, N>& names,
                          std::string_view s) {
  // The first byte rules out the other names without measuring them: mountctl reads four
  // names of each of 1,000 mounts in a status, the state file as many.
  const char first = s.empty() ? '\0' : s.front();
  for (const auto& [v, name] : names) {
    if (name[0] == first && s == name) return v;
  }
  return std::nullopt;
}

}  // namespace mb::core::state::names
