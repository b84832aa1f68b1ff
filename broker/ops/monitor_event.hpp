#pragma once
// What a monitor reports when a mount's record changed: pure, so the rules (which fields
// count as a change, how the event reads) are tested as a table.
#include <cstdint>
#include <optional>

#include "proto/messages.hpp"

namespace mb::broker::ops {

// The `state` event from `before` (nullptr: not seen yet) to `after`, or nullopt when nothing
// a person watches changed (phase, desired, error or its class, recoveries). Probes that
// only move last_probe_at are not news.
std::optional<proto::Event> state_change(const proto::MountStatus* before,
                                         const proto::MountStatus& after, std::int64_t now);

}  // namespace mb::broker::ops
