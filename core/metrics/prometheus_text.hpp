#pragma once
// The metrics in the Prometheus text exposition format (version 0.0.4), as node_exporter's
// textfile collector reads them: the file `[broker] metrics_file` and `mountctl metrics`.
// Pure: the state (which holds the counters that must survive activations) in, text out.
#include <string>

#include "core/state/mount_record.hpp"

namespace mb::core::metrics {

// One block (HELP, TYPE, samples) per metric, mounts in the state's order. Only the current
// phase and desired state of a mount have a sample (value 1): new phases need no change here.
std::string prometheus_text(const state::State& s);

// A label value with `\`, `"` and newlines escaped as the format requires.
std::string label_value(const std::string& v);

}  // namespace mb::core::metrics
