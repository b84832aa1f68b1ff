#include "core/supervisor/logon_budget.hpp"

#include <catch2/catch.hpp>

using namespace mb::core::supervisor;
using mb::core::state::MountRecord;

TEST_CASE("logon_budget: three unknown failures within an hour spend it") {
  MountRecord r;
  CHECK_FALSE(unsure_budget_spent(r, 1000));
  CHECK(unsure_budget_frees_at(r, 1000) == 0);
  note_unsure_failure(r, 1000);
  note_unsure_failure(r, 1100);
  CHECK_FALSE(unsure_budget_spent(r, 1100));
  CHECK(unsure_budget_frees_at(r, 1100) == 0);
  note_unsure_failure(r, 1200);
  CHECK(unsure_budget_spent(r, 1200));
  // Free again when the oldest of the three leaves the window.
  CHECK(unsure_budget_frees_at(r, 1200) == 1000 + kBudgetWindowSec);
  CHECK(unsure_budget_spent(r, 1000 + kBudgetWindowSec - 1));
  CHECK_FALSE(unsure_budget_spent(r, 1000 + kBudgetWindowSec));
}

TEST_CASE("logon_budget: the record keeps only the newest failures, none older than an hour") {
  MountRecord r;
  for (std::int64_t t : {10, 20, 30, 40, 50}) note_unsure_failure(r, t);
  CHECK(r.unsure_failures == std::vector<std::int64_t>{30, 40, 50});
  note_unsure_failure(r, 50 + kBudgetWindowSec);  // the others are an hour old or more
  CHECK(r.unsure_failures == std::vector<std::int64_t>{50 + kBudgetWindowSec});
}

TEST_CASE("logon_budget: the other mounts of the same server count too") {
  MountRecord r;
  note_unsure_failure(r, 500);
  const std::vector<std::int64_t> others{400, 450};
  CHECK(unsure_budget_spent(r, 600, others));
  CHECK_FALSE(unsure_budget_spent(r, 600));
  // The third newest of all of them decides when the budget frees.
  CHECK(unsure_budget_frees_at(r, 600, others) == 400 + kBudgetWindowSec);
  CHECK(unsure_budget_frees_at(r, 600, {400, 450, 550}) == 450 + kBudgetWindowSec);
  // Times in the future (a clock set back) and out of the window are not counted.
  CHECK_FALSE(unsure_budget_spent(r, 600, {700, 800}));
  CHECK_FALSE(unsure_budget_spent(r, 600 + kBudgetWindowSec, {600, 601}));
}
