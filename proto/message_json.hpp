#pragma once
// The JSON fields of the messages nested in bodies (a mount's status, a sweep's line, an
// error), as cereal serializers found by argument-dependent lookup. What a decoder requires
// and what it may miss is decided here; docs/PROTOCOL.md lists the fields.
#include "util/cereal_json.hpp"
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>
#include <string>

#include "proto/json_fields.hpp"
#include "proto/messages.hpp"

namespace mb::proto {

template <class Archive>
void save(Archive& ar, const MountStatus& m) {
  ar(cereal::make_nvp("name", m.name), cereal::make_nvp("type", m.type),
     cereal::make_nvp("state", m.state), cereal::make_nvp("desired", m.desired),
     cereal::make_nvp("finding", m.finding), cereal::make_nvp("mountpoint", m.mountpoint),
     cereal::make_nvp("source", m.source), cereal::make_nvp("since", m.since),
     cereal::make_nvp("reason", m.reason), cereal::make_nvp("last_error", m.last_error),
     cereal::make_nvp("error_class", m.error_class), cereal::make_nvp("recoveries", m.recoveries),
     cereal::make_nvp("next_attempt_at", m.next_attempt_at),
     cereal::make_nvp("retry_each_sweep", m.retry_each_sweep),
     cereal::make_nvp("options", m.options), cereal::make_nvp("last_probe_at", m.last_probe_at),
     cereal::make_nvp("last_probe_ms", m.last_probe_ms));
}

template <class Archive>
void load(Archive& ar, MountStatus& m) {
  required_field(ar, "name", m.name);
  optional_field(ar, "type", m.type);
  optional_field(ar, "state", m.state);
  optional_field(ar, "desired", m.desired);
  optional_field(ar, "finding", m.finding);
  optional_field(ar, "mountpoint", m.mountpoint);
  optional_field(ar, "source", m.source);
  optional_field(ar, "since", m.since);
  optional_field(ar, "reason", m.reason);
  optional_field(ar, "last_error", m.last_error);
  optional_field(ar, "error_class", m.error_class);
  optional_field(ar, "recoveries", m.recoveries);
  optional_field(ar, "next_attempt_at", m.next_attempt_at);
  optional_field(ar, "retry_each_sweep", m.retry_each_sweep);
  optional_field(ar, "options", m.options);
  optional_field(ar, "last_probe_at", m.last_probe_at);
  optional_field(ar, "last_probe_ms", m.last_probe_ms);
}

template <class Archive>
void save(Archive& ar, const ErrorBody& e) {
  ar(cereal::make_nvp("code", std::string(to_string(e.code))),
     cereal::make_nvp("message", e.message));
}

template <class Archive>
void save(Archive& ar, const SweepItem& i) {
  ar(cereal::make_nvp("name", i.name), cereal::make_nvp("state", i.state),
     cereal::make_nvp("action", i.action), cereal::make_nvp("healthy", i.healthy),
     cereal::make_nvp("detail", i.detail));
}

template <class Archive>
void load(Archive& ar, SweepItem& i) {
  required_field(ar, "name", i.name);
  optional_field(ar, "state", i.state);
  optional_field(ar, "action", i.action);
  optional_field(ar, "healthy", i.healthy);
  optional_field(ar, "detail", i.detail);
}

}  // namespace mb::proto
