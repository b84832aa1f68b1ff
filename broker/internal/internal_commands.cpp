#include "broker/internal/internal_commands.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iostream>

#include "broker/internal/helper_gate.hpp"
#include "broker/internal/prepare_mount_point.hpp"
#include "platform/unmount.hpp"

namespace mb::broker::internal {

int unmount(const std::string& path) {
  int err = platform::clean_unmount(path);
  if (err == 0) return 0;
  std::cerr << "umount " << path << ": " << std::strerror(err) << "\n";
  return err == EBUSY ? 16 : 1;
}

int force_unmount(const std::string& path, const std::string& fstype, unsigned long long device) {
  auto r = platform::force_unmount(path, fstype, device);
  if (!r) {
    std::cerr << r.error() << "\n";
    return 1;
  }
  std::cout << *r << "\n";
  return 0;
}

int run(const std::vector<std::string>& a) {
  if (!a.empty() && a[0] == "netfs-mount") return netfs_mount(a);
  if ((a.size() == 2 || a.size() == 3) && a[0] == "probe")
    return probe(a[1], a.size() == 3 ? a[2] : std::string());
  if (a.size() == 2 && a[0] == "unmount") return unmount(a[1]);
  if (a.size() == 2 && a[0] == "prepare-mount-point") return prepare_mount_point(a[1]);
  if (a.size() == 2 && a[0] == "secure-mount-point") return secure_mount_point(a[1]);
  if (a.size() >= 5 && a[0] == "gate" && a[3] == "--")
    return helper_gate(a[1], a[2], std::vector<std::string>(a.begin() + 4, a.end()));
  if (a.size() == 4 && a[0] == "force-unmount")
    return force_unmount(a[1], a[2], std::strtoull(a[3].c_str(), nullptr, 10));
  std::cerr << "mount-broker --internal: unknown command\n";
  return 2;
}

}  // namespace mb::broker::internal
