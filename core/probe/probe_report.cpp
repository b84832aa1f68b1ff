#include "core/probe/probe_report.hpp"

#include <cerrno>
#include <cstring>
#include <sstream>

namespace mb::core::probe {

using supervisor::ProbeOutcome;

namespace {

const char* to_string(Target t) {
  switch (t) {
    case Target::none:
      return "none";
    case Target::found:
      return "found";
    case Target::configured:
      return "configured";
  }
  return "none";
}

std::optional<Target> target_from(const std::string& s) {
  if (s == "none") return Target::none;
  if (s == "found") return Target::found;
  if (s == "configured") return Target::configured;
  return std::nullopt;
}

// One key=value of the line into the report. False: the value is malformed. Unknown keys are
// skipped (a newer child may report more); `known` tells the caller whether it was one of ours.
bool read_field(ProbeReport& r, const std::string& key, const std::string& value, bool& known) {
  known = true;
  if (key == "stat_errno")
    r.stat_errno = std::stoi(value);
  else if (key == "dev")
    r.device = std::stoull(value);
  else if (key == "parent_dev")
    r.parent_device = std::stoull(value);
  else if (key == "ino")
    r.root_inode = std::stoull(value);
  else if (key == "opendir_errno")
    r.opendir_errno = std::stoi(value);
  else if (key == "readdir_errno")
    r.readdir_errno = std::stoi(value);
  else if (key == "entries")
    r.entries = std::stoi(value);
  else if (key == "target") {
    auto t = target_from(value);
    if (!t) return false;
    r.target = *t;
  } else if (key == "open_errno")
    r.open_errno = std::stoi(value);
  else if (key == "read_errno")
    r.read_errno = std::stoi(value);
  else if (key == "not_regular")
    r.target_not_regular = value == "1";
  else if (key == "bytes")
    r.bytes_read = std::stoll(value);
  else if (key == "latency_us")
    r.latency_us = std::stoll(value);
  else
    known = false;
  return true;
}

}  // namespace

std::string format(const ProbeReport& r) {
  std::ostringstream os;
  os << "stat_errno=" << r.stat_errno << " dev=" << r.device << " parent_dev=" << r.parent_device
     << " ino=" << r.root_inode << " opendir_errno=" << r.opendir_errno
     << " readdir_errno=" << r.readdir_errno << " entries=" << r.entries
     << " target=" << to_string(r.target) << " open_errno=" << r.open_errno
     << " read_errno=" << r.read_errno << " not_regular=" << (r.target_not_regular ? 1 : 0)
     << " bytes=" << r.bytes_read << " latency_us=" << r.latency_us << "\n";
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
    bool known = false;
    try {
      if (!read_field(r, field.substr(0, eq), field.substr(eq + 1), known)) return std::nullopt;
    } catch (const std::exception&) {
      return std::nullopt;
    }
    if (known) ++seen;
  }
  if (seen < 7) return std::nullopt;  // the fields every child version has reported
  return r;
}

bool is_fuse(std::string_view fstype) {
  return fstype == "fuse" || fstype == "fuseblk" || fstype.starts_with("fuse.");
}

bool is_definite_errno(int err, bool fuse) {
  switch (err) {
    case ENOTCONN:
    case ENXIO:
    case ENODEV:
    case ESTALE:
    case EHOSTDOWN:
    case EHOSTUNREACH:
    case ECONNREFUSED:
    case ECONNRESET:
    case ECONNABORTED:
    case ENETDOWN:
    case ENETUNREACH:
    case EPIPE:
    case ETIMEDOUT:
      return true;
    case EIO:
      // rclone and sshfs turn "connection refused / reset / lost" into EIO: through a FUSE
      // helper it is the only definite word there is. A kernel client's EIO can also be a
      // disk error on the server, which a remount would not cure.
      return fuse;
    default:
      return false;
  }
}

namespace {

Verdict failure(int err, const std::string& what, bool fuse) {
  std::string detail = what + ": " + std::strerror(err);
  return {is_definite_errno(err, fuse) ? ProbeOutcome::definite : ProbeOutcome::ambiguous, detail};
}

Verdict ambiguous(std::string detail) {
  return {ProbeOutcome::ambiguous, std::move(detail)};
}

// probe_path must exist, be a regular file and yield bytes: anything else is a failure.
std::optional<Verdict> check_configured(const ProbeReport& r, const Expected& e) {
  const std::string what = "probe_path " + e.probe_path;
  // A helper may open lazily (rclone): a missing file can show up only at the read.
  const int err = r.open_errno ? r.open_errno : r.read_errno;
  if (err == ENOENT)
    return ambiguous(what + " does not exist on the share (was it removed on the server?)");
  if (r.open_errno) return failure(r.open_errno, what, e.fuse);
  if (r.target_not_regular) return ambiguous(what + " is not a regular file");
  if (r.read_errno) return failure(r.read_errno, "reading " + what, e.fuse);
  if (r.bytes_read <= 0)
    return ambiguous(what +
                     " is empty: reading it never reaches the server (put a few bytes "
                     "in it)");
  return std::nullopt;
}

// A file the root listed: the listing may come from the helper's cache, the read does not.
std::optional<Verdict> check_found(const ProbeReport& r, const Expected& e) {
  const int err = r.open_errno ? r.open_errno : r.read_errno;
  if (err == ENOENT)
    return ambiguous("reading a file the share's root lists: " + std::string(std::strerror(err)) +
                     " (the listing may be the helper's cache: was it removed on the server?)");
  if (err) return failure(err, "reading a file in the share's root", e.fuse);
  return std::nullopt;
}

}  // namespace

Verdict classify(const ProbeReport& r, const Expected& e) {
  // The order matters: the first failing call is the one that tells what is wrong.
  if (r.stat_errno) return failure(r.stat_errno, "stat", e.fuse);
  if (r.device == r.parent_device)
    return {ProbeOutcome::definite, "the mount point reverted to its parent's filesystem"};
  if (e.device != 0 && r.device != e.device)
    return {ProbeOutcome::definite,
            "the mount point is a different filesystem than the one mounted"};
  if (e.root_inode != 0 && r.root_inode != 0 && r.root_inode != e.root_inode)
    return {ProbeOutcome::definite,
            "the share's root is a different directory than the one mounted (inode " +
                std::to_string(e.root_inode) + ", now " + std::to_string(r.root_inode) + ")"};
  if (r.opendir_errno) return failure(r.opendir_errno, "opendir", e.fuse);
  if (r.readdir_errno) return failure(r.readdir_errno, "readdir", e.fuse);
  if (r.target == Target::configured)
    if (auto v = check_configured(r, e)) return *v;
  if (r.target == Target::found)
    if (auto v = check_found(r, e)) return *v;
  if (r.entries == 0 && e.root_had_entries)
    return ambiguous(
        "the share's root is empty, but it had entries (was the directory removed "
        "on the server?)");
  return {ProbeOutcome::healthy, ""};
}

Verdict timed_out(int seconds) {
  return {ProbeOutcome::timed_out, "timed out after " + std::to_string(seconds) + " s"};
}

}  // namespace mb::core::probe
