#include "mountctl/doctor/automounter_check.hpp"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <set>

#include "mountctl/doctor/auto_master.hpp"
#include "mountctl/doctor/automount_map.hpp"
#include "mountctl/doctor/fstab.hpp"
#include "platform/resolve_mountpoint.hpp"
#include "util/durable_file.hpp"

namespace mb::ctl::doctor {
namespace {

constexpr const char* kAutomounterCheck = "automounter";

// Reads the automounter files and collects what they claim; notes what it could not read.
class Scan {
 public:
  Scan(const std::vector<OurPath>& ours, const platform::AutomounterFiles& files,
       const std::string& sudo_doctor)
      : ours_(ours), files_(files), sudo_doctor_(sudo_doctor) {}

  Findings run() {
    scan_fstab();
    std::vector<std::string> masters{files_.master};
    for (const std::string& f : autofs_files(files_.master_dir)) masters.push_back(f);
    // A copy: scan_master appends to `masters`, which may move its strings.
    for (std::size_t i = 0; i < masters.size(); ++i) scan_master(std::string(masters[i]), masters);
    // The all-clear only when every table was read: a skipped file or an unlisted map is
    // already said above, and may hold the very entry this check looks for.
    if (out_.empty()) {
      out_.push_back({kAutomounterCheck, "", Status::ok,
                      "no entry in " + join(read_) + " claims a mount point of ours", ""});
    }
    return std::move(out_);
  }

 private:
  // The file's text; nullopt when it does not exist or cannot be read (then noted).
  std::optional<std::string> read(const std::string& path) {
    auto text = util::read_file_if_exists(path);
    if (!text) {
      const bool denied = ::geteuid() != 0;
      out_.push_back({kAutomounterCheck, path, Status::skipped,
                      "not checked: " + text.error() + (denied ? " (doctor is not root)" : ""),
                      denied ? sudo_doctor_ : ""});
      return std::nullopt;
    }
    if (!*text) return std::nullopt;
    read_.push_back(path);
    return std::move(**text);
  }

  static std::string join(const std::vector<std::string>& files) {
    if (files.empty()) return "the automounter files (none exist)";
    std::string out;
    for (const auto& f : files) out += (out.empty() ? "" : ", ") + f;
    return out;
  }

  // Sorted *.autofs files of `dir`; none when it does not exist.
  static std::vector<std::string> autofs_files(const std::string& dir) {
    std::vector<std::string> out;
    if (dir.empty()) return out;
    std::unique_ptr<DIR, int (*)(DIR*)> d(::opendir(dir.c_str()), &::closedir);
    if (!d) return out;
    while (const dirent* e = ::readdir(d.get())) {
      std::string name = e->d_name;
      if (name.size() > 7 && name.ends_with(".autofs")) out.push_back(dir + "/" + name);
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  void scan_fstab() {
    auto text = read(files_.fstab);
    if (!text) return;
    add(fstab_claims(ours_, parse_fstab(*text), files_.fstab,
                     {files_.sed_in_place, files_.fstab_apply}));
  }

  void scan_master(const std::string& path, std::vector<std::string>& masters) {
    auto text = read(path);
    if (!text) return;
    MasterMap master = parse_auto_master(*text);
    for (const MasterInclude& inc : master.includes) {
      if (!inc.directory) {
        name_service_include(path, inc.line, inc.name);
        continue;
      }
      for (const std::string& f : autofs_files(inc.name))
        if (std::find(masters.begin(), masters.end(), f) == masters.end()) masters.push_back(f);
    }
    for (const MasterEntry& e : master.entries) scan_entry(e, Place{path, e.line, e.last_line});
  }

  // "+name": the entries come from the name service (files, NIS, LDAP, per nsswitch.conf).
  void name_service_include(const std::string& file, int line, const std::string& name) {
    out_.push_back({kAutomounterCheck, file, Status::note,
                    "line " + std::to_string(line) + " includes the name service's map " + name +
                        ", which doctor cannot list; check with `automount -m`",
                    ""});
  }

  std::string map_path(const std::string& map) const {
    return map.front() == '/' ? map : files_.map_dir + "/" + map;
  }

  static bool executable_file(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0111);
  }

  void scan_entry(const MasterEntry& e, const Place& master) {
    const EditCommands edit{files_.sed_in_place, files_.reload};
    if (e.map.empty()) return;
    // -null cancels a mount point; -static and -fstab (macOS) mount fstab entries, checked
    // above. -hosts mounts every server under the directory: its keys are not known.
    if (e.map.front() == '-') {
      if (e.map == "-hosts" && !e.direct())
        add(indirect_map_claims(ours_, e.mount_point, nullptr, e.map, master, edit));
      return;
    }
    std::optional<AutomountMap> map;
    std::string file = e.map;
    const bool on_disk = e.map_type.empty() || e.map_type == "file";
    if (on_disk) {
      file = map_path(e.map);
      // autofs runs an executable map file as a program: its keys cannot be listed.
      if (!executable_file(file) || e.map_type == "file") {
        // A missing or unreadable indirect map still gives its directory to autofs (and
        // read() notes an unreadable one); a direct map without keys claims nothing.
        if (auto text = read(file)) {
          map = parse_automount_map(*text);
        } else if (e.direct()) {
          return;
        }
      }
    }
    if (!e.direct()) {
      // Keys an included map adds cannot change the verdict: autofs owns the whole directory.
      add(indirect_map_claims(ours_, e.mount_point, map ? &*map : nullptr, file, master, edit));
      return;
    }
    if (map) {
      add(direct_map_claims(ours_, *map, file, master, edit));
      for (const MapEntry& inc : map->includes) name_service_include(file, inc.line, inc.key);
      return;
    }
    out_.push_back({kAutomounterCheck, file, Status::note,
                    "the direct map " + file + " (" + master.file + ":" +
                        std::to_string(master.line) +
                        ") is a program or network map; doctor cannot list its keys",
                    ""});
  }

  void add(Findings more) {
    for (auto& f : more) out_.push_back(std::move(f));
  }

  const std::vector<OurPath>& ours_;
  const platform::AutomounterFiles& files_;
  const std::string& sudo_doctor_;
  std::vector<std::string> read_;
  Findings out_;
};

}  // namespace

std::vector<OurPath> our_paths(const core::config::Config& config) {
  std::vector<OurPath> out;
  for (const auto& m : config.mounts) {
    OurPath o{m.name, {m.mountpoint}};
    std::string resolved = platform::resolve_mountpoint(m.mountpoint);
    if (resolved != m.mountpoint) o.paths.push_back(std::move(resolved));
    out.push_back(std::move(o));
  }
  return out;
}

Findings check_automounters(const std::vector<OurPath>& ours,
                            const platform::AutomounterFiles& files,
                            const std::string& sudo_doctor) {
  return Scan(ours, files, sudo_doctor).run();
}

}  // namespace mb::ctl::doctor
