#pragma once
// A mount's status as mountctl reasons about it: the wire's names (proto::MountStatus) read
// once into the record's enums, so no decision compares strings. The strings stay for what is
// printed.
#include <optional>

#include "core/state/error_class.hpp"
#include "core/state/mount_record.hpp"
#include "proto/messages.hpp"

namespace mb::ctl {

struct MountState {
  // nullopt: a name this mountctl does not know (a newer broker); never taken for a good one.
  std::optional<core::state::Phase> phase;
  std::optional<core::state::Desired> desired;
  std::optional<core::state::Finding> finding;
  // A class this mountctl does not know is unknown: the broker could not be more precise.
  core::state::ErrorClass error_class = core::state::ErrorClass::none;

  bool wanted() const { return desired == core::state::Desired::mounted; }
  bool phase_is(core::state::Phase p) const { return phase == p; }
  // Mounted, healthy or not: the share is there to use.
  bool mounted() const {
    return phase_is(core::state::Phase::mounted) || phase_is(core::state::Phase::degraded);
  }
};

MountState mount_state(const proto::MountStatus& m);

}  // namespace mb::ctl
