#pragma once
// Which probes run, and who hears their results. Every local user may ask for a probe through
// the 0666 socket, and each probe is a root child that may hang for probe_timeout_sec, so all
// probes (sweeps', root's and unprivileged users') share one queue and one limit
// (max_parallel_probes), at most one probe per mount runs or waits, a request for a mount
// whose probe is already queued or running waits for that probe's result, an unprivileged
// request may be answered from a result younger than `reuse`, and one unprivileged uid may
// have at most `per_uid` probes queued or running that it started. Pure: no clock, no process;
// the shell (SupervisorShell) starts the children and passes the time in.
#include <sys/types.h>

#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/supervisor/supervisor.hpp"
#include "util/result.hpp"

namespace mb::broker::service {

class ProbeScheduler {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;
  // Gets the probe's result, or why no probe ran (another operation took the mount first).
  using Waiter = std::function<void(const util::Result<core::supervisor::ProbeFinished>&)>;

  struct Client {
    uid_t uid = 0;
    bool privileged = false;  // root or admin_group: the result goes to the supervisor
  };
  enum class Ask {
    reused,   // answered at once from a recent result (the waiter was called)
    joined,   // waits for the probe already queued or running for the mount
    queued,   // a new probe was queued; start what next() returns
    refused,  // this uid already has per_uid probes of its own waiting (nothing kept)
  };

  ProbeScheduler(std::chrono::milliseconds reuse, int per_uid) : reuse_(reuse), per_uid_(per_uid) {}

  // A client's request.
  Ask ask(const std::string& name, Client client, Waiter w, TimePoint now);
  // The supervisor asked for a probe (a sweep): joins one queued or running (whose result now
  // goes to the supervisor too) or queues one. True if it queued one.
  bool want(const std::string& name);

  // True while a probe of the mount is queued or running.
  bool pending(const std::string& name) const { return probes_.count(name) > 0; }
  bool queued(const std::string& name) const;
  int running() const { return running_; }

  // The next queued mount to start while fewer than `limit` run; it counts as running.
  std::optional<std::string> next(int limit);
  struct Done {
    bool to_supervisor = false;  // a sweep or a privileged client asked for it
    std::vector<Waiter> waiters;
  };
  // The probe of `name` ended with `result`: remembered for reuse; returns who gets it.
  Done finish(const std::string& name, const core::supervisor::ProbeFinished& result,
              TimePoint now);
  // The probe of `name` will not run or report (another child took the mount first, or a
  // reload removed it): returns who waited for it, to be told why.
  Done cancel(const std::string& name);

  int started_by(uid_t uid) const;

 private:
  struct Probe {
    bool to_supervisor = false;
    bool running = false;
    std::optional<uid_t> starter;  // the unprivileged uid whose request queued it
    std::vector<Waiter> waiters;
  };
  struct Recent {
    TimePoint at;
    core::supervisor::ProbeFinished result;
  };
  std::chrono::milliseconds reuse_;
  int per_uid_;
  std::deque<std::string> queue_;
  std::map<std::string, Probe> probes_;
  std::map<std::string, Recent> recent_;
  std::map<uid_t, int> started_;
  int running_ = 0;
};

}  // namespace mb::broker::service
