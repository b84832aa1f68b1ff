#pragma once
// One JSON object per line (cereal). Decoding never throws: anything wrong with the input
// becomes a DecodeError that the broker sends back as an error response.
#include <string>
#include <string_view>
#include <variant>

#include "proto/messages.hpp"

namespace mb::proto {

struct DecodeError {
  ErrorCode code = ErrorCode::bad_request;
  std::string message;
  std::uint64_t id = 0;  // the request's id when it could be read, else 0
};

// Each ends with exactly one '\n' and contains no other newline.
std::string encode(const Request& r);
std::string encode(const Response& r);

// `line` may or may not end with '\n'.
std::variant<Request, DecodeError> decode_request(std::string_view line);
std::string encode(const Event& e);

// The caller knows which operation it asked for; that decides the response's shape.
std::variant<Response, DecodeError> decode_response(std::string_view line, Op op);
// A line of a long operation's reply: an Event (has "event") or the final Response.
std::variant<Response, Event, DecodeError> decode_reply(std::string_view line, Op op);

// An error response for input that could not be decoded.
Response error_response(const DecodeError& e);

}  // namespace mb::proto
