#include "platform/fork_request.hpp"

#include <cstring>

namespace mb::platform {
namespace {

// Header: magic, seq, argc, envc; then argc + envc strings, each ended by a NUL.
constexpr std::uint32_t kRequestMagic = 0x4d424631;  // "MBF1"
constexpr std::uint32_t kReplyMagic = 0x4d424632;    // "MBF2"

template <typename T>
void put(std::string& out, T v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

template <typename T>
bool take(std::string_view& in, T& v) {
  if (in.size() < sizeof v) return false;
  std::memcpy(&v, in.data(), sizeof v);
  in.remove_prefix(sizeof v);
  return true;
}

bool take_strings(std::string_view& in, std::uint32_t n, std::vector<std::string>& out) {
  for (std::uint32_t i = 0; i < n; ++i) {
    auto end = in.find('\0');
    if (end == std::string_view::npos) return false;
    out.emplace_back(in.substr(0, end));
    in.remove_prefix(end + 1);
  }
  return true;
}

}  // namespace

util::Result<std::string> encode(const ForkRequest& r) {
  if (r.argv.empty()) return util::error("fork request: empty argv");
  if (r.argv.size() + r.env.size() > kMaxForkStrings)
    return util::error("fork request: too many arguments");
  std::string out;
  put(out, kRequestMagic);
  put(out, r.seq);
  put(out, static_cast<std::uint32_t>(r.argv.size()));
  put(out, static_cast<std::uint32_t>(r.env.size()));
  for (const auto* list : {&r.argv, &r.env})
    for (const auto& s : *list) {
      if (s.find('\0') != std::string::npos)
        return util::error("fork request: a string holds a NUL byte");
      out += s;
      out += '\0';
    }
  if (out.size() > kMaxForkRequest) return util::error("fork request: too long");
  return out;
}

util::Result<ForkRequest> decode_fork_request(std::string_view in) {
  std::uint32_t magic = 0, argc = 0, envc = 0;
  ForkRequest r;
  if (in.size() > kMaxForkRequest || !take(in, magic) || magic != kRequestMagic ||
      !take(in, r.seq) || !take(in, argc) || !take(in, envc))
    return util::error("fork request: bad header");
  if (argc == 0 || std::uint64_t{argc} + envc > kMaxForkStrings)
    return util::error("fork request: bad counts");
  if (!take_strings(in, argc, r.argv) || !take_strings(in, envc, r.env) || !in.empty())
    return util::error("fork request: strings do not match their counts");
  return r;
}

std::string encode(const ForkReply& r) {
  std::string out;
  put(out, kReplyMagic);
  put(out, r.seq);
  put(out, static_cast<std::int32_t>(r.pid));
  put(out, static_cast<std::int32_t>(r.error));
  return out;
}

util::Result<ForkReply> decode_fork_reply(std::string_view in) {
  std::uint32_t magic = 0;
  std::int32_t pid = 0, err = 0;
  ForkReply r;
  if (!take(in, magic) || magic != kReplyMagic || !take(in, r.seq) || !take(in, pid) ||
      !take(in, err) || !in.empty())
    return util::error("fork reply: malformed");
  r.pid = pid;
  r.error = err;
  return r;
}

}  // namespace mb::platform
