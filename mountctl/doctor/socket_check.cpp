#include "mountctl/doctor/socket_check.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "mountctl/client.hpp"
#include "mountctl/doctor/shell_quote.hpp"

namespace mb::ctl::doctor {
namespace {

constexpr const char* kSocketCheck = "socket";
// A broker that the service manager has just started answers well within this.
constexpr std::chrono::seconds kReplyTimeout{10};

std::variant<Reply, ClientError> ask(const std::string& path, proto::RequestBody body,
                                     std::chrono::milliseconds connect_timeout) {
  ClientOptions o;
  o.socket = path;
  o.connect_timeout = connect_timeout;
  o.reply_timeout = kReplyTimeout;
  return call(o, proto::Request{1, std::move(body)});
}

bool starts_with(const std::string& s, const char* prefix) {
  return s.rfind(prefix, 0) == 0;
}

}  // namespace

Finding judge_socket(const SocketFacts& f, const std::string& fix, const std::string& sudo_doctor) {
  using Kind = SocketFacts::Kind;
  const std::string& p = f.path;
  switch (f.kind) {
    case Kind::hidden:
      return {kSocketCheck, p, Status::skipped,
              "not checked: " + f.detail + " (doctor is not root)", sudo_doctor};
    case Kind::missing:
      return {kSocketCheck, p, Status::problem,
              "does not exist: no service manager listens for the broker", fix};
    case Kind::not_a_socket:
      return {kSocketCheck, p, Status::problem, "exists but is not a socket",
              "rm " + shell_quote(p) + " && " + fix};
    case Kind::unreachable:
      return {
          kSocketCheck, p, Status::problem,
          "nobody answers (" + f.detail + "): no service manager listens here and no broker runs",
          fix};
    case Kind::denied:
      return {kSocketCheck, p, Status::problem,
              "refuses this user (" + f.detail +
                  "); the socket must be mode 0666: the broker authorizes each request itself",
              "chmod 0666 " + shell_quote(p)};
    case Kind::timeout:
      return {kSocketCheck, p, Status::problem,
              "a broker accepted the connection but did not answer `version` in " +
                  std::to_string(kReplyTimeout.count()) + " s: it may be stuck (see its log)",
              fix};
    case Kind::protocol:
      return {kSocketCheck, p, Status::problem,
              "the answer is not understood (" + f.detail +
                  "): mountctl and mount-broker are probably different versions",
              "mountctl version"};
    case Kind::refused:
      return {kSocketCheck, p, Status::problem, "the broker answered with an error: " + f.detail,
              fix};
    case Kind::answered:
      break;
  }
  const proto::VersionResponse v = f.version.value_or(proto::VersionResponse{});
  const std::string who =
      "mount-broker " + v.version + " (pid " + std::to_string(v.pid) + ", " + v.activation + ")";
  if (starts_with(v.activation, "self")) {
    return {kSocketCheck, p, Status::warn,
            "answered by " + who +
                ", which bound the socket itself (--listen): nothing starts a new broker after it "
                "exits; the service manager should own the socket",
            "kill " + std::to_string(v.pid) + " && " + fix};
  }
  return {kSocketCheck, p, Status::ok, "answers: " + who, ""};
}

SocketFacts probe_socket(const std::string& path, std::chrono::milliseconds connect_timeout) {
  SocketFacts f;
  f.path = path;
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) {
      f.kind = SocketFacts::Kind::missing;
      return f;
    }
    f.detail = std::string("stat: ") + std::strerror(errno);
    f.kind = errno == EACCES && ::geteuid() != 0 ? SocketFacts::Kind::hidden
                                                 : SocketFacts::Kind::unreachable;
    return f;
  }
  if (!S_ISSOCK(st.st_mode)) {
    f.kind = SocketFacts::Kind::not_a_socket;
    return f;
  }
  auto result = ask(path, proto::VersionRequest{}, connect_timeout);
  if (auto* err = std::get_if<ClientError>(&result)) {
    f.detail = err->message;
    f.kind = err->kind == ClientError::timeout    ? SocketFacts::Kind::timeout
             : err->kind == ClientError::protocol ? SocketFacts::Kind::protocol
             : err->message.find(std::strerror(EACCES)) != std::string::npos
                 ? SocketFacts::Kind::denied
                 : SocketFacts::Kind::unreachable;
    return f;
  }
  const auto& reply = std::get<Reply>(result);
  if (auto* e = std::get_if<proto::ErrorBody>(&reply.response.body)) {
    f.kind = SocketFacts::Kind::refused;
    f.detail = std::string(proto::to_string(e->code)) + ": " + e->message;
    return f;
  }
  f.kind = SocketFacts::Kind::answered;
  f.version = std::get<proto::VersionResponse>(reply.response.body);
  return f;
}

std::optional<proto::StatusResponse> broker_status(const std::string& path,
                                                   std::chrono::milliseconds connect_timeout) {
  auto result = ask(path, proto::StatusRequest{}, connect_timeout);
  auto* reply = std::get_if<Reply>(&result);
  if (!reply) return std::nullopt;
  auto* status = std::get_if<proto::StatusResponse>(&reply->response.body);
  if (!status) return std::nullopt;
  return *status;
}

}  // namespace mb::ctl::doctor
