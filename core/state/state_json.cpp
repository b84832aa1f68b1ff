// to_json / from_json: the state.json format. Enums are their string names; every record
// field but `name` is optional on read so files written by other versions stay readable.
#include "core/state/state_json.hpp"

#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "util/cereal_json.hpp"
#include "util/json_input_archive.hpp"

namespace mb::core::state {
namespace {

// Precision for floating point values; the format has none, but Options wants a value.
constexpr int kDoubleDigits = std::numeric_limits<double>::max_digits10;

// The file nests 5 levels (records, their failures); far more is corruption, and the parser
// recurses.
constexpr unsigned kMaxStateDepth = 64;

// A problem with the content (as opposed to cereal's own exceptions); carries a readable path.
struct FormatError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Reads `name` into `out`. Absent: `out` keeps its default. Present but of the wrong type: error.
template <typename T>
void read_field(util::JsonInputArchive& ar, const std::string& where, const char* name, T& out,
                bool required = false) {
  if (!ar.find(name)) {
    if (required) throw FormatError(where + "\"" + name + "\" is missing");
    return;
  }
  try {
    ar(cereal::make_nvp(name, out));
  } catch (const util::JsonTypeError&) {
    throw FormatError(where + "\"" + name + "\" has the wrong type");
  }
}

template <typename E, typename Text>
void read_enum(util::JsonInputArchive& ar, const std::string& where, const char* name, E& out,
               std::optional<E> (*parse)(Text)) {
  std::string text = to_string(out);
  read_field(ar, where, name, text);
  auto value = parse(text);
  if (!value) throw FormatError(where + "\"" + name + "\" has unknown value \"" + text + "\"");
  out = *value;
}

// A reason this version does not know (a newer one wrote it) reads as none: it only labels
// the phase, and refusing the file would cost every record in it.
void read_reason(util::JsonInputArchive& ar, const std::string& where, Reason& out) {
  std::string text = to_string(out);
  read_field(ar, where, "reason", text);
  out = reason_from_string(text);
}

struct FailureOut {
  const FailureCount* f = nullptr;

  template <class Archive>
  void save(Archive& ar) const {
    ar(cereal::make_nvp("class", std::string(to_string(f->error_class))),
       cereal::make_nvp("count", f->count));
  }
};

struct FailureIn {
  FailureCount f;

  template <class Archive>
  void load(Archive& ar) {
    std::string name;
    read_field(ar, "failures: ", "class", name, /*required=*/true);
    read_field(ar, "failures: ", "count", f.count);
    // A class a newer version added is still a failure: counted as unknown, the file kept.
    auto c = error_class_from_string(name);
    f.error_class = c && *c != ErrorClass::none ? *c : ErrorClass::unknown;
  }
};

// cereal hooks live on wrappers rather than on MountRecord so that the format stays private to
// this file (free save/load templates in mb::core::state would be visible to every ADL lookup).
struct RecordOut {
  const MountRecord* r = nullptr;

  template <class Archive>
  void save(Archive& ar) const {
    std::vector<FailureOut> failures;
    for (const auto& f : r->failures) failures.push_back(FailureOut{&f});
    ar(cereal::make_nvp("name", r->name),
       cereal::make_nvp("phase", std::string(to_string(r->phase))),
       cereal::make_nvp("desired", std::string(to_string(r->desired))),
       cereal::make_nvp("finding", std::string(to_string(r->finding))),
       cereal::make_nvp("mountpoint", r->mountpoint), cereal::make_nvp("source", r->source),
       cereal::make_nvp("fstype", r->fstype), cereal::make_nvp("device", r->device),
       cereal::make_nvp("root_inode", r->root_inode),
       cereal::make_nvp("root_had_entries", r->root_had_entries),
       cereal::make_nvp("since", r->since), cereal::make_nvp("next_attempt_at", r->next_attempt_at),
       cereal::make_nvp("last_probe_at", r->last_probe_at),
       cereal::make_nvp("last_probe_ms", r->last_probe_ms),
       cereal::make_nvp("consecutive_failures", r->consecutive_failures),
       cereal::make_nvp("attempts", r->attempts), cereal::make_nvp("recoveries", r->recoveries),
       cereal::make_nvp("idle_since", r->idle_since),
       cereal::make_nvp("reason", std::string(to_string(r->reason))),
       cereal::make_nvp("last_error", r->last_error),
       cereal::make_nvp("error_class", std::string(to_string(r->error_class))),
       cereal::make_nvp("helper_pid", r->helper_pid),
       cereal::make_nvp("helper_start", r->helper_start),
       cereal::make_nvp("tunnel_pid", r->tunnel_pid),
       cereal::make_nvp("tunnel_start", r->tunnel_start),
       cereal::make_nvp("tunnel_port", r->tunnel_port),
       cereal::make_nvp("unsure_failures", r->unsure_failures),
       cereal::make_nvp("recheck", r->recheck), cereal::make_nvp("failures", failures));
  }
};

struct RecordIn {
  MountRecord r;

  template <class Archive>
  void load(Archive& ar) {
    read_field(ar, "mount: ", "name", r.name, /*required=*/true);
    if (r.name.empty()) throw FormatError("mount: \"name\" is empty");
    const std::string where = "mount \"" + r.name + "\": ";
    read_enum(ar, where, "phase", r.phase, phase_from_string);
    read_enum(ar, where, "desired", r.desired, desired_from_string);
    read_enum(ar, where, "finding", r.finding, finding_from_string);
    read_field(ar, where, "mountpoint", r.mountpoint);
    read_field(ar, where, "source", r.source);
    read_field(ar, where, "fstype", r.fstype);
    read_field(ar, where, "device", r.device);
    read_field(ar, where, "root_inode", r.root_inode);
    read_field(ar, where, "root_had_entries", r.root_had_entries);
    read_field(ar, where, "since", r.since);
    read_field(ar, where, "next_attempt_at", r.next_attempt_at);
    read_field(ar, where, "last_probe_at", r.last_probe_at);
    read_field(ar, where, "last_probe_ms", r.last_probe_ms);
    read_field(ar, where, "consecutive_failures", r.consecutive_failures);
    read_field(ar, where, "attempts", r.attempts);
    read_field(ar, where, "recoveries", r.recoveries);
    read_field(ar, where, "idle_since", r.idle_since);
    read_reason(ar, where, r.reason);
    read_field(ar, where, "last_error", r.last_error);
    read_enum(ar, where, "error_class", r.error_class, error_class_from_string);
    read_field(ar, where, "helper_pid", r.helper_pid);
    read_field(ar, where, "helper_start", r.helper_start);
    read_field(ar, where, "tunnel_pid", r.tunnel_pid);
    read_field(ar, where, "tunnel_start", r.tunnel_start);
    read_field(ar, where, "tunnel_port", r.tunnel_port);
    read_field(ar, where, "unsure_failures", r.unsure_failures);
    read_field(ar, where, "recheck", r.recheck);
    std::vector<FailureIn> failures;
    read_field(ar, where, "failures", failures);
    for (auto& f : failures) r.failures.push_back(std::move(f.f));
  }
};

// Say plainly that the file is not an object before parsing it.
bool starts_with_object(const std::string& text) {
  auto pos = text.find_first_not_of(" \t\r\n");
  return pos != std::string::npos && text[pos] == '{';
}

// Schema 1 had no `backoff`: it wrote a recovery waiting for its next attempt as `recovering`
// with that attempt's time, and one with a child in flight as `recovering` with 0.
void upgrade(State& s) {
  for (MountRecord& r : s.mounts)
    if (r.phase == Phase::recovering && r.next_attempt_at > 0) r.phase = Phase::backoff;
  s.schema = State::kSchema;
}

State parse(const std::string& text) {
  if (!starts_with_object(text)) throw FormatError("top level is not a JSON object");
  std::optional<util::JsonInputArchive> ar;
  try {
    ar.emplace(text, kMaxStateDepth);
  } catch (const util::JsonError& e) {
    throw FormatError(std::string("not valid ") + e.what());  // "not valid JSON: ..."
  }
  State s;
  read_field(*ar, "", "schema", s.schema, /*required=*/true);
  if (s.schema < 1) throw FormatError("schema " + std::to_string(s.schema) + " is invalid");
  // A newer schema may have reshaped the records; the store only needs the number.
  if (s.schema > State::kSchema) return s;
  std::vector<RecordIn> records;
  read_field(*ar, "", "mounts", records);
  read_field(*ar, "", "activations", s.counters.activations);
  read_field(*ar, "", "last_sweep_ms", s.counters.last_sweep_ms);
  read_field(*ar, "", "last_sweep_at", s.counters.last_sweep_at);
  s.mounts.reserve(records.size());
  for (auto& rec : records) s.mounts.push_back(std::move(rec.r));
  if (s.schema < State::kSchema) upgrade(s);
  return s;
}

}  // namespace

std::string to_json(const State& s) {
  std::vector<RecordOut> records;
  records.reserve(s.mounts.size());
  for (const auto& m : s.mounts) records.push_back(RecordOut{&m});
  std::ostringstream out;
  {
    // The archive closes the top-level object in its destructor.
    using Options = cereal::JSONOutputArchive::Options;
    cereal::JSONOutputArchive ar(out, Options(kDoubleDigits, Options::IndentChar::space, 2));
    ar(cereal::make_nvp("schema", s.schema), cereal::make_nvp("mounts", records),
       cereal::make_nvp("activations", s.counters.activations),
       cereal::make_nvp("last_sweep_ms", s.counters.last_sweep_ms),
       cereal::make_nvp("last_sweep_at", s.counters.last_sweep_at));
  }
  out << '\n';
  return out.str();
}

util::Result<State> from_json(const std::string& text) {
  try {
    return parse(text);
  } catch (const std::exception& e) {
    return util::error(std::string("invalid state: ") + e.what());
  }
}

}  // namespace mb::core::state
