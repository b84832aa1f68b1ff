#pragma once
// The command line mount(8) gives a mount helper (mount.TYPE SPEC DIR [-sfnv] [-o OPTIONS]
// [-N NS] [-t TYPE]); autofs and systemd's mount units both reach the helper through mount(8).
#include <string>
#include <variant>
#include <vector>

namespace mb::ctl::mount_helper {

struct HelperArgs {
  std::string name;      // the mount's name in the broker's config (SPEC, a leading ':' dropped)
  std::string dir;       // where the caller wants the share (the automounter's path)
  bool fake = false;     // -f: say what would be done, do nothing
  bool verbose = false;  // -v
  std::vector<std::string> options;  // -o, split at commas (informational: see parse)
};

// argv without the program name. An error is a message for the person reading stderr.
std::variant<HelperArgs, std::string> parse_helper_args(const std::vector<std::string>& args);

}  // namespace mb::ctl::mount_helper
