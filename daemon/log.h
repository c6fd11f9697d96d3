// The daemon's event log. Under journald (JOURNAL_STREAM set, or
// log_format = "journal") each event is one structured entry sent with
// sd_journal_sendv: MESSAGE, PRIORITY, EVENT and one upper-case field per
// key (FEED, URL, HTTP_STATUS, ELAPSED_MS, CHARS, REASON, ...); when journald
// is not there (no socket) or refuses the entry, the event is written as a
// logfmt line instead. Otherwise one
// logfmt line per event on stderr:
//
//   time=2026-11-23T18:04:01.123Z level=info event=spooled feed=gov url=https://… chars=1520
//
// Thread-safe: worker threads may log; lines never interleave.
#ifndef JINGWEN_DAEMON_LOG_H_
#define JINGWEN_DAEMON_LOG_H_

#include <chrono>
#include <cstdio>
#include <initializer_list>
#include <mutex>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "config/config.h"

namespace jingwend {

// syslog priorities, as journald's PRIORITY field wants them.
enum class Level { kError = 3, kWarning = 4, kNotice = 5, kInfo = 6, kDebug = 7 };
std::string_view level_name(Level level);  // "error", "warning", "notice", "info", "debug"

// One key=value of an event. Keys are lower-case snake_case ("http_status").
struct Field {
  std::string_view key;
  std::string value;
  Field(std::string_view k, std::string v) : key(k), value(std::move(v)) {}
  Field(std::string_view k, std::string_view v) : key(k), value(v) {}
  Field(std::string_view k, const char* v) : key(k), value(v) {}
  template <typename Int, typename = std::enable_if_t<std::is_integral_v<Int>>>
  Field(std::string_view k, Int v) : key(k), value(std::to_string(v)) {}
};
using Fields = std::initializer_list<Field>;

enum class Sink { kJournal, kLogfmt };
// kAuto picks the journal when `journal_stream` (getenv("JOURNAL_STREAM")) is
// set and non-empty.
Sink choose_sink(config::LogFormat format, const char* journal_stream);

// One logfmt line (with '\n'): `time=` (UTC, milliseconds, 'Z') `level=`
// `event=`, then the fields in order, keys as given. Each value is made valid
// UTF-8 (an invalid byte becomes U+FFFD) and cut at kMaxValueBytes on a
// character boundary with a trailing "…"; a value that is empty or holds a
// space, '=', '"', a control character (C0, DEL, C1) or a bidi control or
// line separator (U+061C, U+200E/F, U+2028..U+202E, U+2066..U+2069) is
// quoted, and inside the quotes '"', '\\', newline and tab are written
// \" \\ \n \t and the other controls \uXXXX (\u001b, \u202e). Pure.
std::string logfmt_line(std::chrono::system_clock::time_point time, Level level,
                        std::string_view event, Fields fields);
inline constexpr std::size_t kMaxValueBytes = 2048;

// The journald entry's fields as "KEY=value" strings: MESSAGE (event and
// fields in logfmt, escaped as above, without time and level), PRIORITY,
// SYSLOG_IDENTIFIER (jingwend), EVENT, then each field with its key
// upper-cased and its value bounded like logfmt's but not escaped: a
// structured field is data (URL= must match the real URL), journald keeps
// newlines, and journalctl's default output shows MESSAGE, which is escaped
// (`journalctl -o verbose` or `-o json` shows the fields as sent). A key that
// would clash with a field journald gives a meaning (MESSAGE, PRIORITY, ERRNO,
// ...) is sent as JINGWEN_<KEY>: feed-failed's message= is JINGWEN_MESSAGE.
// Pure.
std::vector<std::string> journal_fields(Level level, std::string_view event, Fields fields);

// Writes events to the chosen sink. log() and set_sink() may be called from
// any thread; sink() only from the thread that calls set_sink().
class Logger {
 public:
  explicit Logger(Sink sink, std::FILE* out = stderr) : sink_(sink), out_(out) {}
  void log(Level level, std::string_view event, Fields fields = {});
  void set_sink(Sink sink);
  Sink sink() const { return sink_; }

 private:
  std::mutex mutex_;
  Sink sink_;
  std::FILE* out_;
};

}  // namespace jingwend

#endif  // JINGWEN_DAEMON_LOG_H_
