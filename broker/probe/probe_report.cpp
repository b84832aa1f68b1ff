#include "broker/probe/probe_report.hpp"

#include <cerrno>
#include <cstring>
#include <sstream>

namespace mb::broker::probe {

using supervisor::ProbeOutcome;

std::string format(const ProbeReport& r) {
  std::ostringstream os;
  os << "stat_errno=" << r.stat_errno << " dev=" << r.device << " parent_dev=" << r.parent_device
     << " opendir_errno=" << r.opendir_errno << " readdir_errno=" << r.readdir_errno
     << " entries=" << r.entries << " latency_us=" << r.latency_us << "\n";
  return os.str();
}

std::optional<ProbeReport> parse(std::string_view line) {
  ProbeReport r;
  std::istringstream is{std::string(line)};
  std::string field;
  int seen = 0;
  while (is >> field) {
    auto eq = field.find('=');
    if (eq == std::string::npos) return std::nullopt;
    std::string key = field.substr(0, eq);
    std::string value = field.substr(eq + 1);
    try {
      if (key == "stat_errno")
        r.stat_errno = std::stoi(value);
      else if (key == "dev")
        r.device = std::stoull(value);
      else if (key == "parent_dev")
        r.parent_device = std::stoull(value);
      else if (key == "opendir_errno")
        r.opendir_errno = std::stoi(value);
      else if (key == "readdir_errno")
        r.readdir_errno = std::stoi(value);
      else if (key == "entries")
        r.entries = std::stoi(value);
      else if (key == "latency_us")
        r.latency_us = std::stoll(value);
      else
        continue;  // a newer child may report more
    } catch (const std::exception&) {
      return std::nullopt;
    }
    ++seen;
  }
  if (seen < 7) return std::nullopt;
  return r;
}

bool is_definite_errno(int err) {
  switch (err) {
    case ENOTCONN:
    case ENXIO:
    case ENODEV:
    case ESTALE:
    case EHOSTDOWN:
    case EHOSTUNREACH:
    case ECONNRESET:
    case ECONNABORTED:
    case ENETDOWN:
    case ENETUNREACH:
    case EPIPE:
    case ETIMEDOUT:
      return true;
    default:
      return false;
  }
}

namespace {
Verdict failure(int err, const char* what) {
  std::string detail = std::string(what) + ": " + std::strerror(err);
  return {is_definite_errno(err) ? ProbeOutcome::definite : ProbeOutcome::ambiguous, detail};
}
}  // namespace

Verdict classify(const ProbeReport& r, std::uint64_t recorded_device) {
  // The order matters: the first failing call is the one that tells what is wrong.
  if (r.stat_errno) return failure(r.stat_errno, "stat");
  if (r.device == r.parent_device)
    return {ProbeOutcome::definite, "the mount point reverted to its parent's filesystem"};
  if (recorded_device != 0 && r.device != recorded_device)
    return {ProbeOutcome::definite,
            "the mount point is a different filesystem than the one mounted"};
  if (r.opendir_errno) return failure(r.opendir_errno, "opendir");
  if (r.readdir_errno) return failure(r.readdir_errno, "readdir");
  return {ProbeOutcome::healthy, ""};
}

Verdict timed_out(int seconds) {
  return {ProbeOutcome::ambiguous, "timed out after " + std::to_string(seconds) + " s"};
}

}  // namespace mb::broker::probe
