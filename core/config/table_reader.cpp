#include "core/config/table_reader.hpp"

#include <cstdint>
#include <sstream>
#include <utility>

#include "core/config/secrets.hpp"
#include "core/config/spelling.hpp"

namespace mb::core::config {

const char* type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a floating-point number";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    default:
      return "nothing";
  }
}

int line_of(const toml::node& node, int fallback) {
  const int line = static_cast<int>(node.source().begin.line);
  return line > 0 ? line : fallback;
}

TableReader::TableReader(const toml::table& table, std::string prefix, int line, Diagnostics& diag)
    : table_(table), prefix_(std::move(prefix)), line_(line), diag_(diag) {}

int TableReader::line_of(std::string_view key) const {
  const toml::node* node = find(key);
  return node ? config::line_of(*node, line_) : line_;
}

void TableReader::error(std::string_view key, std::string_view what) {
  diag_.add(line_of(key), prefix_ + std::string(key) + ": " + std::string(what));
}

void TableReader::error_at(const toml::node& node, std::string_view key, std::string_view what) {
  diag_.add(config::line_of(node, line_), prefix_ + std::string(key) + ": " + std::string(what));
}

void TableReader::report(int line, std::string_view what) {
  diag_.add(line, prefix_ + std::string(what));
}

void TableReader::missing(std::string_view key, std::string_view hint) {
  diag_.add(line_, prefix_ + std::string(key) + ": missing; " + std::string(hint));
}

std::optional<std::string> TableReader::string(std::string_view key) {
  const toml::node* node = find(key);
  if (!node) return std::nullopt;
  if (const auto* s = node->as_string()) return s->get();
  error(key, std::string("must be a string, got ") + type_name(*node));
  return std::nullopt;
}

std::optional<int> TableReader::checked_int(std::string_view key, const toml::node& node, int min,
                                            int max) {
  const auto* i = node.as_integer();
  if (!i) {
    error_at(node, key, std::string("must be an integer, got ") + type_name(node));
    return std::nullopt;
  }
  const std::int64_t v = i->get();
  if (v < min || v > max) {
    error_at(node, key,
             "must be between " + std::to_string(min) + " and " + std::to_string(max) + ", got " +
                 std::to_string(v));
    return std::nullopt;
  }
  return static_cast<int>(v);
}

std::optional<int> TableReader::integer(std::string_view key, int min, int max) {
  const toml::node* node = find(key);
  if (!node) return std::nullopt;
  return checked_int(key, *node, min, max);
}

std::optional<double> TableReader::number(std::string_view key, double min, double max) {
  const toml::node* node = find(key);
  if (!node) return std::nullopt;
  std::optional<double> v;
  if (const auto* i = node->as_integer())
    v = static_cast<double>(i->get());
  else if (const auto* f = node->as_floating_point())
    v = f->get();
  if (!v) {
    error(key, std::string("must be a number, got ") + type_name(*node));
    return std::nullopt;
  }
  if (!(*v >= min && *v <= max)) {  // also refuses NaN
    std::ostringstream os;
    os << "must be between " << min << " and " << max << ", got " << *v;
    error(key, os.str());
    return std::nullopt;
  }
  return v;
}

std::optional<bool> TableReader::boolean(std::string_view key) {
  const toml::node* node = find(key);
  if (!node) return std::nullopt;
  if (const auto* b = node->as_boolean()) return b->get();
  error(key, std::string("must be true or false, got ") + type_name(*node));
  return std::nullopt;
}

std::optional<std::vector<std::string>> TableReader::strings(std::string_view key) {
  const toml::node* node = find(key);
  if (!node) return std::nullopt;
  const auto* arr = node->as_array();
  if (!arr) {
    error(key, std::string("must be an array of strings, got ") + type_name(*node));
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (std::size_t i = 0; i < arr->size(); ++i) {
    const auto* s = (*arr)[i].as_string();
    if (!s) {
      error(key, "must be an array of strings, element " + std::to_string(i) + " is " +
                     type_name((*arr)[i]));
      return std::nullopt;
    }
    out.push_back(s->get());
  }
  return out;
}

std::optional<std::vector<int>> TableReader::integers(std::string_view key, int min, int max) {
  const toml::node* node = find(key);
  if (!node) return std::nullopt;
  const auto* arr = node->as_array();
  if (!arr || arr->empty()) {
    error(key, std::string("must be a non-empty array of integers, got ") +
                   (arr ? "an empty array" : type_name(*node)));
    return std::nullopt;
  }
  std::vector<int> out;
  bool ok = true;
  for (std::size_t i = 0; i < arr->size(); ++i) {
    const std::string element = std::string(key) + "[" + std::to_string(i) + "]";
    if (auto v = checked_int(element, (*arr)[i], min, max)) {
      out.push_back(*v);
    } else {
      ok = false;  // keep going: report every bad element
    }
  }
  if (!ok) return std::nullopt;
  return out;
}

void TableReader::reject_unknown(std::span<const std::string_view> known) {
  for (const auto& [k, v] : table_) {
    const std::string_view key = k.str();
    if (is_secret_key(key)) continue;
    bool found = false;
    for (std::string_view candidate : known) found = found || candidate == key;
    if (found) continue;
    std::string what = "unknown key; remove it or fix the spelling";
    if (auto guess = closest(key, known)) what += " (did you mean " + std::string(*guess) + "?)";
    error_at(v, key, what);
  }
}

}  // namespace mb::core::config
