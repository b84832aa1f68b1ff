#include "core/reconcile/reconcile.hpp"

#include <algorithm>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/reconcile/adoption.hpp"

namespace mb::core::reconcile {
namespace {

using config::MountType;
using mount_table::MountEntry;
using state::Finding;
using state::MountRecord;
using state::Phase;

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// %XX -> byte; an invalid escape is kept literally.
std::string percent_decode(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    int hi = i + 2 < s.size() && s[i] == '%' ? hex_value(s[i + 1]) : -1;
    int lo = hi >= 0 ? hex_value(s[i + 2]) : -1;
    if (lo < 0) {
      out += s[i];
      continue;
    }
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

// ASCII only and locale-free: UTF-8 bytes of a share name pass through unchanged.
void ascii_lower(std::string& s, std::size_t begin, std::size_t end) {
  for (std::size_t i = begin; i < end && i < s.size(); ++i) {
    if (s[i] >= 'A' && s[i] <= 'Z') s[i] = static_cast<char>(s[i] - 'A' + 'a');
  }
}

void strip_trailing_slashes(std::string& s) {
  while (s.size() > 1 && s.back() == '/') s.pop_back();
}

// SMB is case-insensitive end to end and Windows users write backslashes.
void normalize_smb(std::string& s) {
  std::replace(s.begin(), s.end(), '\\', '/');
  ascii_lower(s, 0, s.size());
  strip_trailing_slashes(s);
}

// Index of the ':' ending the host of "host:/path"; an IPv6 host is "[fe80::1]:/path".
std::size_t nfs_host_end(std::string_view s) {
  if (s.rfind('[', 0) != 0) return s.find(':');
  std::size_t bracket = s.find("]:");
  return bracket == std::string_view::npos ? std::string::npos : bracket + 1;
}

// Only the host is case-insensitive; the export path is not.
void normalize_nfs(std::string& s) {
  std::size_t host_end = nfs_host_end(s);
  if (host_end == std::string::npos) return;
  ascii_lower(s, 0, host_end);
  // Trailing slashes of the path go, but "host:/" keeps its root.
  while (s.size() > host_end + 2 && s.back() == '/') s.pop_back();
}

// The entry visible at each mount point, built once per reconcile (a scan of the table per
// mount made 1,000 mounts a million comparisons). Later mounts stack on earlier ones, so the
// last entry at a path is the one visible there. Exact equality: /mnt/a must never match
// /mnt/ab or /mnt/a/b.
using TopmostIndex = std::unordered_map<std::string_view, const MountEntry*>;
TopmostIndex topmost_index(const std::vector<MountEntry>& table) {
  TopmostIndex top;
  top.reserve(table.size());
  for (const MountEntry& e : table) top[e.mount_point] = &e;
  return top;
}

const MountEntry* topmost_at(const TopmostIndex& top, const std::string& path) {
  auto it = top.find(path);
  return it == top.end() ? nullptr : it->second;
}

// Phases in which the broker believes its mount is in the table, or is recovering it.
bool is_mounted_like(Phase p) {
  return p == Phase::mounted || p == Phase::degraded || p == Phase::recovering ||
         p == Phase::backoff || p == Phase::unmounting;
}

void enter_phase(MountRecord& r, Phase phase, std::int64_t now, state::Reason reason) {
  r.phase = phase;
  r.since = now;
  r.reason = reason;
}

MountRecord new_record(const Wanted& w, std::int64_t now) {
  MountRecord r;
  r.name = w.name;
  r.phase = Phase::unmounted;
  r.desired = w.auto_mount ? state::Desired::mounted : state::Desired::unmounted;
  r.since = now;
  return r;
}

// With no expected source, only what we recorded when we mounted it identifies it as ours.
bool same_source(const Wanted& w, const MountRecord& r, const MountEntry& e) {
  const std::string& expected = w.expected_source.empty() ? r.source : w.expected_source;
  return !expected.empty() &&
         normalize_source(w.type, e.source) == normalize_source(w.type, expected);
}

std::string describe(const MountEntry& e) {
  return "\"" + e.source + "\" (" + e.fstype + ") is mounted at " + e.mount_point;
}

Report classify_present(const Wanted& w, MountRecord& r, const MountEntry& e, std::int64_t now) {
  // The source alone proves nothing: a user's FUSE mount can carry any fsname=.
  const bool ours = same_source(w, r, e);
  std::string refused = ours ? refusal(w.type, r.fstype, e) : "";
  if (!ours || !refused.empty()) {
    std::string detail =
        describe(e) + (refused.empty() ? "" : " (" + refused + ")") + ", not ours: left alone";
    r.last_error = detail;
    // A transient mounting phase cannot still be in flight: nothing of ours is there.
    if (is_mounted_like(r.phase) || r.phase == Phase::mounting) {
      enter_phase(r, Phase::unmounted, now, state::Reason::conflict);
    }
    return {w.name, Finding::conflict, detail};
  }
  r.source = e.source;
  r.fstype = e.fstype;
  if (r.device == 0) r.device = e.device;
  if (r.phase == Phase::unmounting) {
    // An unmount that no operation of ours is finishing (the broker exited mid-way): it did
    // not happen, the share is still there.
    enter_phase(r, Phase::mounted, now, state::Reason::reconcile);
    return {w.name, Finding::ok, ""};
  }
  if (is_mounted_like(r.phase)) return {w.name, Finding::ok, ""};
  // Mounted by an earlier run (or by hand with our source): take it over.
  enter_phase(r, Phase::mounted, now, state::Reason::adopted);
  r.last_error.clear();
  return {w.name, Finding::adopted, describe(e) + ": adopted"};
}

Report classify_absent(const Wanted& w, MountRecord& r, std::int64_t now) {
  switch (r.phase) {
    case Phase::mounted:
    case Phase::degraded: {
      std::string detail = "lost: " + w.mountpoint + " is no longer in the mount table";
      enter_phase(r, Phase::unmounted, now, state::Reason::lost);
      r.last_error = detail;
      return {w.name, Finding::lost, detail};
    }
    case Phase::mounting:
    case Phase::unmounting:
      // An operation interrupted by an exit: the table says how it ended.
      enter_phase(r, Phase::unmounted, now, state::Reason::reconcile);
      break;
    case Phase::recovering:
    case Phase::backoff:
    case Phase::failed:
    case Phase::unmounted:
      break;  // their retry schedules stay in charge (absence_keeps below counts on it)
  }
  return {w.name, Finding::unmounted, ""};
}

// Phases that absence from the table leaves as they are (classify_absent changes nothing and,
// not being recovering, resume_recovery neither).
bool absence_keeps(Phase p) {
  return p == Phase::backoff || p == Phase::failed || p == Phase::unmounted;
}

// A recovery whose child is gone (the broker exited mid-way) waits for the next Tick, which
// finds it due; since and reason stay those of its start.
void resume_recovery(MountRecord& r, std::int64_t now) {
  r.phase = Phase::backoff;
  if (r.next_attempt_at == 0) r.next_attempt_at = now;
}

// A record no longer in the config stays only while its own mount is still in the table
// (possibly under something stacked on top), so it can still be unmounted.
bool orphan_still_mounted(const MountRecord& r, const std::vector<MountEntry>& table) {
  if (r.source.empty()) return false;
  std::string ours = normalize_source(MountType::command, r.source);
  return std::any_of(table.begin(), table.end(), [&](const MountEntry& e) {
    return e.mount_point == r.mountpoint && normalize_source(MountType::command, e.source) == ours;
  });
}

// "adopted" and "lost" describe how the current phase began; a later quiet reconcile (ok,
// unmounted) must not erase that from `status` while the phase lasts.
Finding lasting_finding(Finding before, Finding now) {
  if (now == Finding::ok && before == Finding::adopted) return before;
  if (now == Finding::unmounted && before == Finding::lost) return before;
  return now;
}

// Whether no two wanted mounts share a name (the config refuses that; reconcile still copes).
// An open-addressed table of indexes: one allocation for all the names, not one per name.
bool distinct_names(const std::vector<Wanted>& wanted) {
  std::size_t size = 16;
  while (size < wanted.size() * 2) size *= 2;
  std::vector<std::size_t> slots(size, 0);  // index + 1 of the name there; 0 = free
  const std::hash<std::string_view> hash;
  for (std::size_t i = 0; i < wanted.size(); ++i) {
    std::size_t at = hash(wanted[i].name) & (size - 1);
    for (; slots[at] != 0; at = (at + 1) & (size - 1))
      if (wanted[slots[at] - 1].name == wanted[i].name) return false;
    slots[at] = i + 1;
  }
  return true;
}

// One configured mount's record brought up to date with the mount table, and its report.
Report settle(const Wanted& w, MountRecord& r, const TopmostIndex& top, std::int64_t now) {
  r.mountpoint = w.mountpoint;
  const MountEntry* entry = topmost_at(top, w.mountpoint);
  Report report = entry ? classify_present(w, r, *entry, now) : classify_absent(w, r, now);
  if (r.phase == Phase::recovering) resume_recovery(r, now);
  report.news = r.finding != report.finding;
  r.finding = lasting_finding(r.finding, report.finding);
  return report;
}

// settle() made on the record itself when the mount is absent in a phase absence keeps (the
// usual unmounted mount): only the finding can change, so no copy is made to compare.
bool settle_quietly(const Wanted& w, MountRecord& r, const TopmostIndex& top,
                    std::vector<Report>& reports, bool& changed) {
  if (!absence_keeps(r.phase) || r.mountpoint != w.mountpoint || topmost_at(top, w.mountpoint))
    return false;
  reports.push_back({w.name, Finding::unmounted, "", r.finding != Finding::unmounted});
  const Finding f = lasting_finding(r.finding, Finding::unmounted);
  changed = changed || f != r.finding;
  r.finding = f;
  return true;
}

// A record the config no longer names whose mount is still there; whether it changed.
bool mark_orphan(MountRecord& r, std::vector<Report>& reports) {
  const bool news = r.finding != Finding::orphan;
  reports.push_back(
      {r.name, Finding::orphan, "mounted by mount-broker but no longer in the config", news});
  r.finding = Finding::orphan;
  return news;
}

}  // namespace

std::string normalize_source(config::MountType type, const std::string& source) {
  std::string decoded = percent_decode(source);
  if (type == MountType::smb) normalize_smb(decoded);
  if (type == MountType::nfs) normalize_nfs(decoded);
  return decoded;
}

Outcome reconcile(const std::vector<Wanted>& wanted, const state::State& current,
                  const std::vector<mount_table::MountEntry>& table, std::int64_t now,
                  const std::set<std::string>& in_flight) {
  Outcome out;
  out.state = current;
  InPlace done = reconcile_in_place(wanted, out.state, table, now, in_flight);
  out.reports = std::move(done.reports);
  out.changed = done.changed;
  return out;
}

InPlace reconcile_in_place(const std::vector<Wanted>& wanted, state::State& state,
                           const std::vector<mount_table::MountEntry>& table, std::int64_t now,
                           const std::set<std::string>& in_flight) {
  InPlace out;
  out.reports.reserve(wanted.size());
  const TopmostIndex top = topmost_index(table);
  std::vector<MountRecord>& mounts = state.mounts;
  // Each name once: for a duplicate name the first one wins. Collected only when needed.
  std::vector<const Wanted*> unique;
  std::unordered_set<std::string_view> names;
  auto collect = [&] {
    if (!unique.empty() || wanted.empty()) return;
    unique.reserve(wanted.size());
    names.reserve(wanted.size());
    for (const Wanted& w : wanted)
      if (names.insert(w.name).second) unique.push_back(&w);
  };
  auto kept_orphan = [&](const MountRecord& r) {
    return !names.count(r.name) && orphan_still_mounted(r, table);
  };

  // The usual case: the records are already those of the config, in its order (the last
  // reconcile put them so), then the orphans that stay. Each is edited where it is.
  bool same_layout = mounts.size() >= wanted.size() && distinct_names(wanted);
  for (std::size_t i = 0; same_layout && i < wanted.size(); ++i)
    same_layout = mounts[i].name == wanted[i].name;
  if (same_layout && mounts.size() > wanted.size()) collect();
  for (std::size_t i = wanted.size(); same_layout && i < mounts.size(); ++i)
    same_layout = kept_orphan(mounts[i]);
  if (same_layout) {
    MountRecord scratch;  // reused: assigning a record to it allocates only while it grows
    for (std::size_t i = 0; i < wanted.size(); ++i) {
      MountRecord& r = mounts[i];
      if (in_flight.count(r.name) || settle_quietly(wanted[i], r, top, out.reports, out.changed))
        continue;
      scratch = r;
      out.reports.push_back(settle(wanted[i], scratch, top, now));
      if (scratch != r) {
        std::swap(scratch, r);
        out.changed = true;
      }
    }
    for (std::size_t i = wanted.size(); i < mounts.size(); ++i)
      out.changed = mark_orphan(mounts[i], out.reports) || out.changed;
    return out;
  }

  collect();
  // Otherwise the state is made again, in the config's order, moving each record once. The
  // records are found and the orphans chosen before any record moves.
  constexpr std::size_t kNew = static_cast<std::size_t>(-1);
  std::vector<std::size_t> order;  // the new state's records by their index in the old one
  order.reserve(unique.size() + mounts.size());
  std::vector<bool> taken(mounts.size(), false);
  for (const Wanted* w : unique) {
    const MountRecord* r = state.find(w->name);
    order.push_back(r ? static_cast<std::size_t>(r - mounts.data()) : kNew);
    if (r) taken[order.back()] = true;
  }
  std::vector<bool> kept = taken;
  for (std::size_t i = 0; i < mounts.size(); ++i)
    if (!taken[i] && kept_orphan(mounts[i])) {
      order.push_back(i);
      kept[i] = true;
    }
  bool changed = order.size() != mounts.size();
  for (std::size_t k = 0; k < order.size() && !changed; ++k) changed = order[k] != k;
  std::vector<MountRecord> next;
  next.reserve(order.size());
  MountRecord scratch;
  for (std::size_t k = 0; k < order.size(); ++k) {
    if (order[k] == kNew) {
      next.push_back(new_record(*unique[k], now));
      out.reports.push_back(settle(*unique[k], next.back(), top, now));
      changed = true;
      continue;
    }
    next.push_back(std::move(mounts[order[k]]));
    MountRecord& r = next.back();
    if (k >= unique.size()) {
      changed = mark_orphan(r, out.reports) || changed;
      continue;
    }
    if (in_flight.count(r.name)) continue;
    scratch = r;
    out.reports.push_back(settle(*unique[k], scratch, top, now));
    if (scratch != r) {
      std::swap(scratch, r);
      changed = true;
    }
  }
  for (std::size_t i = 0; i < mounts.size(); ++i)
    if (!kept[i]) out.dropped.push_back(std::move(mounts[i]));
  mounts = std::move(next);
  out.changed = changed;
  return out;
}

}  // namespace mb::core::reconcile
