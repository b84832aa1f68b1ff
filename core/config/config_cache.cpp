#include "core/config/config_cache.hpp"

#include <cstdint>
#include <cstring>
#include <type_traits>
#include <vector>

namespace mb::core::config {
namespace {

constexpr std::string_view kMagic = "mount-broker config cache\n";

template <typename A>
void fields(A& a, MountConfig& m);

// Numbers are LEB128 varints (signed ones zigzagged first) and strings are a varint length and
// the bytes: most of a mount's numbers are small and most of its strings short or empty, so
// each takes a byte or two, not eight. Doubles keep their eight bytes.
std::uint64_t zigzag(std::int64_t v) {
  return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}
std::int64_t unzigzag(std::uint64_t v) {
  return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
}

struct Writer {
  std::string out;

  void u64(std::uint64_t v) {
    while (v >= 0x80) {
      out += static_cast<char>((v & 0x7f) | 0x80);
      v >>= 7;
    }
    out += static_cast<char>(v);
  }
  void text(std::string_view s) {
    u64(s.size());
    out.append(s);
  }
  void field(std::string& s) { text(s); }
  void field(bool& b) { u64(b ? 1 : 0); }
  void field(int& v) { u64(zigzag(v)); }
  void field(long& v) { u64(zigzag(v)); }
  void field(double& v) {
    char bytes[sizeof v];
    std::memcpy(bytes, &v, sizeof v);
    out.append(bytes, sizeof v);
  }
  template <typename E>
  requires std::is_enum_v<E>
  void field(E& e) { u64(static_cast<std::uint64_t>(e)); }
  void field(MountConfig& m) { fields(*this, m); }
  template <typename T>
  void field(std::vector<T>& v) {
    u64(v.size());
    for (T& e : v) field(e);
  }
};

// Reads what Writer wrote; any shortfall or impossible value sets `bad` (and reads zeros).
struct Reader {
  std::string_view in;
  bool bad = false;

  std::uint64_t fail() {
    bad = true;
    in = {};
    return 0;
  }
  std::uint64_t u64() {
    std::uint64_t v = 0;
    for (unsigned shift = 0; shift < 64; shift += 7) {
      if (in.empty()) return fail();
      const auto b = static_cast<unsigned char>(in.front());
      in.remove_prefix(1);
      v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
      if (b < 0x80) return v;
    }
    return fail();  // more than ten bytes: no varint Writer made
  }
  std::string_view text() {
    const std::uint64_t n = u64();
    if (n > in.size()) {
      fail();
      return {};
    }
    std::string_view s = in.substr(0, n);
    in.remove_prefix(n);
    return s;
  }
  void field(std::string& s) {
    const std::string_view t = text();
    if (t.empty())
      s.clear();
    else
      s.assign(t.data(), t.size());
  }
  void field(bool& b) {
    const std::uint64_t v = u64();
    bad = bad || v > 1;
    b = v == 1;
  }
  void field(int& v) { v = static_cast<int>(unzigzag(u64())); }
  void field(long& v) { v = static_cast<long>(unzigzag(u64())); }
  void field(double& v) {
    if (in.size() < sizeof v) {
      fail();
      v = 0;
      return;
    }
    std::memcpy(&v, in.data(), sizeof v);
    in.remove_prefix(sizeof v);
  }
  template <typename E>
  requires std::is_enum_v<E>
  void field(E& e) {
    const std::uint64_t v = u64();
    bad = bad || v > 2;  // MountType and Credential have three values each
    e = static_cast<E>(v);
  }
  void field(MountConfig& m) { fields(*this, m); }
  template <typename T>
  void field(std::vector<T>& v) {
    const std::uint64_t n = u64();
    // Each element takes at least a byte: a larger count is corruption, not a reason to
    // allocate gigabytes.
    if (n > in.size()) {
      fail();
      return;
    }
    v.resize(n);
    for (T& e : v) field(e);
  }
};

// One list of fields for both directions, so that writing and reading cannot drift apart.
template <typename A>
void fields(A& a, MountSettings& s) {
  a.field(s.options);
  a.field(s.auto_mount);
  a.field(s.probe_interval_sec);
  a.field(s.probe_timeout_sec);
  a.field(s.probe_failure_threshold);
  a.field(s.recover_backoff_sec);
  a.field(s.failed_retry_sec);
  a.field(s.mount_timeout_sec);
  a.field(s.idle_unmount_min);
  a.field(s.probe_path);
}

template <typename A>
void fields(A& a, BrokerSettings& b) {
  a.field(b.socket);
  a.field(b.state_dir);
  a.field(b.idle_exit_sec);
  a.field(b.admin_group);
  a.field(b.log_level);
  a.field(b.max_parallel_probes);
  a.field(b.credentials_dir);
  a.field(b.log_file);
  a.field(b.log_max_size_mb);
  a.field(b.log_max_files);
  a.field(b.metrics_file);
}

template <typename A>
void fields(A& a, MountConfig& m) {
  a.field(m.name);
  a.field(m.type);
  a.field(m.server);
  a.field(m.share);
  a.field(m.username);
  a.field(m.mountpoint);
  a.field(m.credential);
  a.field(m.command);
  a.field(m.source);
  a.field(m.local_user);
  a.field(m.local_uid);
  a.field(m.local_gid);
  a.field(m.tunnel);
  a.field(m.tunnel_identity);
  a.field(m.tunnel_known_hosts);
  a.field(m.tunnel_port);
  fields(a, m.settings);
  a.field(m.line);
}

template <typename A>
void fields(A& a, Config& c) {
  fields(a, c.broker);
  fields(a, c.defaults);
  a.field(c.mounts);
}

// The key: what the config was made from. The text is kept whole, not hashed: comparing it
// costs less than reading it, and no two texts can share a key.
template <typename A>
void key(A& a, std::string_view text, std::string_view path, std::string_view build_key) {
  a.text(build_key);
  a.text(path);
  a.text(text);
}

}  // namespace

std::string encode_cache(const Config& config, std::string_view text, std::string_view build_key) {
  Writer w;
  w.out.reserve(text.size() * 2 + 256);
  w.out.append(kMagic);
  w.u64(kCacheFormat);
  key(w, text, config.path, build_key);
  Config copy = config;  // fields() takes references for both directions
  fields(w, copy);
  return std::move(w.out);
}

std::optional<Config> decode_cache(std::string_view blob, std::string_view text,
                                   const std::string& path, std::string_view build_key) {
  if (blob.substr(0, kMagic.size()) != kMagic) return std::nullopt;
  Reader r{blob.substr(kMagic.size())};
  if (r.u64() != kCacheFormat) return std::nullopt;
  if (r.text() != build_key || r.text() != path || r.text() != text || r.bad) return std::nullopt;
  Config c;
  c.path = path;
  fields(r, c);
  if (r.bad || !r.in.empty()) return std::nullopt;
  return c;
}

}  // namespace mb::core::config
