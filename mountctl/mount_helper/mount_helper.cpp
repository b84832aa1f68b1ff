#include "mountctl/mount_helper/mount_helper.hpp"

#include <iostream>
#include <optional>

#include "mountctl/client.hpp"
#include "mountctl/mount_helper/helper_args.hpp"
#include "mountctl/mount_helper/placement.hpp"
#include "mountctl/mount_state.hpp"
#include "platform/bind_mount.hpp"
#include "platform/mount_table.hpp"

namespace mb::ctl::mount_helper {

namespace {

constexpr int kUsage = 1;
constexpr int kMountFailure = 32;
constexpr const char* kUsageText =
    "usage: mount.mount-broker NAME DIR [-sfnv] [-o OPTIONS]\n"
    "  (run by mount(8) for the type mount-broker; NAME is a [[mount]] of the broker's config)\n";

int failure(const HelperArgs& a, const std::string& what) {
  std::cerr << "mount.mount-broker: " << a.name << ": " << what << "\n";
  return kMountFailure;
}

// One request; the error text when the broker did not answer it with success.
std::optional<Reply> ask(const proto::RequestBody& body, std::chrono::seconds reply_timeout,
                         std::string& error) {
  ClientOptions o;
  o.socket = default_socket_path();
  o.reply_timeout = reply_timeout;
  auto result = call(o, proto::Request{1, body});
  if (auto* e = std::get_if<ClientError>(&result)) {
    error = e->message;
    return std::nullopt;
  }
  auto& reply = std::get<Reply>(result);
  if (auto* e = std::get_if<proto::ErrorBody>(&reply.response.body)) {
    error = std::string(proto::to_string(e->code)) + ": " + e->message;
    return std::nullopt;
  }
  return std::move(reply);
}

std::optional<proto::MountStatus> configured(const HelperArgs& a, std::string& error) {
  auto reply = ask(proto::StatusRequest{}, std::chrono::seconds(60), error);
  if (!reply) return std::nullopt;
  for (const auto& m : std::get<proto::StatusResponse>(reply->response.body).mounts)
    if (m.name == a.name) return m;
  error = "no mount of that name in the broker's config";
  return std::nullopt;
}

bool at_trap(const std::string& dir) {
  auto table = platform::make_system_mount_table()->read();
  return table && is_autofs_trap(*table, dir);
}

int mount_through_broker(const HelperArgs& a, const std::string& mountpoint) {
  if (a.verbose) std::cerr << "mount.mount-broker: asking the broker to mount " << a.name << "\n";
  std::string error;
  proto::MountRequest req;
  req.name = a.name;
  req.wait = true;
  auto reply = ask(req, std::chrono::seconds(300), error);
  if (!reply) return failure(a, error);
  const auto& m = std::get<proto::MountResponse>(reply->response.body).mount;
  if (!mount_state(m).mounted())
    return failure(
        a, "the broker reports it " + m.state + (m.last_error.empty() ? "" : ": " + m.last_error));
  if (m.mountpoint != mountpoint)
    return failure(a, "the broker mounted it at " + m.mountpoint + ", not " + mountpoint);
  return 0;
}

}  // namespace

int run(int argc, char** argv) {
  auto parsed = parse_helper_args(std::vector<std::string>(argv + 1, argv + argc));
  if (auto* e = std::get_if<std::string>(&parsed)) {
    std::cerr << "mount.mount-broker: " << *e << "\n" << kUsageText;
    return kUsage;
  }
  const auto& a = std::get<HelperArgs>(parsed);
  std::string error;
  auto m = configured(a, error);
  if (!m) return failure(a, error);
  auto where = place(m->mountpoint, a.dir, at_trap(a.dir));
  if (where == Placement::refuse_trap)
    return failure(a, a.dir +
                          " is both its mount point and an automount trap; the broker "
                          "is not in the automounter's process group and would wait on the "
                          "trap forever. Give it another mountpoint in the config (the "
                          "helper binds that onto " +
                          a.dir + ")");
  if (a.fake) {
    std::cout << "mount.mount-broker: would ask the broker to mount " << a.name << " at "
              << m->mountpoint
              << (where == Placement::bind_onto_dir ? " and bind it onto " + a.dir : "") << "\n";
    return 0;
  }
  if (int rc = mount_through_broker(a, m->mountpoint); rc != 0) return rc;
  if (where == Placement::at_mountpoint) return 0;
  if (a.verbose)
    std::cerr << "mount.mount-broker: binding " << m->mountpoint << " onto " << a.dir << "\n";
  auto bound = platform::bind_mount(m->mountpoint, a.dir);
  if (!bound) return failure(a, bound.error());
  return 0;
}

}  // namespace mb::ctl::mount_helper
