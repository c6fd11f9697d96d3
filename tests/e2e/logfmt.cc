#include "tests/e2e/logfmt.h"

#include <utility>

namespace e2e {
namespace {

bool is_key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
         c == '.';
}

// A quoted value starting after the opening quote; advances `pos` past the
// closing quote. nullopt when unterminated.
std::optional<std::string> quoted(std::string_view line, std::size_t& pos) {
  static constexpr std::pair<char, char> kEscapes[] = {{'"', '"'}, {'\\', '\\'}, {'n', '\n'}, {'r', '\r'}, {'t', '\t'}};
  std::string value;
  while (pos < line.size()) {
    const char c = line[pos++];
    if (c == '"') return value;
    if (c != '\\' || pos >= line.size()) {
      value.push_back(c);
      continue;
    }
    const char e = line[pos++];
    char decoded = 0;
    for (const auto& [name, v] : kEscapes) {
      if (e == name) decoded = v;
    }
    if (decoded != 0) {
      value.push_back(decoded);
    } else {
      value.push_back('\\');
      value.push_back(e);
    }
  }
  return std::nullopt;
}

}  // namespace

std::string LogLine::get(const std::string& key) const {
  const auto it = fields.find(key);
  return it == fields.end() ? std::string() : it->second;
}

std::optional<LogLine> parse_logfmt(std::string_view line) {
  LogLine out{.raw = std::string(line)};
  std::size_t pos = 0;
  while (pos < line.size()) {
    if (line[pos] == ' ') {
      ++pos;
      continue;
    }
    const std::size_t key_start = pos;
    while (pos < line.size() && is_key_char(line[pos])) ++pos;
    if (pos == key_start || pos >= line.size() || line[pos] != '=') return std::nullopt;
    std::string key(line.substr(key_start, pos - key_start));
    ++pos;  // '='
    std::string value;
    if (pos < line.size() && line[pos] == '"') {
      ++pos;
      std::optional<std::string> q = quoted(line, pos);
      if (!q) return std::nullopt;
      value = std::move(*q);
    } else {
      const std::size_t end = std::min(line.find(' ', pos), line.size());
      value = std::string(line.substr(pos, end - pos));
      pos = end;
    }
    out.fields[std::move(key)] = std::move(value);
  }
  if (!out.has("time") || !out.has("level") || !out.has("event")) return std::nullopt;
  return out;
}

std::vector<LogLine> parse_log(std::string_view text, std::vector<std::string>* bad) {
  std::vector<LogLine> lines;
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    const std::string_view line = text.substr(0, end);
    // A line still being written has no '\n' yet: leave it for the next read.
    if (end == text.size()) break;
    if (std::optional<LogLine> parsed = parse_logfmt(line)) {
      lines.push_back(std::move(*parsed));
    } else if (bad != nullptr && !line.empty()) {
      bad->emplace_back(line);
    }
    text.remove_prefix(end + 1);
  }
  return lines;
}

}  // namespace e2e
