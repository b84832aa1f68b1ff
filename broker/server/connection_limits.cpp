#include "broker/server/connection_limits.hpp"

#include <algorithm>

namespace mb::broker::server {

struct ConnectionLimits::Counts {
  std::size_t total = 0;
  std::map<uid_t, std::size_t> per_uid;
};

Limits limits_for(rlim_t open_files) {
  const rlim_t spare = open_files > kReservedDescriptors ? open_files - kReservedDescriptors : 0;
  const std::size_t total = std::clamp<std::size_t>(spare / 2, 4, 256);
  return {total, std::clamp<std::size_t>(total / 4, 2, 16)};
}

ConnectionLimits::Slot::Slot(std::shared_ptr<Counts> counts, uid_t uid)
    : counts_(std::move(counts)), uid_(uid) {}

ConnectionLimits::Slot& ConnectionLimits::Slot::operator=(Slot&& other) noexcept {
  if (this != &other) {
    release();
    counts_ = std::move(other.counts_);
    uid_ = other.uid_;
  }
  return *this;
}

ConnectionLimits::Slot::~Slot() {
  release();
}

void ConnectionLimits::Slot::release() {
  if (!counts_) return;
  --counts_->total;
  auto it = counts_->per_uid.find(uid_);
  if (it != counts_->per_uid.end() && --it->second == 0) counts_->per_uid.erase(it);
  counts_.reset();
}

ConnectionLimits::ConnectionLimits(Limits limits)
    : limits_(limits), counts_(std::make_shared<Counts>()) {}

ConnectionLimits::Verdict ConnectionLimits::admit(uid_t uid, bool privileged, Slot& slot) {
  if (privileged) {
    slot = Slot();
    return Verdict::admitted;
  }
  if (count(uid) >= limits_.per_uid) return Verdict::over_per_uid;
  if (counts_->total >= limits_.total) return Verdict::over_total;
  ++counts_->total;
  ++counts_->per_uid[uid];
  slot = Slot(counts_, uid);
  return Verdict::admitted;
}

std::size_t ConnectionLimits::count(uid_t uid) const {
  auto it = counts_->per_uid.find(uid);
  return it == counts_->per_uid.end() ? 0 : it->second;
}

}  // namespace mb::broker::server
