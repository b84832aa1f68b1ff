#include "mountctl/doctor/automounter_claims.hpp"

#include "mountctl/doctor/shell_quote.hpp"

namespace mb::ctl::doctor {
namespace {

constexpr const char* kAutomounterClaimsCheck = "automounter";

std::string where(const Place& p) {
  return p.file + ":" + std::to_string(p.line);
}

// The spelling of `o` equal to `path`, or nullptr.
const std::string* equal_path(const OurPath& o, const std::string& path) {
  for (const std::string& p : o.paths)
    if (p == path) return &p;
  return nullptr;
}

// The spelling of `o` strictly below `dir` (or equal to it), or nullptr.
const std::string* inside(const OurPath& o, const std::string& dir) {
  for (const std::string& p : o.paths) {
    if (p == dir) return &p;
    if (dir == "/" ||
        (p.size() > dir.size() && p.compare(0, dir.size(), dir) == 0 && p[dir.size()] == '/'))
      return &p;
  }
  return nullptr;
}

// The first component of `path` below `dir`: the key an indirect map would use for it.
std::string key_below(const std::string& path, const std::string& dir) {
  if (path.size() <= dir.size() + 1) return "";
  std::string rest = path.substr(dir == "/" ? 1 : dir.size() + 1);
  return rest.substr(0, rest.find('/'));
}

Finding claim(const OurPath& o, std::string message, Status status, std::string fix) {
  return {kAutomounterClaimsCheck, o.name, status, std::move(message), std::move(fix)};
}

}  // namespace

std::string comment_out(const Place& place, const EditCommands& edit) {
  // Each physical line of a continued entry gets its "#": commenting only the first would
  // leave the rest to be read as entries of their own.
  std::string lines = std::to_string(place.line);
  if (place.last_line > place.line) lines += "," + std::to_string(place.last_line);
  std::string cmd = edit.sed_in_place + " '" + lines + "s/^/#/' " + shell_quote(place.file);
  if (!edit.apply.empty()) cmd += " && " + edit.apply;
  return cmd;
}

Findings fstab_claims(const std::vector<OurPath>& ours, const std::vector<FstabEntry>& fstab,
                      const std::string& file, const EditCommands& edit) {
  Findings out;
  for (const OurPath& o : ours) {
    for (const FstabEntry& e : fstab) {
      const std::string* path = equal_path(o, e.mount_point);
      if (!path) continue;
      const Place at{file, e.line, e.last_line};
      std::string what = where(at) + " mounts \"" + e.source + "\" (" + e.fstype + ") on " + *path +
                         ", the mount point of \"" + o.name + "\": ";
      Status status = Status::problem;
      if (has_option(e.options, "x-systemd.automount")) {
        what += "systemd mounts it on first access, so the broker finds someone else's mount";
      } else if (has_option(e.options, "noauto")) {
        status = Status::warn;
        what += "noauto, so only when someone runs `mount " + *path +
                "`, but then the broker finds someone else's mount there";
      } else {
        what +=
            "it is mounted at boot (and by `mount -a`), so the broker finds someone else's "
            "mount there";
      }
      out.push_back(claim(o, std::move(what), status, comment_out(at, edit)));
    }
  }
  return out;
}

Findings direct_map_claims(const std::vector<OurPath>& ours, const AutomountMap& map,
                           const std::string& map_file, const Place& master,
                           const EditCommands& edit) {
  Findings out;
  for (const OurPath& o : ours) {
    for (const MapEntry& e : map.entries) {
      const std::string* path = equal_path(o, e.key);
      if (!path) continue;
      const Place at{map_file, e.line, e.last_line};
      out.push_back(claim(o,
                          where(at) + " (a direct map named at " + where(master) +
                              ") has an entry for " + *path + ", the mount point of \"" + o.name +
                              "\": autofs mounts its own share there on access",
                          Status::problem, comment_out(at, edit)));
    }
  }
  return out;
}

Findings indirect_map_claims(const std::vector<OurPath>& ours, const std::string& dir,
                             const AutomountMap* map, const std::string& map_file,
                             const Place& master, const EditCommands& edit) {
  Findings out;
  for (const OurPath& o : ours) {
    const std::string* path = inside(o, dir);
    if (!path) continue;
    const std::string key = key_below(*path, dir);
    const MapEntry* entry = nullptr;
    if (map && !key.empty())
      for (const MapEntry& e : map->entries)
        if (e.key == key || (e.key == "*" && !entry)) entry = &e;
    if (entry) {
      const Place at{map_file, entry->line, entry->last_line};
      out.push_back(claim(o,
                          where(at) + " (an indirect map on " + dir + ", named at " +
                              where(master) + ") has key \"" + entry->key + "\" for " + *path +
                              ", the mount point of \"" + o.name +
                              "\": autofs mounts its own share there on access",
                          Status::problem, comment_out(at, edit)));
      continue;
    }
    out.push_back(claim(o,
                        where(master) + " gives " + dir + " to autofs, and " + *path +
                            ", the mount point of \"" + o.name +
                            "\", is inside it: autofs owns every path under " + dir +
                            ", so the broker cannot use it; move the mount point or drop that "
                            "line",
                        Status::problem, comment_out(master, edit)));
  }
  return out;
}

}  // namespace mb::ctl::doctor
