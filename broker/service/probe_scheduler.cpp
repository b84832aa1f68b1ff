#include "broker/service/probe_scheduler.hpp"

#include <algorithm>
#include <utility>

namespace mb::broker::service {

ProbeScheduler::Ask ProbeScheduler::ask(const std::string& name, Client client, Waiter w,
                                        TimePoint now) {
  if (auto it = probes_.find(name); it != probes_.end()) {
    if (client.privileged) it->second.to_supervisor = true;
    it->second.waiters.push_back(std::move(w));
    return Ask::joined;
  }
  // Only a result nobody acts on may be reused: a privileged probe is fed to the supervisor,
  // which must see a fresh one.
  if (!client.privileged)
    if (auto it = recent_.find(name); it != recent_.end() && now - it->second.at < reuse_) {
      w(it->second.result);
      return Ask::reused;
    }
  std::optional<uid_t> starter;
  if (!client.privileged) {
    if (started_by(client.uid) >= per_uid_) return Ask::refused;
    ++started_[client.uid];
    starter = client.uid;
  }
  Probe p;
  p.to_supervisor = client.privileged;
  p.starter = starter;
  p.waiters.push_back(std::move(w));
  probes_.emplace(name, std::move(p));
  queue_.push_back(name);
  return Ask::queued;
}

bool ProbeScheduler::want(const std::string& name) {
  if (auto it = probes_.find(name); it != probes_.end()) {
    it->second.to_supervisor = true;
    return false;
  }
  Probe p;
  p.to_supervisor = true;
  probes_.emplace(name, std::move(p));
  queue_.push_back(name);
  return true;
}

bool ProbeScheduler::queued(const std::string& name) const {
  return std::find(queue_.begin(), queue_.end(), name) != queue_.end();
}

std::optional<std::string> ProbeScheduler::next(int limit) {
  if (running_ >= limit || queue_.empty()) return std::nullopt;
  std::string name = queue_.front();
  queue_.pop_front();
  probes_[name].running = true;
  ++running_;
  return name;
}

ProbeScheduler::Done ProbeScheduler::finish(const std::string& name,
                                            const core::supervisor::ProbeFinished& result,
                                            TimePoint now) {
  recent_[name] = Recent{now, result};
  return cancel(name);
}

ProbeScheduler::Done ProbeScheduler::cancel(const std::string& name) {
  Done d;
  auto it = probes_.find(name);
  if (it == probes_.end()) return d;
  // A running probe left the queue when it started: only a queued one is searched for (a
  // sweep's results would otherwise cost a pass over the queue each).
  if (it->second.running)
    --running_;
  else if (auto q = std::find(queue_.begin(), queue_.end(), name); q != queue_.end())
    queue_.erase(q);
  d.to_supervisor = it->second.to_supervisor;
  d.waiters = std::move(it->second.waiters);
  if (it->second.starter)
    if (auto s = started_.find(*it->second.starter); s != started_.end() && --s->second <= 0)
      started_.erase(s);
  probes_.erase(it);
  return d;
}

int ProbeScheduler::started_by(uid_t uid) const {
  auto it = started_.find(uid);
  return it == started_.end() ? 0 : it->second;
}

}  // namespace mb::broker::service
