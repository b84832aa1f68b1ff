#include "mountctl/doctor/report_text.hpp"

#include <algorithm>
#include <vector>

namespace mb::ctl::doctor {
namespace {

// A message or fix stays on its line whatever it contains.
std::string one_line(std::string s) {
  std::replace(s.begin(), s.end(), '\n', ' ');
  std::replace(s.begin(), s.end(), '\r', ' ');
  return s;
}

std::string padded(std::string s, std::size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

// Problems shout: they are what a reader scans for.
std::string label(Status s) {
  return s == Status::problem ? "PROBLEM" : to_string(s);
}

std::string count(std::size_t n, const char* one) {
  return std::to_string(n) + " " + one + (n == 1 ? "" : "s");
}

std::string summary(const Findings& findings) {
  std::size_t problems = 0, warnings = 0, notes = 0, skipped = 0;
  for (const Finding& f : findings) {
    problems += f.status == Status::problem;
    warnings += f.status == Status::warn;
    notes += f.status == Status::note;
    skipped += f.status == Status::skipped;
  }
  // A check that could not run counts like a warning (exit 9), so it is named beside them.
  const std::string unchecked = count(skipped, "check") + " could not run";
  std::string out;
  std::vector<std::string> extras;
  if (problems > 0)
    out = count(problems, "problem") + ", " + count(warnings, "warning");
  else if (warnings > 0)
    out = count(warnings, "warning") + ", no problems";
  else if (skipped > 0)
    out = "no problems or warnings found, but " + unchecked;
  else
    out = "healthy: no problems, no warnings";
  if (skipped > 0 && problems + warnings > 0) out += ", " + unchecked;
  if (notes > 0) extras.push_back(count(notes, "note"));
  for (std::size_t i = 0; i < extras.size(); ++i)
    out += (i == 0 ? " (" : ", ") + extras[i] + (i + 1 == extras.size() ? ")" : "");
  return out + "\n";
}

}  // namespace

std::string report_text(const Findings& findings) {
  std::string out;
  for (const Finding& f : findings) {
    out += padded(label(f.status), 9) + padded(f.check, 13);
    if (!f.subject.empty()) out += one_line(f.subject) + ": ";
    out += one_line(f.message) + "\n";
    if (!f.fix.empty()) out += "  fix: " + one_line(f.fix) + "\n";
  }
  return out + summary(findings);
}

}  // namespace mb::ctl::doctor
