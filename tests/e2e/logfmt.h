// Reads the daemon's logfmt lines back into key/value maps:
//   time=2026-11-23T18:04:01.123Z level=info event=spooled feed=a title="x y"
// Quoted values may escape \" \\ \n \r \t; other escapes are kept as written.
#ifndef JINGWEN_TESTS_E2E_LOGFMT_H_
#define JINGWEN_TESTS_E2E_LOGFMT_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace e2e {

struct LogLine {
  std::string raw = {};  // the line as written, without '\n'
  std::map<std::string, std::string> fields = {};

  bool has(const std::string& key) const { return fields.count(key) != 0; }
  // The value of `key`, "" when absent.
  std::string get(const std::string& key) const;
  std::string event() const { return get("event"); }
};

// nullopt when `line` is not a run of key=value pairs (a sanitizer report,
// a stray print) or lacks one of time, level and event.
std::optional<LogLine> parse_logfmt(std::string_view line);

// Every line of `text` that parses, in order. `bad` (optional) collects the
// lines that do not.
std::vector<LogLine> parse_log(std::string_view text, std::vector<std::string>* bad = nullptr);

}  // namespace e2e

#endif  // JINGWEN_TESTS_E2E_LOGFMT_H_
