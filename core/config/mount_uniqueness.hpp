#pragma once
// The rules of [[mount]] that span mounts: names and mountpoints must be unique, and no mount
// point may lie inside another. Fed one mount at a time in file order; the second occurrence
// is the one reported, naming the first.
#include <map>
#include <string>

#include "core/config/config.hpp"
#include "core/config/table_reader.hpp"

namespace mb::core::config {

class UniquenessCheck {
 public:
  // Reports on `r` (the mount's own table) what clashes with a mount checked before.
  void check(TableReader& r, const MountConfig& m);

 private:
  struct Owner {
    std::string name;
    int line;
    std::string text() const;
  };
  void check_nesting(TableReader& r, const MountConfig& m);
  const std::string* nearest_nesting(const std::string& mountpoint, const Owner*& owner) const;

  std::map<std::string, int> names_;
  std::map<std::string, Owner> mountpoints_;
};

}  // namespace mb::core::config
