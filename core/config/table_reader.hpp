#pragma once
// Typed access to one TOML table. Wrong types, out-of-range numbers and unknown keys become
// diagnostics ("PREFIX KEY: what is wrong") instead of exceptions, so that every problem in
// the file is reported in one go.
#include <toml++/toml.h>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/diagnostics.hpp"

namespace mb::core::config {

class TableReader {
 public:
  // `prefix` starts every message, e.g. "[broker] " or "mount \"photos\": ".
  // `line` is the table's header line, used for keys that are missing.
  TableReader(const toml::table& table, std::string prefix, int line, Diagnostics& diag);

  const std::string& prefix() const { return prefix_; }
  int line() const { return line_; }
  // Line of the key's value; the table's line when the key is absent.
  int line_of(std::string_view key) const;
  bool has(std::string_view key) const { return table_.contains(key); }

  // "PREFIX KEY: what", at the key's line.
  void error(std::string_view key, std::string_view what);
  // "PREFIX what", at `line`: for messages that are not about one key's value.
  void report(int line, std::string_view what);
  // "PREFIX KEY: missing; hint", at the table's line.
  void missing(std::string_view key, std::string_view hint);

  // Each getter returns nullopt when the key is absent or its value was refused (reported).
  std::optional<std::string> string(std::string_view key);
  std::optional<int> integer(std::string_view key, int min, int max);
  // An integer or a float within [min, max] (e.g. fractional minutes).
  std::optional<double> number(std::string_view key, double min, double max);
  std::optional<bool> boolean(std::string_view key);
  std::optional<std::vector<std::string>> strings(std::string_view key);
  // A non-empty array of integers, each within [min, max].
  std::optional<std::vector<int>> integers(std::string_view key, int min, int max);

  // Reports every key not in `known`. Password-like keys are left to report_secrets().
  void reject_unknown(std::span<const std::string_view> known);

 private:
  const toml::node* find(std::string_view key) const { return table_.get(key); }
  void error_at(const toml::node& node, std::string_view key, std::string_view what);
  std::optional<int> checked_int(std::string_view key, const toml::node& node, int min, int max);

  const toml::table& table_;
  std::string prefix_;
  int line_;
  Diagnostics& diag_;
};

// "a string", "an integer", "a floating-point number", ...: for "must be X, got Y" messages.
const char* type_name(const toml::node& node);
// The node's line, or `fallback` when toml++ does not know it (implicitly created tables).
int line_of(const toml::node& node, int fallback);

}  // namespace mb::core::config
