#include "core/config/config_loader.hpp"

#include <toml++/toml.h>

#include <array>
#include <exception>

#include "core/config/broker_settings.hpp"
#include "core/config/diagnostics.hpp"
#include "core/config/mounts.hpp"
#include "core/config/secrets.hpp"
#include "core/config/settings.hpp"
#include "core/config/spelling.hpp"
#include "core/config/table_reader.hpp"

namespace mb::core::config {
namespace {

constexpr std::array<std::string_view, 3> kTopLevel{"broker", "defaults", "mount"};

bool contains(std::span<const std::string_view> keys, std::string_view key) {
  for (std::string_view k : keys) {
    if (k == key) return true;
  }
  return false;
}

std::string syntax_error(const std::string& path, const toml::parse_error& e) {
  const toml::source_position& at = e.source().begin;
  return (path.empty() ? "<string>" : path) + ":" + std::to_string(at.line) + ":" +
         std::to_string(at.column) + ": syntax error: " + std::string(e.description());
}

// A key written above the first table is a common slip: say where it belongs.
std::string top_level_key_hint(std::string_view key) {
  if (contains(kBrokerKeys, key)) return "; move it under [broker]";
  if (contains(kSettingKeys, key)) return "; move it under [defaults] or a [[mount]]";
  if (contains(kMountKeys, key)) return "; move it under a [[mount]]";
  return "; remove it or fix the spelling";
}

void report_unknown_top_level(std::string_view key, const toml::node& node, Diagnostics& diag) {
  const int line = line_of(node, 1);
  if (!node.is_table()) {
    diag.add(line, std::string(key) + ": unknown key at top level" + top_level_key_hint(key));
    return;
  }
  std::string what = "[" + std::string(key) +
                     "]: unknown table; expected [broker], [defaults] or "
                     "[[mount]]";
  if (auto guess = closest(key, kTopLevel)) {
    what += *guess == "mount" ? " (did you mean [[mount]]?)"
                              : " (did you mean [" + std::string(*guess) + "]?)";
  }
  diag.add(line, what);
}

// Only [broker], [defaults] and [[mount]] exist, each with the right shape.
void check_top_level(const toml::table& root, Diagnostics& diag) {
  for (const auto& [k, v] : root) {
    const std::string_view key = k.str();
    if (is_secret_key(key)) continue;  // report_secrets() has it
    if (!contains(kTopLevel, key)) {
      report_unknown_top_level(key, v, diag);
    } else if (key == "mount" && !v.is_array()) {
      diag.add(line_of(v, 1),
               "mount: must be an array of tables; write each mount as a "
               "[[mount]] section, not [mount]");
    } else if (key != "mount" && !v.is_table()) {
      diag.add(line_of(v, 1), std::string(key) + ": must be a table; write it as a [" +
                                  std::string(key) + "] section");
    }
  }
}

MountDefaults read_defaults(const toml::table* table, Diagnostics& diag) {
  MountDefaults out;
  if (!table) return out;
  TableReader r(*table, "[defaults] ", line_of(*table, 1), diag);
  r.reject_unknown(kSettingKeys);
  out.settings = read_settings(r, MountSettings{});
  if (r.has("options")) out.options_line = r.line_of("options");
  return out;
}

Config build(const toml::table& root, const std::string& path, Diagnostics& diag) {
  Config config;
  config.path = path;
  report_secrets(root, diag);
  check_top_level(root, diag);
  int log_file_line = 0, metrics_file_line = 0;
  if (const auto* broker = root.get_as<toml::table>("broker")) {
    TableReader r(*broker, "[broker] ", line_of(*broker, 1), diag);
    config.broker = read_broker(r);
    log_file_line = r.line_of("log_file");
    metrics_file_line = r.line_of("metrics_file");
  } else {
    config.broker = default_broker();
  }
  const MountDefaults defaults = read_defaults(root.get_as<toml::table>("defaults"), diag);
  config.defaults = defaults.settings;
  if (const auto* mounts = root.get_as<toml::array>("mount")) {
    config.mounts = read_mounts(*mounts, defaults, protected_dirs(config.broker, path), diag);
  }
  check_local_file_place(
      config, {"log_file", config.broker.log_file, log_file_line, kExampleLogFile}, diag);
  check_local_file_place(
      config, {"metrics_file", config.broker.metrics_file, metrics_file_line, kExampleMetricsFile},
      diag);
  return config;
}

}  // namespace

util::Result<Config> parse(std::string_view text, const std::string& path) {
  try {
    const toml::table root = toml::parse(text, std::string_view(path));
    Diagnostics diag(path);
    Config config = build(root, path, diag);
    if (!diag.empty()) return util::error(diag.text());
    return config;
  } catch (const toml::parse_error& e) {
    return util::error(syntax_error(path, e));
  } catch (const std::exception& e) {
    // Nothing may escape the loader; this is out-of-memory territory.
    return util::error(path + ": cannot read config: " + e.what());
  }
}

}  // namespace mb::core::config
