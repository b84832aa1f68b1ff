#include "core/metrics/failure_count.hpp"

namespace mb::core::metrics {

bool is_failure(const supervisor::Event& e) {
  if (const auto* m = std::get_if<supervisor::MountFinished>(&e)) return !m->ok;
  if (const auto* u = std::get_if<supervisor::UnmountFinished>(&e)) return !u->ok;
  if (const auto* p = std::get_if<supervisor::ProbeFinished>(&e))
    return p->outcome != supervisor::ProbeOutcome::healthy;
  return false;
}

void count_failure(const supervisor::Event& e, state::MountRecord& next) {
  if (!is_failure(e)) return;
  const state::ErrorClass cls =
      next.error_class == state::ErrorClass::none ? state::ErrorClass::unknown : next.error_class;
  for (auto& f : next.failures)
    if (f.error_class == cls) {
      ++f.count;
      return;
    }
  next.failures.push_back({cls, 1});
}

}  // namespace mb::core::metrics
