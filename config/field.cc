// Type and value checks for single config values. Messages say what was
// found and what is wanted, quoting the value, so the operator can fix the
// line without opening the documentation.
#include "config/field.h"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <string>
#include <string_view>

#include "config/duration.h"
#include "config/feed_url.h"

namespace config {
namespace {

// Characters allowed in names (feed names, charsets, OpenCC configurations):
// they appear in log lines, file contents and, for OpenCC, file names.
bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-';
}

// RFC 9110 5.6.2 tchar: what an HTTP field name is made of.
bool is_token_char(char c) {
  constexpr std::string_view kTokenPunctuation = "!#$%&'*+-.^_`|~";
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         kTokenPunctuation.find(c) != std::string_view::npos;
}

bool is_control(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return (byte < 0x20 && c != '\t') || byte == 0x7f;
}

constexpr std::string_view kDurationExamples =
    "like \"500ms\", \"90s\", \"15m\", \"1h30m\" or \"2d\"";

}  // namespace

Position position_of(const toml::source_region& region) {
  return {static_cast<int>(region.begin.line), static_cast<int>(region.begin.column)};
}

void ErrorList::add(Position at, std::string key, std::string message) {
  errors_.push_back({file_, at.line, at.column, std::move(key), std::move(message)});
}

std::vector<ConfigError> ErrorList::take_sorted() {
  std::stable_sort(errors_.begin(), errors_.end(), [](const ConfigError& a, const ConfigError& b) {
    return a.line != b.line ? a.line < b.line : a.column < b.column;
  });
  return std::move(errors_);
}

std::string key_part(std::string_view key) {
  const bool bare = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
  return bare ? std::string(key) : Field::quoted(key);
}

std::string one_line(std::string_view text) {
  std::string out;
  for (char c : text) out += is_control(c) ? ' ' : c;
  return out;
}

std::string_view type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::none:
      return "nothing";
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a float";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
  }
  return "a value";
}

std::string Field::quoted(std::string_view text) {
  constexpr std::size_t kMaxQuotedBytes = 80;  // messages stay one readable line
  std::size_t cut = std::min(text.size(), kMaxQuotedBytes);
  // Never between the bytes of one UTF-8 character: messages stay valid UTF-8.
  while (cut < text.size() && cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
    --cut;
  }
  std::string out = "\"";
  for (char c : text.substr(0, cut)) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (is_control(c)) {
      constexpr char kHex[] = "0123456789abcdef";
      const auto byte = static_cast<unsigned char>(c);
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
    } else {
      out += c;
    }
  }
  if (cut < text.size()) out += "...";
  return out + "\"";
}

void Field::fail(std::string message) const {
  errors_.add(position_of(node_.source()), key_, std::move(message));
}

bool Field::string_value(std::string& out) const {
  const auto* value = node_.as_string();
  if (value == nullptr) {
    fail("must be a string, not " + std::string(type_name(node_)));
    return false;
  }
  out = value->get();
  return true;
}

bool Field::line(std::string& out) const {
  std::string text;
  if (!string_value(text)) return false;
  if (std::any_of(text.begin(), text.end(), is_control)) {
    fail(quoted(text) + " contains a control character");
    return false;
  }
  out = std::move(text);
  return true;
}

bool Field::name(std::string& out, std::size_t min_length, std::size_t max_length) const {
  std::string text;
  if (!string_value(text)) return false;
  if (text.size() < min_length || text.size() > max_length ||
      !std::all_of(text.begin(), text.end(), is_name_char)) {
    fail(quoted(text) + " is not a valid name: use " + std::to_string(min_length) + " to " +
         std::to_string(max_length) + " characters from A-Z a-z 0-9 . _ -");
    return false;
  }
  out = std::move(text);
  return true;
}

bool Field::header_value(std::string& out) const {
  std::string text;
  if (!string_value(text)) return false;
  if (text.find_first_of(std::string_view("\r\n\0", 3)) != std::string::npos) {
    fail(quoted(text) + " contains CR, LF or NUL, which would split the HTTP header");
    return false;
  }
  out = std::move(text);
  return true;
}

bool Field::path(std::string& out) const {
  std::string text;
  if (!string_value(text)) return false;
  if (text.empty()) {
    fail("must not be empty");
    return false;
  }
  if (text.find('\0') != std::string::npos) {
    fail(quoted(text) + " contains NUL");
    return false;
  }
  if (text.starts_with("~")) {  // no shell here to expand it
    fail(quoted(text) + ": \"~\" is not expanded; write the full path");
    return false;
  }
  std::filesystem::path resolved(text);
  if (resolved.is_relative()) resolved = dir_ / resolved;
  std::string normal = resolved.lexically_normal().string();
  while (normal.size() > 1 && normal.back() == '/') normal.pop_back();
  out = std::move(normal);
  return true;
}

bool Field::feed_url(std::string& out) const {
  std::string written;
  if (!line(written)) return false;
  FeedUrl resolved = resolve_feed_url(written, dir_);
  if (!resolved.error.empty()) {
    fail(quoted(written) + ": " + resolved.error);
    return false;
  }
  out = std::move(resolved.url);
  return true;
}

bool Field::boolean(bool& out) const {
  const auto* value = node_.as_boolean();
  if (value == nullptr) {
    fail("must be true or false, not " + std::string(type_name(node_)));
    return false;
  }
  out = value->get();
  return true;
}

bool Field::integer(int& out, int min, int max) const {
  const auto* value = node_.as_integer();
  if (value == nullptr) {
    fail("must be an integer, not " + std::string(type_name(node_)));
    return false;
  }
  const std::int64_t number = value->get();
  if (number < min || number > max) {
    fail(std::to_string(number) + " is out of range: must be " + std::to_string(min) + " to " +
         std::to_string(max));
    return false;
  }
  out = static_cast<int>(number);
  return true;
}

bool Field::count(std::uint64_t& out, std::uint64_t min) const {
  const auto* value = node_.as_integer();
  if (value == nullptr) {
    fail("must be an integer, not " + std::string(type_name(node_)));
    return false;
  }
  const std::int64_t number = value->get();
  if (number < 0 || static_cast<std::uint64_t>(number) < min) {
    fail(std::to_string(number) + " is out of range: must be at least " + std::to_string(min));
    return false;
  }
  out = static_cast<std::uint64_t>(number);
  return true;
}

bool Field::duration_value(Millis& out, std::string& text) const {
  if (!string_value(text)) {
    return false;
  }
  const std::optional<Millis> parsed = parse_duration(text);
  if (!parsed) {
    fail(quoted(text) + " is not a duration (" + std::string(kDurationExamples) +
         ", at most 365d)");
    return false;
  }
  out = *parsed;
  return true;
}

bool Field::bounded_duration(Millis& out, std::string& text, Millis min, Millis max) const {
  Millis value{0};
  if (!duration_value(value, text)) return false;
  if (value < min) {
    fail(quoted(text) + " is too short: the minimum is " + format_duration(min));
    return false;
  }
  if (value > max) {
    fail(quoted(text) + " is too long: the maximum is " + format_duration(max));
    return false;
  }
  out = value;
  return true;
}

bool Field::duration(Millis& out, Millis min, Millis max) const {
  std::string text;
  return bounded_duration(out, text, min, max);
}

bool Field::duration(Seconds& out, Seconds min, Seconds max) const {
  Millis value{0};
  std::string text;
  if (!bounded_duration(value, text, min, max)) return false;
  if (value.count() % 1000 != 0) {
    fail(quoted(text) + " is not a whole number of seconds");
    return false;
  }
  out = std::chrono::duration_cast<Seconds>(value);
  return true;
}

bool Field::size(std::uint64_t& out, std::uint64_t min, std::uint64_t max) const {
  std::uint64_t bytes = 0;
  if (const auto* number = node_.as_integer()) {
    if (number->get() < 0) {
      fail(std::to_string(number->get()) + " is not a size: it is negative");
      return false;
    }
    bytes = static_cast<std::uint64_t>(number->get());
  } else if (const auto* text = node_.as_string()) {
    const std::optional<std::uint64_t> parsed = parse_size(text->get());
    if (!parsed) {
      fail(quoted(text->get()) +
           " is not a size (like \"16MiB\", \"1GB\", \"500k\" or a number of bytes)");
      return false;
    }
    bytes = *parsed;
  } else {
    fail("must be a size string like \"16MiB\" or an integer of bytes, not " +
         std::string(type_name(node_)));
    return false;
  }
  if (bytes < min || bytes > max) {
    fail(format_size(bytes) + " is out of range: must be " + format_size(min) + " to " +
         format_size(max));
    return false;
  }
  out = bytes;
  return true;
}

bool Field::headers(std::vector<std::string>& out) const {
  const toml::table* table = node_.as_table();
  if (table == nullptr) {
    fail("must be a table of header values like {Referer = \"https://example.cn/\"}, not " +
         std::string(type_name(node_)));
    return false;
  }
  std::vector<std::string> lines;
  bool good = true;
  for (auto&& [name, value] : *table) {
    const std::string header_key = key_ + "." + key_part(name.str());
    if (name.str().empty() || !std::all_of(name.str().begin(), name.str().end(), is_token_char)) {
      errors_.add(position_of(name.source()), header_key,
                  quoted(name.str()) + " is not an HTTP header name");
      good = false;
      continue;
    }
    std::string text;
    if (!Field(value, header_key, errors_, dir_).header_value(text)) {
      good = false;
      continue;
    }
    lines.push_back(std::string(name.str()) + ": " + text);
  }
  if (good) out = std::move(lines);
  return good;
}

}  // namespace config
