#pragma once
// Pure: compares what the state file says with the live mount table and classifies every
// configured mount. No I/O; the caller resolves mount points and reads the table.
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "core/config/config.hpp"
#include "core/mount_table/mount_entry.hpp"
#include "core/state/mount_record.hpp"

namespace mb::core::reconcile {

struct Wanted {
  std::string name;
  config::MountType type = config::MountType::command;
  std::string mountpoint;       // resolved
  std::string expected_source;  // "" = unknown: only the source recorded in state matches
  bool auto_mount = true;
};

struct Report {
  std::string name;
  state::Finding finding = state::Finding::none;
  std::string detail;  // e.g. what is mounted there on a conflict
  // The record did not have this finding before (or there was no record): news to log.
  bool news = true;
};

struct Outcome {
  state::State state;
  std::vector<Report> reports;
  bool changed = false;  // state differs from the input
};

// Sources match after normalising percent-encoding, and case where the protocol ignores it
// (the whole source for smb, the host part for nfs).
std::string normalize_source(config::MountType type, const std::string& source);

// `in_flight`: mounts an operation of this broker is working on right now (a mount helper
// running, an unmount half done); their records are the operation's to settle, not ours.
Outcome reconcile(const std::vector<Wanted>& wanted, const state::State& current,
                  const std::vector<mount_table::MountEntry>& table, std::int64_t now,
                  const std::set<std::string>& in_flight = {});

// The same decisions, made on `state` itself: what reconcile() would return as its state is
// what `state` becomes. Records that stay in place are edited where they are, not copied: a
// cold `status` of 1,000 unchanged mounts reconciles twice, and copying, comparing and freeing
// every record each time cost more than the decisions.
struct InPlace {
  std::vector<Report> reports;
  // Records that left the state (no longer configured, and not mounted), for their tunnels.
  std::vector<state::MountRecord> dropped;
  bool changed = false;  // `state` differs from what it was
};
InPlace reconcile_in_place(const std::vector<Wanted>& wanted, state::State& state,
                           const std::vector<mount_table::MountEntry>& table, std::int64_t now,
                           const std::set<std::string>& in_flight = {});

}  // namespace mb::core::reconcile
