// Internal to config/: reading one TOML value into one Config field.
//
// Each reader checks the TOML type, then the value (range, grammar, allowed
// characters), writes `out` only when the value is good, and otherwise records
// one error naming the key and the value's FILE:LINE:COLUMN. Readers return
// whether they wrote `out`, so callers can skip checks that build on it.
#ifndef JINGWEN_CONFIG_FIELD_H_
#define JINGWEN_CONFIG_FIELD_H_

#include <toml++/toml.h>

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "config/names.h"

namespace config {

// 1-based line and column (columns count characters, as toml++ does); 0:0
// when unknown.
struct Position {
  int line = 0;
  int column = 0;
};
Position position_of(const toml::source_region& region);

// The errors of one load, handed out in file order.
class ErrorList {
 public:
  explicit ErrorList(std::string file) : file_(std::move(file)) {}
  void add(Position at, std::string key, std::string message);
  bool empty() const { return errors_.empty(); }
  // Sorted by line, then column; errors at one position keep their order.
  std::vector<ConfigError> take_sorted();

 private:
  std::string file_ = {};
  std::vector<ConfigError> errors_ = {};
};

// "an integer", "a string", ...: what the file holds, for messages.
std::string_view type_name(const toml::node& node);

// A TOML key as one part of an error's dotted key: bare when it is a bare key
// ("max_body"), quoted and escaped otherwise ("\"Bad Name\""), so a key
// cannot break the one-line error format.
std::string key_part(std::string_view key);

// `text` with control characters replaced by spaces: one line of output.
std::string one_line(std::string_view text);

class Field {
 public:
  // `dir` is the config file's directory: relative paths resolve against it.
  Field(const toml::node& node, std::string key, ErrorList& errors,
        const std::filesystem::path& dir)
      : node_(node), key_(std::move(key)), errors_(errors), dir_(dir) {}

  const toml::node& node() const { return node_; }
  const std::string& key() const { return key_; }
  const std::filesystem::path& dir() const { return dir_; }
  // Records an error at the value's position.
  void fail(std::string message) const;

  // Any string without control characters (tab allowed).
  bool line(std::string& out) const;
  // [A-Za-z0-9._-], min_length..max_length bytes: feed names, charsets, OpenCC
  // configuration names.
  bool name(std::string& out, std::size_t min_length, std::size_t max_length) const;
  // A string fit to be an HTTP header value: no CR, LF or NUL.
  bool header_value(std::string& out) const;
  // A directory path; relative ones resolve against dir(). Stored lexically
  // normalised, absolute, without a trailing '/'.
  bool path(std::string& out) const;
  // A feed URL, resolved and checked by resolve_feed_url() against dir().
  bool feed_url(std::string& out) const;
  bool boolean(bool& out) const;
  bool integer(int& out, int min, int max) const;
  bool count(std::uint64_t& out, std::uint64_t min) const;
  // A duration string (parse_duration) within [min, max].
  bool duration(Millis& out, Millis min, Millis max) const;
  // Likewise, and a whole number of seconds.
  bool duration(Seconds& out, Seconds min, Seconds max) const;
  // A size string (parse_size) or a non-negative integer of bytes, within [min, max].
  bool size(std::uint64_t& out, std::uint64_t min, std::uint64_t max) const;
  // A table of header values, {Name = "value"}: HTTP token names, no CR/LF in
  // values; stored as "Name: value" in the table's order (sorted by name).
  bool headers(std::vector<std::string>& out) const;

  // One of the spellings in `table`.
  template <class E, std::size_t N>
  bool choice(E& out, const std::array<Named<E>, N>& table) const {
    std::string text;
    if (!string_value(text)) return false;
    for (const Named<E>& entry : table) {
      if (entry.name == text) {
        out = entry.value;
        return true;
      }
    }
    fail(quoted(text) + " is not one of " + choices(table));
    return false;
  }

  // "\"text\"" with quotes and control characters escaped, for messages.
  static std::string quoted(std::string_view text);

 private:
  // The string value; a type error otherwise.
  bool string_value(std::string& out) const;
  // The duration string parsed; a type or grammar error otherwise.
  bool duration_value(Millis& out, std::string& text) const;
  // Likewise, within [min, max]; `text` is the value as written.
  bool bounded_duration(Millis& out, std::string& text, Millis min, Millis max) const;

  const toml::node& node_;
  std::string key_;
  ErrorList& errors_;
  const std::filesystem::path& dir_;
};

}  // namespace config

#endif  // JINGWEN_CONFIG_FIELD_H_
