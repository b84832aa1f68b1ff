// The last look at a mount point before its helper runs, in a child
// (`mount-broker --internal prepare-mount-point`): the walk and the emptiness check touch the
// path's parents, and any of them may sit on a file system that stops answering.
#include "broker/internal/prepare_mount_point.hpp"

#include <spdlog/spdlog.h>

#include "broker/effects/helper_output.hpp"
#include "broker/effects/mount_steps.hpp"

namespace mb::broker::effects {
namespace {

using core::supervisor::ErrorClass;

ErrorClass class_of(const process::Outcome& o) {
  if (o.timed_out || o.ending == process::Ending::abandoned) return ErrorClass::timeout;
  if (o.ending != process::Ending::exited) return ErrorClass::unknown;
  switch (o.exit_code) {
    case internal::kPrepareUnsafe:
    case internal::kPrepareConfig:
    case internal::kPrepareMissing:
      return ErrorClass::config;
    case internal::kPrepareOccupied:
      return ErrorClass::busy;  // retried: the files may be moved away
    default:
      return ErrorClass::unknown;
  }
}

}  // namespace

void prepare_mount_point(Context& ctx, const core::config::MountConfig& m, const std::string& path,
                         Next next) {
  const std::string name = m.name;
  run_internal(
      ctx, {"prepare-mount-point", path}, m.settings.mount_timeout_sec,
      [name, path, next](process::Outcome o) {
        // What it changed (owner, mode) is worth a line in the log.
        std::string said = o.out;
        while (!said.empty() && said.back() == '\n') said.pop_back();
        if (!said.empty()) spdlog::info("{}: {}", name, said);
        if (o.succeeded()) return next(std::nullopt);
        ErrorClass cls = class_of(o);
        std::string text = cls == ErrorClass::timeout
                               ? "mount point " + path +
                                     ": looking at it timed out (a parent on a hung file system?)"
                               : helper_message(o);
        if (cls == ErrorClass::config && text.rfind("security:", 0) == 0)
          spdlog::error("{}: {}", name, text);
        core::supervisor::MountFinished f = failure(cls, text);
        f.fixable = o.ending == process::Ending::exited && o.exit_code == internal::kPrepareMissing;
        next(f);
      });
}

}  // namespace mb::broker::effects
