#include "mountctl/exit_codes.hpp"

#include <catch2/catch.hpp>
#include <string>

using mb::proto::ErrorCode;

TEST_CASE("a change the broker could not save has its own exit status, 10") {
  CHECK(mb::ctl::kNotSaved == 10);
  CHECK(mb::ctl::exit_code_for(ErrorCode::not_saved) == mb::ctl::kNotSaved);
  // Never 0 or the plain failure: a script must tell "done but not durable" apart.
  CHECK(mb::ctl::exit_code_for(ErrorCode::not_saved) != mb::ctl::exit_code_for(ErrorCode::failed));
  CHECK(std::string(mb::ctl::exit_code_help()).find("10 ") != std::string::npos);
}

TEST_CASE("mountctl's own --json errors keep the exit statuses of the same failures") {
  CHECK(mb::ctl::exit_code_for(ErrorCode::unreachable) == mb::ctl::kUnreachable);
  CHECK(mb::ctl::exit_code_for(ErrorCode::bad_response) == mb::ctl::kProtocol);
}
