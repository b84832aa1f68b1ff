#include "core/mount_table/mountinfo.hpp"

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <optional>

namespace mb::core::mount_table {
namespace {

// Line format (proc(5)):
//   36 35 98:0 /mnt1 /mnt/parent rw,noatime master:1 - ext3 /dev/root rw,errors=continue
// Zero or more optional fields end at a lone "-".
constexpr std::size_t kFieldsBeforeOptional = 6;
constexpr std::size_t kFieldsAfterSeparator = 3;

bool is_octal(char c) {
  return c >= '0' && c <= '7';
}

// "\ooo" with a value that fits in one byte.
bool is_escape_at(std::string_view text, std::size_t i) {
  return text[i] == '\\' && i + 3 < text.size() && text[i + 1] <= '3' && is_octal(text[i + 1]) &&
         is_octal(text[i + 2]) && is_octal(text[i + 3]);
}

// Splits on single spaces, keeping empty fields: an empty source shows up as two spaces and
// must not shift the fields after it. Escaped paths never contain a raw space.
std::vector<std::string_view> split_fields(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (true) {
    std::size_t space = line.find(' ', start);
    if (space == std::string_view::npos) {
      fields.push_back(line.substr(start));
      return fields;
    }
    fields.push_back(line.substr(start, space - start));
    start = space + 1;
  }
}

template <typename Int>
std::optional<Int> parse_number(std::string_view text) {
  Int value{};
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// Linux's dev_t as glibc's makedev() builds it (12 bits of major and 8 of minor low, the
// rest high), written out so this parser needs no Linux header and compiles everywhere.
std::uint64_t linux_makedev(std::uint64_t major_num, std::uint64_t minor_num) {
  return ((major_num & 0xfffff000u) << 32) | ((major_num & 0xfffu) << 8) |
         ((minor_num & 0xffffff00u) << 12) | (minor_num & 0xffu);
}

// "major:minor" -> the st_dev that stat() reports for that device on Linux.
std::optional<std::uint64_t> parse_device(std::string_view text) {
  std::size_t colon = text.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  auto major_num = parse_number<unsigned>(text.substr(0, colon));
  auto minor_num = parse_number<unsigned>(text.substr(colon + 1));
  if (!major_num || !minor_num) return std::nullopt;
  return linux_makedev(*major_num, *minor_num);
}

std::string join_from(const std::vector<std::string_view>& fields, std::size_t first) {
  std::string out;
  for (std::size_t i = first; i < fields.size(); ++i) {
    if (i > first) out += ' ';
    out += fields[i];
  }
  return out;
}

std::optional<MountEntry> parse_line(std::string_view line) {
  std::vector<std::string_view> f = split_fields(line);
  if (f.size() < kFieldsBeforeOptional + 1 + kFieldsAfterSeparator) return std::nullopt;

  std::size_t sep = kFieldsBeforeOptional;
  while (sep < f.size() && f[sep] != "-") ++sep;
  if (sep + kFieldsAfterSeparator >= f.size()) return std::nullopt;  // no "-" or too few after

  auto mount_id = parse_number<int>(f[0]);
  auto parent_id = parse_number<int>(f[1]);
  auto device = parse_device(f[2]);
  if (!mount_id || !parent_id || !device) return std::nullopt;
  if (f[4].empty() || f[4].front() != '/') return std::nullopt;

  MountEntry e;
  e.mount_id = *mount_id;
  e.parent_id = *parent_id;
  e.device = *device;
  e.root = decode_mountinfo_escapes(f[3]);
  e.mount_point = decode_mountinfo_escapes(f[4]);
  e.options = decode_mountinfo_escapes(f[5]);
  e.fstype = decode_mountinfo_escapes(f[sep + 1]);
  e.source = decode_mountinfo_escapes(f[sep + 2]);
  // Super options are normally one field; joining keeps any unexpected extra fields.
  e.super_options = decode_mountinfo_escapes(join_from(f, sep + 3));
  return e;
}

}  // namespace

std::string decode_mountinfo_escapes(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!is_escape_at(text, i)) {
      out += text[i];
      continue;
    }
    int value = (text[i + 1] - '0') * 64 + (text[i + 2] - '0') * 8 + (text[i + 3] - '0');
    out += static_cast<char>(value);
    i += 3;
  }
  return out;
}

std::vector<MountEntry> parse_mountinfo(std::string_view text) {
  std::vector<MountEntry> entries;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    if (auto entry = parse_line(text.substr(start, end - start))) {
      entries.push_back(std::move(*entry));
    }
    start = end + 1;
  }
  return entries;
}

}  // namespace mb::core::mount_table
