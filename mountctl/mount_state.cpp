#include "mountctl/mount_state.hpp"

namespace mb::ctl {

MountState mount_state(const proto::MountStatus& m) {
  namespace st = core::state;
  MountState s;
  s.phase = st::phase_from_string(m.state);
  s.desired = st::desired_from_string(m.desired);
  // An empty finding is none (a broker that sent no finding).
  s.finding = m.finding.empty() ? st::Finding::none : st::finding_from_string(m.finding);
  s.error_class = st::error_class_from_string(m.error_class).value_or(st::ErrorClass::unknown);
  return s;
}

}  // namespace mb::ctl
