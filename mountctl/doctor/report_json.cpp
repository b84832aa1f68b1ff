#include "mountctl/doctor/report_json.hpp"

#include <cstdio>

#include "util/utf8.hpp"

namespace mb::ctl::doctor {
namespace {

// Paths and helper output can hold any bytes; JSON must be UTF-8.
std::string quoted(const std::string& raw) {
  const std::string s = util::to_valid_utf8(raw);
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

}  // namespace

// The envelope of every other --json reply ("v", "id", "ok"), so one parser reads them all;
// "worst" is the most severe finding, which the exit status follows.
std::string report_json(const Findings& findings) {
  std::string out = "{\"v\": 1, \"id\": 0, \"ok\": true, \"worst\": " +
                    quoted(to_string(worst(findings))) + ", \"findings\": [";
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    out += i == 0 ? "\n" : ",\n";
    out += "  {\"check\": " + quoted(f.check) + ", \"subject\": " + quoted(f.subject) +
           ", \"status\": " + quoted(to_string(f.status)) + ", \"message\": " + quoted(f.message) +
           ", \"fix\": " + quoted(f.fix) + "}";
  }
  return out + (findings.empty() ? "]}\n" : "\n]}\n");
}

}  // namespace mb::ctl::doctor
