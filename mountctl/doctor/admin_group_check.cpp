#include "mountctl/doctor/admin_group_check.hpp"

namespace mb::ctl::doctor {

Finding check_admin_group(const std::string& group, const std::string& config_path,
                          const GroupExists& exists) {
  Finding f{"admin_group", group, Status::ok, "", ""};
  if (exists(group)) {
    f.message = "the group exists: its members (and root) may mount, unmount, sweep and reload";
    return f;
  }
  f.status = Status::warn;
  f.message = "the group \"" + group +
              "\" does not exist here: only root may mount, unmount, sweep and reload";
  for (const char* candidate : kAdminGroupCandidates) {
    if (candidate == group || !exists(candidate)) continue;
    f.fix = "set admin_group = \"" + std::string(candidate) + "\" under [broker] in " +
            config_path + ", then mountctl reload";
    return f;
  }
  f.fix = "sudo groupadd " + group + " (or name an existing group in admin_group in " +
          config_path + ")";
  return f;
}

}  // namespace mb::ctl::doctor
