#include "proto/codec.hpp"

#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>
#include <sstream>

#include "proto/json_fields.hpp"
#include "proto/json_line.hpp"
#include "proto/message_json.hpp"
#include "util/cereal_json.hpp"
#include "util/json_input_archive.hpp"

namespace mb::proto {

namespace {

using cereal::JSONOutputArchive;
using cereal::make_nvp;
using util::JsonInputArchive;

// Each message is written by cereal, then made one line (json_line.hpp).
template <class Fn>
std::string write_line(Fn&& fill) {
  std::ostringstream os;
  {
    JSONOutputArchive ar(os, JSONOutputArchive::Options::NoIndent());
    fill(ar);
  }
  return one_line(os.str());
}

struct BodyWriter {
  JSONOutputArchive& ar;
  void operator()(const ErrorBody& e) const { ar(make_nvp("ok", false), make_nvp("error", e)); }
  void operator()(const StatusResponse& s) const {
    ar(make_nvp("ok", true), make_nvp("mounts", s.mounts), make_nvp("warnings", s.warnings));
    // Only `status NAME` fills these; the reply for every mount stays as it was.
    if (!s.log_file.empty() || !s.log.empty())
      ar(make_nvp("log_file", s.log_file), make_nvp("log", s.log));
  }
  void operator()(const VersionResponse& v) const {
    ar(make_nvp("ok", true), make_nvp("version", v.version), make_nvp("protocol", v.protocol),
       make_nvp("pid", v.pid), make_nvp("activation", v.activation));
  }
  void operator()(const ReloadResponse& r) const {
    ar(make_nvp("ok", true), make_nvp("added", r.added), make_nvp("removed", r.removed),
       make_nvp("changed", r.changed));
  }
  void operator()(const MountResponse& r) const {
    ar(make_nvp("ok", true), make_nvp("mount", r.mount));
  }
  void operator()(const ProbeResponse& r) const {
    ar(make_nvp("ok", true), make_nvp("outcome", r.outcome), make_nvp("detail", r.detail),
       make_nvp("latency_ms", r.latency_ms), make_nvp("recovering", r.recovering),
       make_nvp("mount", r.mount));
  }
  void operator()(const SweepResponse& r) const {
    ar(make_nvp("ok", true), make_nvp("healthy", r.healthy), make_nvp("duration_ms", r.duration_ms),
       make_nvp("mounts", r.mounts));
  }
  void operator()(const MonitorResponse& r) const {
    ar(make_nvp("ok", true), make_nvp("reason", r.reason));
  }
  void operator()(const MetricsResponse& r) const {
    ar(make_nvp("ok", true), make_nvp("text", r.text));
  }
};

// Request arguments, after v/id/op.
struct ArgsWriter {
  JSONOutputArchive& ar;
  void operator()(const StatusRequest& r) const {
    if (!r.name.empty()) ar(make_nvp("name", r.name));
  }
  void operator()(const VersionRequest&) const {}
  void operator()(const ReloadRequest&) const {}
  void operator()(const SweepRequest& r) const { ar(make_nvp("now", r.now)); }
  void operator()(const MonitorRequest&) const {}
  void operator()(const MetricsRequest&) const {}
  void operator()(const MountRequest& r) const {
    ar(make_nvp("name", r.name), make_nvp("wait", r.wait), make_nvp("timeout_sec", r.timeout_sec));
  }
  void operator()(const UnmountRequest& r) const {
    ar(make_nvp("name", r.name), make_nvp("force", r.force));
  }
  void operator()(const ProbeRequest& r) const { ar(make_nvp("name", r.name)); }
};

RequestBody read_request_body(JsonInputArchive& ar, Op op) {
  switch (op) {
    case Op::status: {
      StatusRequest r;
      optional_field(ar, "name", r.name);
      return r;
    }
    case Op::version:
      return VersionRequest{};
    case Op::reload:
      return ReloadRequest{};
    case Op::sweep: {
      SweepRequest r;
      optional_field(ar, "now", r.now);
      return r;
    }
    case Op::monitor:
      return MonitorRequest{};
    case Op::metrics:
      return MetricsRequest{};
    case Op::mount: {
      MountRequest r;
      required_field(ar, "name", r.name);
      optional_field(ar, "wait", r.wait);
      optional_field(ar, "timeout_sec", r.timeout_sec);
      return r;
    }
    case Op::unmount: {
      UnmountRequest r;
      required_field(ar, "name", r.name);
      optional_field(ar, "force", r.force);
      return r;
    }
    case Op::probe: {
      ProbeRequest r;
      required_field(ar, "name", r.name);
      return r;
    }
  }
  return StatusRequest{};
}

ResponseBody read_ok_body(JsonInputArchive& ar, Op op) {
  switch (op) {
    case Op::status: {
      StatusResponse s;
      required_field(ar, "mounts", s.mounts);
      optional_field(ar, "warnings", s.warnings);
      optional_field(ar, "log_file", s.log_file);
      optional_field(ar, "log", s.log);
      return s;
    }
    case Op::version: {
      VersionResponse v;
      required_field(ar, "version", v.version);
      optional_field(ar, "protocol", v.protocol);
      optional_field(ar, "pid", v.pid);
      optional_field(ar, "activation", v.activation);
      return v;
    }
    case Op::reload: {
      ReloadResponse r;
      optional_field(ar, "added", r.added);
      optional_field(ar, "removed", r.removed);
      optional_field(ar, "changed", r.changed);
      return r;
    }
    case Op::mount:
    case Op::unmount: {
      MountResponse r;
      required_field(ar, "mount", r.mount);
      return r;
    }
    case Op::probe: {
      ProbeResponse r;
      required_field(ar, "outcome", r.outcome);
      optional_field(ar, "detail", r.detail);
      optional_field(ar, "latency_ms", r.latency_ms);
      optional_field(ar, "recovering", r.recovering);
      optional_field(ar, "mount", r.mount);
      return r;
    }
    case Op::sweep: {
      SweepResponse r;
      required_field(ar, "healthy", r.healthy);
      optional_field(ar, "duration_ms", r.duration_ms);
      optional_field(ar, "mounts", r.mounts);
      return r;
    }
    case Op::monitor: {
      MonitorResponse r;
      optional_field(ar, "reason", r.reason);
      return r;
    }
    case Op::metrics: {
      MetricsResponse r;
      required_field(ar, "text", r.text);
      return r;
    }
  }
  return ErrorBody{};
}

ErrorBody read_error_body(JsonInputArchive& ar) {
  ErrorBody e;
  std::string code;
  ar.setNextName("error");
  ar.startNode();
  required_field(ar, "code", code);
  optional_field(ar, "message", e.message);
  ar.finishNode();
  // A code this client does not know yet still fails, with the broker's message.
  e.code = error_code_from_string(code).value_or(ErrorCode::failed);
  return e;
}

// Runs `fn` on an archive over `line`, turning every way the input can be wrong into a
// DecodeError.
template <class T, class Fn>
std::variant<T, DecodeError> decode_with(std::string_view line, std::uint64_t& id, Fn&& fn,
                                         std::size_t limit = kMaxMessage) {
  if (line.size() > limit)
    return DecodeError{ErrorCode::oversize,
                       "message of " + std::to_string(line.size()) + " bytes exceeds the " +
                           std::to_string(limit) + "-byte limit",
                       0};
  try {
    JsonInputArchive ar(trim_newline(line), kMaxDepth);
    return fn(ar);
  } catch (const FieldError& e) {
    return DecodeError{ErrorCode::bad_request, e.message, id};
  } catch (const util::JsonTooDeep&) {
    return DecodeError{ErrorCode::bad_request, "JSON nested too deeply", id};
  } catch (const util::JsonError&) {
    return DecodeError{ErrorCode::bad_request, "not a JSON object, or a field has the wrong type",
                       id};
  } catch (const cereal::Exception& e) {
    return DecodeError{ErrorCode::bad_request, e.what(), id};
  } catch (const std::exception& e) {
    return DecodeError{ErrorCode::bad_request, e.what(), id};
  }
}

void check_version(JsonInputArchive& ar, std::uint64_t& id) {
  int v = 0;
  required_field(ar, "v", v);
  optional_field(ar, "id", id);
  if (v != kVersion)
    throw DecodeError{ErrorCode::unsupported_version,
                      "protocol version " + std::to_string(v) +
                          " is not supported (this side speaks " + std::to_string(kVersion) + ")",
                      id};
}

}  // namespace

std::string encode(const Request& r) {
  return write_line([&](JSONOutputArchive& ar) {
    ar(make_nvp("v", kVersion), make_nvp("id", r.id),
       make_nvp("op", std::string(to_string(op_of(r.body)))));
    std::visit(ArgsWriter{ar}, r.body);
  });
}

std::string encode(const Response& r) {
  return write_line([&](JSONOutputArchive& ar) {
    ar(make_nvp("v", kVersion), make_nvp("id", r.id));
    std::visit(BodyWriter{ar}, r.body);
  });
}

std::variant<Request, DecodeError> decode_request(std::string_view line) {
  std::uint64_t id = 0;
  try {
    return decode_with<Request>(
        line, id, [&](JsonInputArchive& ar) -> std::variant<Request, DecodeError> {
          check_version(ar, id);
          std::string op_name;
          required_field(ar, "op", op_name);
          auto op = op_from_string(op_name);
          if (!op)
            return DecodeError{ErrorCode::unknown_op, "unknown operation \"" + op_name + "\"", id};
          return Request{id, read_request_body(ar, *op)};
        });
  } catch (const DecodeError& e) {
    return e;
  }
}

// A `state` event of `mount --wait` is only the mount; monitor events add their time and the
// fields of their kind.
std::string encode(const Event& e) {
  return write_line([&](JSONOutputArchive& ar) {
    ar(make_nvp("v", kVersion), make_nvp("id", e.id), make_nvp("event", e.kind));
    if (e.kind == "state") ar(make_nvp("mount", e.mount));
    if (e.time == 0) return;
    ar(make_nvp("time", e.time));
    if (e.kind == "state") ar(make_nvp("from", e.from), make_nvp("changes", e.changes));
    if (e.kind == "sweep-end")
      ar(make_nvp("duration_ms", e.duration_ms), make_nvp("healthy", e.healthy));
    if (e.kind == "hello") ar(make_nvp("pid", e.pid), make_nvp("version", e.version));
  });
}

namespace {

Event read_event(JsonInputArchive& ar, std::uint64_t id, std::string kind) {
  Event e;
  e.id = id;
  e.kind = std::move(kind);
  if (e.kind == "state") required_field(ar, "mount", e.mount);
  optional_field(ar, "time", e.time);
  optional_field(ar, "from", e.from);
  optional_field(ar, "changes", e.changes);
  optional_field(ar, "duration_ms", e.duration_ms);
  optional_field(ar, "healthy", e.healthy);
  optional_field(ar, "pid", e.pid);
  optional_field(ar, "version", e.version);
  return e;
}

}  // namespace

std::variant<Response, Event, DecodeError> decode_reply(std::string_view line, Op op) {
  using Reply = std::variant<Response, Event>;
  std::uint64_t id = 0;
  std::variant<Reply, DecodeError> r;
  try {
    r = decode_with<Reply>(
        line, id,
        [&](JsonInputArchive& ar) -> std::variant<Reply, DecodeError> {
          check_version(ar, id);
          std::string kind;
          if (optional_field(ar, "event", kind)) return Reply{read_event(ar, id, std::move(kind))};
          bool ok = false;
          required_field(ar, "ok", ok);
          if (!ok) return Reply{Response{id, read_error_body(ar)}};
          return Reply{Response{id, read_ok_body(ar, op)}};
        },
        kMaxResponse);
  } catch (const DecodeError& e) {
    return e;
  }
  if (auto* e = std::get_if<DecodeError>(&r)) return *e;
  // Moved out, not copied: a status of 1,000 mounts is a third of a megabyte, decoded.
  auto& reply = std::get<Reply>(r);
  if (auto* resp = std::get_if<Response>(&reply)) return std::move(*resp);
  return std::move(std::get<Event>(reply));
}

std::variant<Response, DecodeError> decode_response(std::string_view line, Op op) {
  std::uint64_t id = 0;
  try {
    return decode_with<Response>(
        line, id,
        [&](JsonInputArchive& ar) -> std::variant<Response, DecodeError> {
          check_version(ar, id);
          bool ok = false;
          required_field(ar, "ok", ok);
          if (!ok) return Response{id, read_error_body(ar)};
          return Response{id, read_ok_body(ar, op)};
        },
        kMaxResponse);
  } catch (const DecodeError& e) {
    return e;
  }
}

Response error_response(const DecodeError& e) {
  return Response{e.id, ErrorBody{e.code, e.message}};
}

}  // namespace mb::proto
