#include "core/state/mount_record.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "core/state/enum_names.hpp"

namespace mb::core::state {
namespace {

using names::name_of;
using names::value_of;

// The names are the on-disk format: renaming an enumerator must not rename its string.
constexpr std::array kPhaseNames{
    std::pair{Phase::unmounted, "unmounted"},   std::pair{Phase::mounting, "mounting"},
    std::pair{Phase::mounted, "mounted"},       std::pair{Phase::degraded, "degraded"},
    std::pair{Phase::recovering, "recovering"}, std::pair{Phase::backoff, "backoff"},
    std::pair{Phase::unmounting, "unmounting"}, std::pair{Phase::failed, "failed"},
};

constexpr std::array kDesiredNames{
    std::pair{Desired::mounted, "mounted"},
    std::pair{Desired::unmounted, "unmounted"},
};

constexpr std::array kFindingNames{
    std::pair{Finding::none, "none"},           std::pair{Finding::ok, "ok"},
    std::pair{Finding::lost, "lost"},           std::pair{Finding::adopted, "adopted"},
    std::pair{Finding::conflict, "conflict"},   std::pair{Finding::orphan, "orphan"},
    std::pair{Finding::unmounted, "unmounted"},
};

}  // namespace

const char* to_string(Phase p) {
  return name_of(kPhaseNames, p);
}
const char* to_string(Desired d) {
  return name_of(kDesiredNames, d);
}
const char* to_string(Finding f) {
  return name_of(kFindingNames, f);
}

std::optional<Phase> phase_from_string(const std::string& s) {
  return value_of(kPhaseNames, s);
}
std::optional<Desired> desired_from_string(const std::string& s) {
  return value_of(kDesiredNames, s);
}
std::optional<Finding> finding_from_string(const std::string& s) {
  return value_of(kFindingNames, s);
}

MountRecord* State::find(const std::string& name) {
  return const_cast<MountRecord*>(std::as_const(*this).find(name));
}

const MountRecord* State::find(const std::string& name) const {
  return by_name.find(mounts, name);
}

}  // namespace mb::core::state
