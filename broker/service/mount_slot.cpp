#include "broker/service/mount_slot.hpp"

#include <utility>

namespace mb::broker::service {

void MountSlot::start(Hold hold) {
  busy_ = true;
  running_ = std::move(hold);
}

void MountSlot::finish() {
  busy_ = false;
  running_ = Hold{};
}

std::optional<core::supervisor::Action> MountSlot::take_deferred() {
  if (busy_ || !deferred_) return std::nullopt;
  return std::exchange(deferred_, std::nullopt);
}

void MountSlot::arm_retry(std::unique_ptr<boost::asio::steady_timer> timer, Hold hold,
                          std::int64_t due) {
  retry_ = Retry{std::move(timer), std::move(hold), due};
}

}  // namespace mb::broker::service
