#pragma once
// Why a mount's record entered its current phase. The supervisor decides on some of them (an
// idle-unmounted share waits to be asked, a lost one is remounted, an unmount a person asked
// for is reported to them); the others tell a person reading `status` how the phase began.
#include <optional>
#include <string_view>

namespace mb::core::state {

enum class Reason {
  none,       // never entered a phase (a new record)
  user,       // a person asked (mountctl mount / unmount)
  idle,       // unmounted, or being unmounted, because nothing used it
  probe,      // a probe's result (degraded, recovering, healthy again)
  lost,       // it vanished from the mount table underneath the broker
  recovered,  // mounted again by a recovery
  error,      // a mount attempt failed
  sweep,      // mounted by a sweep because the config wants it (auto_mount)
  retry,      // a failed mount's retry came due
  reconcile,  // an operation interrupted by an exit, settled from the mount table
  adopted,    // found mounted with our source, taken over
  conflict,   // something else is mounted at its path
};

// The names state.json and the protocol carry; none is "".
const char* to_string(Reason r);
// Inverse of to_string. A name this version does not know (written by a newer one) is none:
// the reason only labels the phase, and is not worth refusing a state file for.
Reason reason_from_string(std::string_view s);

}  // namespace mb::core::state
