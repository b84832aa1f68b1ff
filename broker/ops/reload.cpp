// reload: apply a new config without disturbing healthy mounts. Mounts that are removed, or
// changed in a way that needs a new mount (server, options, mount point, ...), are unmounted
// first with their old settings; then the new config takes over; changed ones are mounted
// again and added ones mounted if auto_mount. Probe settings and the like apply in place.
#include <spdlog/spdlog.h>

#include <boost/asio/steady_timer.hpp>

#include "broker/ops/ops.hpp"

namespace mb::broker::ops {
namespace {

struct ReloadRun {
  core::config::Config next;
  service::ConfigDiff diff;
  std::vector<std::string> unmounting;  // removed or changed, mounted: unmounted first
  std::vector<std::string> remount;     // changed and mounted: mounted again afterwards
  std::unique_ptr<boost::asio::steady_timer> poll;
  std::chrono::steady_clock::time_point give_up;
};

bool is_mounted(const core::state::MountRecord* r) {
  return r && (r->phase == core::state::Phase::mounted || r->phase == core::state::Phase::degraded);
}

void finish(Context& c, std::shared_ptr<ReloadRun> run, Out out) {
  // What could not be unmounted (busy) keeps its old mount; say so.
  std::vector<std::string> kept;
  for (const auto& name : run->unmounting)
    if (is_mounted(c.broker.record(name))) kept.push_back(name);
  c.broker.apply_config(std::move(run->next));
  c.broker.reconcile(c.supervision.settling_mounts());
  for (const auto& name : run->remount)
    if (std::find(kept.begin(), kept.end(), name) == kept.end())
      c.supervision.apply(name, core::supervisor::MountRequested{});
  for (const auto& name : run->diff.added) c.supervision.apply(name, core::supervisor::Tick{});
  proto::ReloadResponse resp{run->diff.added, run->diff.removed, run->diff.changed};
  for (const auto& name : kept)
    spdlog::warn("{}: still mounted with its old settings: the unmount was refused", name);
  finish_durable(c, out, resp);
}

void wait_unmounted(Context& c, std::shared_ptr<ReloadRun> run, Out out) {
  bool settled = true;
  for (const auto& name : run->unmounting)
    if (c.supervision.settling(name)) settled = false;
  if (settled || std::chrono::steady_clock::now() >= run->give_up) return finish(c, run, out);
  run->poll->expires_after(std::chrono::milliseconds(50));
  run->poll->async_wait([&c, run, out](const boost::system::error_code& ec) {
    if (!ec) wait_unmounted(c, run, out);
  });
}

}  // namespace

void reload(Context& c, Out out) {
  auto loaded = c.broker.read_config_file();
  if (!loaded)
    return out->finish(
        {0, proto::ErrorBody{proto::ErrorCode::config_invalid,
                             loaded.error() + "\nthe config in force is unchanged"}});
  auto run = std::make_shared<ReloadRun>();
  run->diff = c.broker.diff(*loaded);
  const core::config::Config* old = c.broker.config();
  int longest = 0;
  auto take_down = [&](const std::string& name) {
    if (!is_mounted(c.broker.record(name)) || c.broker.read_only()) return false;
    run->unmounting.push_back(name);
    longest = std::max(longest, c.broker.mount_config(name)->settings.mount_timeout_sec);
    // Through the supervisor, with the old settings: one child per mount, state saved.
    c.supervision.apply(name, core::supervisor::UnmountRequested{false});
    return true;
  };
  for (const auto& name : run->diff.removed) take_down(name);
  for (const auto& name : run->diff.changed)
    if (old && service::Instance::needs_remount(*old->find(name), *loaded->find(name)) &&
        take_down(name))
      run->remount.push_back(name);
  run->next = std::move(*loaded);
  run->poll = std::make_unique<boost::asio::steady_timer>(c.io);
  run->give_up = std::chrono::steady_clock::now() + std::chrono::seconds(longest + 5);
  wait_unmounted(c, run, out);
}

}  // namespace mb::broker::ops
