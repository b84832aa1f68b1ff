// The compiled-in `mountctl --help` is what CLI11 renders for the real command line: a changed
// option or command fails here until tests/golden/cli/help.txt is regenerated
// (MB_ACCEPT_GOLDEN=1) and its diff reviewed.
#include "mountctl/fixed_output.hpp"

#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "mountctl/cli.hpp"
#include "mountctl/exit_codes.hpp"
#include "tests/support/golden.hpp"
#include "util/build_config.hpp"

namespace {

struct Printed {
  int rc = -1;
  std::string out, err;
};

// What main() did before the fast path: the real CLI11 app parses argv and reports.
Printed cli11(std::vector<const char*> argv) {
  CLI::App app{mb::ctl::kDescription};
  mb::ctl::commands::Globals g;
  auto all = mb::ctl::define_cli(app, g);
  std::ostringstream out, err;
  Printed p;
  try {
    app.parse(int(argv.size()), argv.data());
    p.rc = -2;  // parsed: a command would run
  } catch (const CLI::ParseError& e) {
    p.rc = app.exit(e, out, err) == 0 ? mb::ctl::kOk : mb::ctl::kUsage;
  }
  p.out = out.str();
  p.err = err.str();
  return p;
}

Printed fixed(std::vector<const char*> argv) {
  std::ostringstream out, err;
  Printed p;
  p.rc = mb::ctl::fixed_output(argv, out, err).value_or(-1);
  p.out = out.str();
  p.err = err.str();
  return p;
}

std::string with_placeholder(std::string text) {
  const std::string socket = mb::util::kDefaultSocket;
  auto at = text.find("(default " + socket + ")");
  if (at != std::string::npos) text.replace(at + 9, socket.size(), "@MB_DEFAULT_SOCKET@");
  return text;
}

}  // namespace

TEST_CASE("CLI11's rendering of mountctl --help is the golden one") {
  mb::test::check_golden("cli", "help", with_placeholder(cli11({"mountctl", "--help"}).out),
                         ".txt");
}

TEST_CASE("mountctl with --help or -h or no arguments prints without CLI11 what CLI11 prints") {
  for (const char* self : {"mountctl", "./build/mountctl", "/usr/bin/mountctl"}) {
    for (std::vector<const char*> argv :
         {std::vector<const char*>{self, "--help"}, std::vector<const char*>{self, "-h"},
          std::vector<const char*>{self}}) {
      INFO(self << " with " << argv.size() - 1 << " argument(s)");
      const Printed want = cli11(argv), got = fixed(argv);
      CHECK(got.rc == want.rc);
      CHECK(got.out == want.out);
      CHECK(got.err == want.err);
    }
  }
}

TEST_CASE("other command lines are left to CLI11") {
  for (std::vector<const char*> argv : {std::vector<const char*>{"mountctl", "--json", "--help"},
                                        std::vector<const char*>{"mountctl", "status", "--help"},
                                        std::vector<const char*>{"mountctl", "--help", "status"},
                                        std::vector<const char*>{"mountctl", "--version"},
                                        std::vector<const char*>{"mountctl", "status"}}) {
    const Printed p = fixed(argv);
    CHECK(p.rc == -1);
    CHECK(p.out.empty());
    CHECK(p.err.empty());
  }
}
