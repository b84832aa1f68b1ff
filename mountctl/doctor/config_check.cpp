#include "mountctl/doctor/config_check.hpp"

#include <unistd.h>

#include <cerrno>

#include "core/config/config_loader.hpp"
#include "mountctl/doctor/path_safety.hpp"
#include "mountctl/doctor/shell_quote.hpp"
#include "platform/config_file.hpp"
#include "util/build_config.hpp"
#include "util/errno_text.hpp"

namespace mb::ctl::doctor {
namespace {

// The installed example config when there is one (every key commented), else an empty file.
std::string starting_point() {
  return ::access(util::kExampleConfig, R_OK) == 0 ? util::kExampleConfig : "/dev/null";
}

constexpr const char* kConfigCheck = "config";

std::string edit_and_check(const std::string& path) {
  const std::string q = shell_quote(path);
  return "${EDITOR:-vi} " + q + " && mount-broker --check-config " + q;
}

Findings ownership(const std::string& path) {
  auto chain = ownership_chain(path);
  if (!chain)
    return {{kConfigCheck, path, Status::skipped, "ownership not checked: " + chain.error(), ""}};
  Findings out = unsafe_owners(*chain, kConfigCheck, path);
  if (out.empty()) {
    out.push_back({kConfigCheck, path, Status::ok,
                   "owned by root, and it and every directory above it are writable by root only",
                   ""});
  }
  return out;
}

}  // namespace

Findings invalid_config(const std::string& path, const std::string& loader_error) {
  Findings out;
  std::size_t pos = 0;
  while (pos < loader_error.size()) {
    std::size_t end = loader_error.find('\n', pos);
    if (end == std::string::npos) end = loader_error.size();
    std::string line = loader_error.substr(pos, end - pos);
    if (!line.empty())
      out.push_back({kConfigCheck, path, Status::problem, line, edit_and_check(path)});
    pos = end + 1;
  }
  if (out.empty())
    out.push_back({kConfigCheck, path, Status::problem, "invalid", edit_and_check(path)});
  return out;
}

ConfigOutcome check_config(const std::string& path, const std::string& sudo_doctor) {
  ConfigOutcome out;
  if (::access(path.c_str(), F_OK) != 0 && errno == ENOENT) {
    out.findings.push_back(
        {kConfigCheck, path, Status::problem,
         "does not exist: the broker has nothing to mount (see mount-broker.toml(5))",
         "install -D -m 0644 -o root " + shell_quote(starting_point()) + " " + shell_quote(path) +
             " && " + edit_and_check(path)});
    return out;
  }
  if (::access(path.c_str(), R_OK) != 0) {
    const int err = errno;
    out.findings.push_back(
        {kConfigCheck, path, err == EACCES && ::geteuid() != 0 ? Status::skipped : Status::problem,
         util::errno_text("cannot read it", err) +
             (err == EACCES && ::geteuid() != 0 ? " (not checked: doctor is not root)" : ""),
         err == EACCES && ::geteuid() != 0 ? sudo_doctor : "ls -l " + shell_quote(path)});
    return out;
  }
  out.findings = ownership(path);
  // Ownership is judged above, with doctor's stricter rule (root only, whoever runs doctor).
  auto loaded = platform::load_config(path, {.check_owner = false});
  if (!loaded) {
    auto invalid = invalid_config(path, loaded.error());
    out.findings.insert(out.findings.end(), invalid.begin(), invalid.end());
    return out;
  }
  const auto n = loaded->mounts.size();
  out.findings.push_back({kConfigCheck, path, Status::ok,
                          "valid, " + std::to_string(n) + (n == 1 ? " mount" : " mounts"), ""});
  out.config = std::move(*loaded);
  return out;
}

}  // namespace mb::ctl::doctor
