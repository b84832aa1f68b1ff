#pragma once
// The `monitor` operation: clients that watch every state change and every sweep. Each
// monitor is a connection that stays open (and so keeps the broker from its idle exit) until
// the client closes it or the broker ends it on its way out.
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "broker/server/handler.hpp"
#include "broker/service/instance.hpp"
#include "broker/service/supervisor_shell.hpp"

namespace mb::broker::ops {

class Monitors {
 public:
  Monitors(service::Instance& broker, service::SupervisorShell& supervision);
  ~Monitors();
  Monitors(const Monitors&) = delete;
  Monitors& operator=(const Monitors&) = delete;

  // A new monitor: greeted with the broker's pid, then sent every change.
  void add(std::shared_ptr<server::Responder> out);
  void sweep_started();
  void sweep_ended(std::int64_t duration_ms, bool healthy);
  // The broker is exiting: every monitor gets its final response with `reason`.
  void end_all(const std::string& reason);

 private:
  void on_change(const core::state::MountRecord& r);
  void publish(const proto::Event& e);
  void remove(int id);
  // The records as monitors last saw them, so that an event says what changed.
  void remember_all();

  service::Instance& broker_;
  service::SupervisorShell& supervision_;
  std::map<int, std::shared_ptr<server::Responder>> clients_;
  int next_id_ = 1;
  int watch_id_ = 0;  // 0 while nobody watches
  std::map<std::string, proto::MountStatus> seen_;
  bool ended_ = false;  // a monitor that arrives after end_all() is ended at once
  std::string ended_reason_;
};

}  // namespace mb::broker::ops
