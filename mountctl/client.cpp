#include "mountctl/client.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <thread>

#include "util/build_config.hpp"
#include "util/cloexec_socket.hpp"
#include "util/unique_fd.hpp"

namespace mb::ctl {
namespace {

using Clock = std::chrono::steady_clock;

// Errors that mean "no broker is accepting right now, but one may be soon".
bool transient(int err) {
  return err == ECONNREFUSED || err == ECONNRESET || err == EAGAIN || err == EPIPE ||
         err == ECONNABORTED;
}

// No socket file at all: nothing will answer there, however long we wait. Whatever starts the
// broker (systemd, launchd, inetd, mount-broker --hold) keeps the file while it is running.
std::string missing_socket(const std::string& path) {
  return std::string(std::strerror(ENOENT)) +
         ": nothing listens there. Start the service (systemctl enable --now "
         "mount-broker.socket; on macOS the installed launchd job), or for development run "
         "`mount-broker --hold " +
         path + "`; or give the socket in use with --socket or MOUNT_BROKER_SOCKET";
}

struct Attempt {
  enum Outcome { done, retry, fail } outcome;
  Reply reply;
  ClientError error;
};

int connect_once(const std::string& path, int& err) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path.size() >= sizeof addr.sun_path) {
    err = ENAMETOOLONG;
    return -1;
  }
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  int fd = util::cloexec_socket(AF_UNIX, SOCK_STREAM).release();
  if (fd < 0) {
    err = errno;
    return -1;
  }
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    err = errno;
    close(fd);
    return -1;
  }
  return fd;
}

bool send_all(int fd, const std::string& data, int& err) {
  size_t off = 0;
  while (off < data.size()) {
    ssize_t n = send(fd, data.data() + off, data.size() - off, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      err = errno;
      return false;
    }
    off += static_cast<size_t>(n);
  }
  return true;
}

std::chrono::milliseconds since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
}

// How often a waiting client reports that it still waits.
constexpr std::chrono::milliseconds kTick{250};

Attempt attempt(const ClientOptions& o, const proto::Request& request, Clock::time_point start,
                Clock::time_point reply_by, const EventSink& on_event, bool& got_event) {
  int err = 0;
  util::UniqueFd fd(connect_once(o.socket, err));
  if (!fd.valid()) {
    if (err == ENOENT)
      return {Attempt::fail, {}, {ClientError::unreachable, missing_socket(o.socket)}};
    if (transient(err)) return {Attempt::retry, {}, {ClientError::unreachable, std::strerror(err)}};
    return {Attempt::fail, {}, {ClientError::unreachable, std::strerror(err)}};
  }
  if (!send_all(fd.get(), proto::encode(request), err))
    return {transient(err) ? Attempt::retry : Attempt::fail,
            {},
            {ClientError::unreachable, std::string("send: ") + std::strerror(err)}};
  std::string in;
  // Room for a status of a few thousand mounts from the start: growing the string as the
  // reply comes copied what it held at every step (untouched room costs no memory).
  in.reserve(std::size_t{1} << 19);
  std::size_t searched = 0;  // `in` before this holds no newline: a long reply is scanned once
  char buf[65536];
  for (;;) {
    auto pos = in.find('\n', searched);
    searched = in.size();
    if (pos != std::string::npos) {
      std::string line;
      if (pos + 1 == in.size()) {
        line.swap(in);  // the usual case, the whole reply in one line: no copy
      } else {
        line = in.substr(0, pos + 1);
        in.erase(0, pos + 1);
      }
      searched = 0;
      auto decoded = proto::decode_reply(line, proto::op_of(request.body));
      if (auto* e = std::get_if<proto::DecodeError>(&decoded))
        return {Attempt::fail, {}, {ClientError::protocol, "bad response: " + e->message}};
      if (auto* ev = std::get_if<proto::Event>(&decoded)) {
        got_event = true;
        if (on_event) on_event(*ev);
        continue;
      }
      line.pop_back();
      // Moved, not copied: a status of 1,000 mounts is a third of a megabyte, decoded.
      return {Attempt::done, {std::get<proto::Response>(std::move(decoded)), std::move(line)}, {}};
    }
    if (in.size() > proto::kMaxResponse)
      return {Attempt::fail, {}, {ClientError::protocol, "response exceeds the size limit"}};
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(reply_by - Clock::now());
    if (left.count() <= 0)
      return {Attempt::fail, {}, {ClientError::timeout, "no reply from the broker in time"}};
    pollfd p{fd.get(), POLLIN, 0};
    int r = poll(&p, 1, static_cast<int>(std::min(left, kTick).count()));
    if (r < 0 && errno == EINTR) continue;
    if (r == 0 && o.on_wait) o.on_wait(Waiting::reply, since(start));
    if (r <= 0) continue;
    ssize_t n = recv(fd.get(), buf, sizeof buf, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && transient(errno))
      return {Attempt::retry, {}, {ClientError::unreachable, std::strerror(errno)}};
    if (n <= 0) {
      // Closed before any reply: the instance was exiting. Every operation is safe to resend
      // (mount and unmount are idempotent) unless it had already started reporting progress.
      if (in.empty() && !got_event)
        return {Attempt::retry, {}, {ClientError::unreachable, "connection closed before a reply"}};
      return {Attempt::fail, {}, {ClientError::protocol, "connection closed mid-reply"}};
    }
    in.append(buf, static_cast<size_t>(n));
  }
}

}  // namespace

std::variant<Reply, ClientError> call(const ClientOptions& options, const proto::Request& request,
                                      const EventSink& on_event) {
  const auto start = Clock::now();
  const auto give_up = start + options.connect_timeout;
  auto pause = std::chrono::milliseconds(10);
  for (;;) {
    bool got_event = false;
    auto a =
        attempt(options, request, start, Clock::now() + options.reply_timeout, on_event, got_event);
    if (a.outcome == Attempt::done) return std::move(a.reply);
    if (a.outcome == Attempt::fail || Clock::now() + pause > give_up) {
      if (a.error.kind == ClientError::unreachable)
        a.error.message = "cannot reach the broker at " + options.socket + ": " + a.error.message;
      return a.error;
    }
    if (options.on_wait) options.on_wait(Waiting::connect, since(start));
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(200));
  }
}

std::string default_socket_path() {
  if (const char* env = std::getenv("MOUNT_BROKER_SOCKET"); env && *env) return env;
  return util::kDefaultSocket;
}

}  // namespace mb::ctl
