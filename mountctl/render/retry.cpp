#include "mountctl/render/retry.hpp"

#include "mountctl/mount_state.hpp"

namespace mb::ctl::render {
namespace {

enum class Plan { none, at, now, each_sweep, never };

// The phases in which the broker itself tries again: a failed mount on its slow schedule and a
// recovery waiting for its backoff slot (next_attempt_at), or remounting right now.
// (The protocol shows the broker's `backoff` as recovering with a next_attempt_at.)
Plan plan_of(const proto::MountStatus& m, const MountState& s) {
  using core::state::Phase;
  if (!s.wanted()) return Plan::none;
  if (s.phase_is(Phase::recovering)) return m.next_attempt_at > 0 ? Plan::at : Plan::now;
  if (!s.phase_is(Phase::failed)) return Plan::none;
  if (m.next_attempt_at > 0) return Plan::at;
  return m.retry_each_sweep ? Plan::each_sweep : Plan::never;
}

std::string seconds_until(std::int64_t at, std::int64_t now) {
  return std::to_string(at > now ? at - now : 0) + " s";
}

// What a person runs when the broker will not try again by itself.
std::string remedy(const proto::MountStatus& m) {
  const std::string mount = "mountctl mount " + m.name;
  using core::state::ErrorClass;
  const ErrorClass c = mount_state(m).error_class;
  if (c == ErrorClass::auth)
    return "run sudo mountctl setup " + m.name + " (if the password changed), then " + mount;
  if (c == ErrorClass::config) return "fix the config, run mountctl reload, then " + mount;
  return "run " + mount;
}

std::string class_note(const proto::MountStatus& m) {
  return m.error_class.empty() ? "" : " (" + m.error_class + ")";
}

}  // namespace

std::string retry_cell(const proto::MountStatus& m, std::int64_t now) {
  return retry_cell(m, mount_state(m), now);
}

std::string retry_cell(const proto::MountStatus& m, const MountState& s, std::int64_t now) {
  switch (plan_of(m, s)) {
    case Plan::none:
      return "";
    case Plan::at:
      return "in " + seconds_until(m.next_attempt_at, now);
    case Plan::now:
      return "now";
    case Plan::each_sweep:
      return "next sweep";
    case Plan::never:
      return "no" + class_note(m);
  }
  return "";
}

std::string retry_sentence(const proto::MountStatus& m, std::int64_t now) {
  switch (plan_of(m, mount_state(m))) {
    case Plan::none:
      return "";
    case Plan::at:
      return "retrying in " + seconds_until(m.next_attempt_at, now);
    case Plan::now:
      return "remounting now";
    case Plan::each_sweep:
      return "retrying at each sweep until the config is fixed (or run mountctl mount " + m.name +
             ")";
    case Plan::never:
      return "will not retry" + class_note(m) + ": " + remedy(m);
  }
  return "";
}

}  // namespace mb::ctl::render
