#include "mountctl/progress.hpp"

#include <cstdio>
#include <iostream>

namespace mb::ctl {
namespace {

// A wait shorter than this is not worth a line: most commands are answered at once.
constexpr std::chrono::milliseconds kQuietFor{1000};

}  // namespace

std::string elapsed_text(std::chrono::milliseconds elapsed) {
  const long long ms = elapsed.count() < 0 ? 0 : elapsed.count();
  if (ms >= 10000) return std::to_string(ms / 1000) + " s";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld.%lld s", ms / 1000, (ms % 1000) / 100);
  return buf;
}

std::string waiting_text(Waiting w, const std::string& socket, const std::string& doing,
                         std::chrono::milliseconds elapsed) {
  if (w == Waiting::connect)
    return "waiting for the broker at " + socket + ": " + elapsed_text(elapsed);
  return doing + ": " + elapsed_text(elapsed);
}

Progress::Progress(bool enabled, bool events, std::string socket, std::string doing)
    : enabled_(enabled), events_(events), socket_(std::move(socket)), doing_(std::move(doing)) {}

Progress::~Progress() {
  done();
}

void Progress::done() {
  if (!drawn_) return;
  std::cerr << "\r\033[K" << std::flush;
  drawn_ = false;
}

void Progress::event(const proto::Event& e) {
  if (!enabled_ || !events_) return;
  done();
  auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start_);
  doing_ = e.mount.name + ": " + e.mount.state;
  std::cerr << doing_;
  if (!e.mount.last_error.empty()) std::cerr << " (" << e.mount.last_error << ")";
  std::cerr << " [" << elapsed_text(elapsed) << "]\n";
}

void Progress::tick(Waiting w, std::chrono::milliseconds elapsed) {
  if (!enabled_ || elapsed < kQuietFor || (w == Waiting::reply && !events_)) return;
  std::cerr << "\r\033[K" << waiting_text(w, socket_, doing_, elapsed) << std::flush;
  drawn_ = true;
}

}  // namespace mb::ctl
