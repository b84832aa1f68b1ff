#pragma once
// How many clients the broker serves at once. The socket is open to every local user, and each
// connection costs a descriptor: without a bound, one user's idle connections would use up
// RLIMIT_NOFILE and lock everyone out (the broker could no longer accept, nor start a helper).
// Root and admin_group members are never refused here: they use the descriptors held back.
#include <sys/resource.h>
#include <sys/types.h>

#include <cstddef>
#include <map>
#include <memory>

namespace mb::broker::server {

struct Limits {
  std::size_t total = 0;    // connections of unprivileged users, all together
  std::size_t per_uid = 0;  // connections of one unprivileged user
};

// Descriptors held back for the broker itself (state, log, lock, listening socket, Asio) and
// for its children's pipes and privileged clients.
inline constexpr rlim_t kReservedDescriptors = 32;

// From the soft RLIMIT_NOFILE: half of what is left after the reserve (4 to 256), a quarter of
// that for one user (2 to 16). At the usual 1024: 256 and 16; at 64: 16 and 4.
Limits limits_for(rlim_t open_files);

class ConnectionLimits {
  struct Counts;

 public:
  enum class Verdict { admitted, over_per_uid, over_total };

  // Releases its connection's place when destroyed. Move-only; safe to outlive the limits.
  class Slot {
   public:
    Slot() = default;
    Slot(std::shared_ptr<Counts> counts, uid_t uid);
    Slot(Slot&&) noexcept = default;
    Slot& operator=(Slot&&) noexcept;
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    ~Slot();

   private:
    void release();
    std::shared_ptr<Counts> counts_;  // null for privileged peers: they are not counted
    uid_t uid_ = 0;
  };

  explicit ConnectionLimits(Limits limits);

  // A place for a new connection of `uid`, or why there is none. A privileged peer always
  // gets one (an empty Slot).
  Verdict admit(uid_t uid, bool privileged, Slot& slot);
  const Limits& limits() const { return limits_; }
  std::size_t count(uid_t uid) const;

 private:
  Limits limits_;
  std::shared_ptr<Counts> counts_;
};

}  // namespace mb::broker::server
