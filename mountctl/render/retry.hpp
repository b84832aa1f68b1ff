#pragma once
// What the broker will do next about a mount that is not where it is wanted: retry when, or
// never (and what a person has to do then). Drawn only from what the broker reported.
#include <cstdint>
#include <string>

#include "mountctl/mount_state.hpp"
#include "proto/messages.hpp"

namespace mb::ctl::render {

// The status table's RETRY cell: "in 28 s", "now", "next sweep", "no (auth)"; "" when nothing
// is pending (healthy, or not wanted).
std::string retry_cell(const proto::MountStatus& m, std::int64_t now);
// The same with `m` already read (mount_state(m)): the table reads each mount once.
std::string retry_cell(const proto::MountStatus& m, const MountState& s, std::int64_t now);
// The same as a sentence for `status NAME`: "retrying in 28 s", "will not retry (auth): run
// sudo mountctl setup photos, then mountctl mount photos"; "" when nothing is pending.
std::string retry_sentence(const proto::MountStatus& m, std::int64_t now);

}  // namespace mb::ctl::render
