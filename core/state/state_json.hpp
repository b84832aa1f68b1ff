#pragma once
// state.json's text: the versioned JSON form of State (format pinned by
// tests/golden/state; the store in platform/state_store.hpp does the file work).
#include <string>

#include "core/state/mount_record.hpp"
#include "util/result.hpp"

namespace mb::core::state {

// Pure serialization, used by the store and by tests.
std::string to_json(const State& s);
// Errors on malformed input or missing required fields; a newer schema is reported through
// the returned state's schema field, not as an error. An older schema is read as today's
// (its schema becomes State::kSchema).
util::Result<State> from_json(const std::string& text);

}  // namespace mb::core::state
