#pragma once
// Whether anyone but root can change a file the broker trusts (the config, the state): the
// file itself and every directory above it up to "/" must be root's and writable by root only,
// since whoever can write a directory can replace what is in it.
#include <sys/types.h>

#include <string>
#include <vector>

#include "mountctl/doctor/finding.hpp"
#include "util/result.hpp"

namespace mb::ctl::doctor {

struct PathInfo {
  std::string path;
  uid_t uid = 0;
  gid_t gid = 0;
  mode_t mode = 0;  // st_mode: type and permission bits
};

// Pure. `chain` is the file (or directory) first, then each parent up to "/". Returns one
// finding per unsafe entry, about `subject` (the file that is at risk); none when all are safe.
// Writable by a group other than root is a problem (the broker refuses such a config); by
// group root, a warning. A sticky directory (/tmp) is safe for a root-owned entry:
// only the entry's owner may rename or remove it there.
Findings unsafe_owners(const std::vector<PathInfo>& chain, const std::string& check,
                       const std::string& subject);

// lstat of `path`'s real path and of each directory above it, up to "/".
util::Result<std::vector<PathInfo>> ownership_chain(const std::string& path);

// "0644".
std::string octal_mode(mode_t mode);

}  // namespace mb::ctl::doctor
