#include "mountctl/doctor/service_check.hpp"

namespace mb::ctl::doctor {
namespace {

constexpr const char* kServiceCheck = "service";

// The first line a query printed ("disabled", "inactive"), for the message.
std::string first_line(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  return line;
}

Finding check_job(const platform::ServiceJob& job, const std::string& manager,
                  const CommandRunner& run) {
  std::vector<std::string> states;
  for (const auto& q : job.queries) {
    const CommandResult r = run(q.argv);
    if (!r.ran) {
      return {kServiceCheck, job.name, Status::skipped,
              "cannot ask " + manager + " (" + q.argv.front() + ": " + r.error + ")", ""};
    }
    if (r.exit_code != 0) {
      const std::string said = first_line(r.out);
      return {kServiceCheck, job.name, Status::problem,
              job.name + " is not " + q.state + (said.empty() ? "" : " (" + said + ")") + ": it " +
                  job.purpose,
              job.fix};
    }
    states.push_back(q.state);
  }
  std::string joined;
  for (const auto& s : states) joined += (joined.empty() ? "" : ", ") + s;
  return {kServiceCheck, job.name, Status::ok, joined, ""};
}

}  // namespace

Findings check_services(const platform::ServiceManager& manager, const CommandRunner& run) {
  if (!manager.unavailable.empty())
    return {{kServiceCheck, manager.name, Status::note, manager.unavailable, ""}};
  Findings out;
  for (const auto& job : manager.jobs) out.push_back(check_job(job, manager.name, run));
  return out;
}

}  // namespace mb::ctl::doctor
