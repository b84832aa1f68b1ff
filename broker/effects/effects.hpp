#pragma once
// The effects the supervisor asks for, each run in a child process with a deadline. Each
// reports back exactly once, as the supervisor event its result means.
#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <string>

#include "core/config/config.hpp"
#include "core/state/mount_record.hpp"
#include "core/supervisor/supervisor.hpp"
#include "platform/mount_table.hpp"
#include "process/child_runner.hpp"

namespace boost::asio {
class io_context;
}

namespace mb::broker::effects {

struct Context {
  boost::asio::io_context& io;
  process::ChildRunner& runner;
  platform::MountTable& table;
  std::string self_exe;        // for `mount-broker --internal ...` children
  std::string credential_dir;  // root-only password files, one per mount name
  // Records (pid, start time) of the mount helper now running for a mount, or (0, 0) once
  // none runs, in the state at once: a broker killed meanwhile leaves it for the next one.
  std::function<void(const std::string& name, pid_t pid, std::uint64_t start)> note_helper;
  // With note_helper: the state file the helper's gate (`--internal gate`) waits to see its
  // pid in before it execs the helper. Empty: helpers are started directly.
  std::string state_file;
  // Whether a path is the mount point of a configured mount: another mount of the same source
  // appearing there meanwhile is that mount's own (two mounts of one share), not a helper led
  // astray. Empty: no path is.
  std::function<bool(const std::string& path)> configured_mount_point;
  // The same for a mount's SSH tunnel (broker/effects/tunnel.hpp), with its loopback port;
  // (0, 0, 0) once it is ended.
  // Last, with a default: the broker's start-up lists the members before it.
  std::function<void(const std::string& name, pid_t pid, std::uint64_t start, int port)>
      note_tunnel = nullptr;
};

using Done = std::function<void(core::supervisor::Event)>;

// Refuses to mount onto an occupied path or a missing mount point; otherwise runs the
// backend's helper and confirms the result in the mount table.
void mount(Context& ctx, const core::config::MountConfig& m, const core::state::MountRecord& r,
           Done done);
void probe(Context& ctx, const core::config::MountConfig& m, const core::state::MountRecord& r,
           Done done);
void unmount(Context& ctx, const core::config::MountConfig& m, const core::state::MountRecord& r,
             Done done);
void force_unmount(Context& ctx, const core::config::MountConfig& m,
                   const core::state::MountRecord& r, Done done);

}  // namespace mb::broker::effects
