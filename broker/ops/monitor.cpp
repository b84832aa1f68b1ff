#include "broker/ops/monitor.hpp"

#include <unistd.h>

#include <ctime>

#include "broker/ops/monitor_event.hpp"
#include "broker/ops/ops.hpp"
#include "util/build_config.hpp"

namespace mb::broker::ops {

Monitors::Monitors(service::Instance& broker, service::SupervisorShell& supervision)
    : broker_(broker), supervision_(supervision) {}

Monitors::~Monitors() {
  if (watch_id_) supervision_.unwatch(watch_id_);
}

void Monitors::add(std::shared_ptr<server::Responder> out) {
  if (ended_) return out->finish({0, proto::MonitorResponse{ended_reason_}});
  if (clients_.empty()) {
    // Only while someone watches: the diffing costs a status per change.
    remember_all();
    watch_id_ = supervision_.watch([this](const core::state::MountRecord& r) { on_change(r); });
  }
  int id = next_id_++;
  clients_[id] = out;
  proto::Event hello;
  hello.kind = "hello";
  hello.time = std::time(nullptr);
  hello.pid = getpid();
  hello.version = util::kVersion;
  out->event(hello);
  out->follow([this, id] { remove(id); });
}

void Monitors::remember_all() {
  seen_.clear();
  for (const auto& r : broker_.state().mounts)
    seen_[r.name] = to_status(r, broker_.mount_config(r.name));
}

void Monitors::on_change(const core::state::MountRecord& r) {
  proto::MountStatus now = to_status(r, broker_.mount_config(r.name));
  auto it = seen_.find(r.name);
  auto event = state_change(it == seen_.end() ? nullptr : &it->second, now, std::time(nullptr));
  seen_[r.name] = std::move(now);
  if (event) publish(*event);
}

void Monitors::sweep_started() {
  proto::Event e;
  e.kind = "sweep-start";
  e.time = std::time(nullptr);
  publish(e);
}

void Monitors::sweep_ended(std::int64_t duration_ms, bool healthy) {
  proto::Event e;
  e.kind = "sweep-end";
  e.time = std::time(nullptr);
  e.duration_ms = duration_ms;
  e.healthy = healthy;
  publish(e);
}

void Monitors::publish(const proto::Event& e) {
  for (auto& [id, out] : clients_) out->event(e);
}

void Monitors::remove(int id) {
  clients_.erase(id);
  if (clients_.empty() && watch_id_) {
    supervision_.unwatch(watch_id_);
    watch_id_ = 0;
  }
}

void Monitors::end_all(const std::string& reason) {
  ended_ = true;
  ended_reason_ = reason;
  auto ending = std::move(clients_);
  clients_.clear();
  if (watch_id_) supervision_.unwatch(watch_id_);
  watch_id_ = 0;
  for (auto& [id, out] : ending) out->finish({0, proto::MonitorResponse{reason}});
}

}  // namespace mb::broker::ops
