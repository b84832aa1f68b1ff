#include "core/config/secrets.hpp"

#include <array>
#include <cctype>
#include <string>

#include "core/config/mount_name.hpp"

namespace mb::core::config {
namespace {

bool iequals_prefix(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  }
  return true;
}

std::string setup_hint(std::string_view mount_name) {
  const std::string name = mount_name.empty() ? "<mount-name>" : std::string(mount_name);
  return "remove it and run: mountctl setup " + name +
         " (keeps the password in the keychain or a root-only credential file)";
}

// Walks one value; `prefix` and `key` say where it is ("mount \"photos\": " + "options[2]").
struct SecretWalker {
  Diagnostics& diag;
  std::string prefix;
  std::string mount_name;

  void report(const toml::node& node, int fallback, const std::string& key,
              const std::string& what) {
    const int line = static_cast<int>(node.source().begin.line);
    diag.add(line > 0 ? line : fallback,
             prefix + key + ": " + what + "; " + setup_hint(mount_name));
  }

  void walk(const toml::node& node, const std::string& key, int fallback) {
    const int line =
        node.source().begin.line > 0 ? static_cast<int>(node.source().begin.line) : fallback;
    if (const auto* table = node.as_table()) {
      for (const auto& [k, v] : *table) {
        const std::string child =
            key.empty() ? std::string(k.str()) : key + "." + std::string(k.str());
        if (is_secret_key(k.str())) {
          report(v, line, child, "passwords do not belong in the config file");
        } else {
          walk(v, child, line);
        }
      }
    } else if (const auto* array = node.as_array()) {
      for (std::size_t i = 0; i < array->size(); ++i) {
        walk((*array)[i], key + "[" + std::to_string(i) + "]", line);
      }
    } else if (const auto* s = node.as_string()) {
      if (auto option = secret_option(s->get())) {
        report(node, fallback, key,
               "contains a password option (\"" + std::string(*option) +
                   "...\"); passwords do not belong in the config file");
      }
    }
  }
};

}  // namespace

bool is_secret_key(std::string_view key) {
  static constexpr std::array<std::string_view, 4> kSecretKeys{"password", "passwd", "pass",
                                                               "secret"};
  for (std::string_view secret : kSecretKeys) {
    if (key.size() == secret.size() && iequals_prefix(key, secret)) return true;
  }
  return false;
}

std::optional<std::string_view> secret_option(std::string_view value) {
  static constexpr std::array<std::string_view, 4> kSecretOptions{
      "password=", "passwd=", "pass=", "secret="};
  // A flag whose value is the next argument ("--password", "x").
  static constexpr std::array<std::string_view, 4> kSecretFlags{"password", "passwd", "pass",
                                                                "secret"};
  const bool whole_is_flag = value.rfind('-', 0) == 0;
  while (!value.empty()) {
    const std::size_t comma = value.find(',');
    std::string_view part = value.substr(0, comma);
    while (!part.empty() && (part.front() == '-' || part.front() == ' ')) part.remove_prefix(1);
    for (std::string_view option : kSecretOptions) {
      if (iequals_prefix(part, option)) return option;
    }
    if (whole_is_flag)
      for (std::string_view flag : kSecretFlags)
        if (part.size() == flag.size() && iequals_prefix(part, flag)) return flag;
    // mount.cifs reads "user=NAME%PASSWORD" as a user and a password.
    for (std::string_view option : {std::string_view("user="), std::string_view("username=")})
      if (iequals_prefix(part, option) && part.find('%') != std::string_view::npos)
        return "user=NAME%PASSWORD";
    if (comma == std::string_view::npos) break;
    value.remove_prefix(comma + 1);
  }
  return std::nullopt;
}

void report_secrets(const toml::table& root, Diagnostics& diag) {
  for (const auto& [k, v] : root) {
    const std::string key(k.str());
    SecretWalker top{diag, "", ""};
    if (is_secret_key(key)) {
      top.report(v, 1, key, "passwords do not belong in the config file");
    } else if (const auto* mounts = v.as_array(); mounts && key == "mount") {
      for (std::size_t i = 0; i < mounts->size(); ++i) {
        const auto* mount = (*mounts)[i].as_table();
        if (!mount) {  // a structural error the loader reports; still look inside
          top.walk((*mounts)[i], key + "[" + std::to_string(i) + "]", 1);
          continue;
        }
        SecretWalker walker{diag, mount_prefix(*mount, i), mount_name(*mount).value_or("")};
        walker.walk(*mount, "", 1);
      }
    } else if (v.is_table()) {
      SecretWalker walker{diag, "[" + key + "] ", ""};
      walker.walk(v, "", 1);
    } else {
      top.walk(v, key, 1);
    }
  }
}

}  // namespace mb::core::config
