#include "daemon/log.h"

#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <ctime>

// Without this, sd_journal_sendv stamps every entry with CODE_FILE=log.cc and
// CODE_LINE of this file, which says nothing about the event.
#define SD_JOURNAL_SUPPRESS_LOCATION
#include <systemd/sd-journal.h>

namespace jingwend {
namespace {

constexpr std::string_view kIdentifier = "jingwend";
constexpr std::string_view kEllipsis = "\u2026";  // marks a value cut at kMaxValueBytes
constexpr std::string_view kReplacement = "\uFFFD";  // stands for each invalid UTF-8 byte
// Where sd_journal_sendv sends; libsystemd reports success when it is missing.
constexpr const char* kJournalSocket = "/run/systemd/journal/socket";
// journald ignores field names longer than this.
constexpr std::size_t kMaxJournalKeyBytes = 64;

struct LevelName {
  Level level;
  std::string_view name;
};
constexpr std::array<LevelName, 5> kLevelNames = {{
    {Level::kError, "error"},
    {Level::kWarning, "warning"},
    {Level::kNotice, "notice"},
    {Level::kInfo, "info"},
    {Level::kDebug, "debug"},
}};

// Journal fields that this entry already sets or that journald gives a
// meaning of its own (sd-journal(3), systemd.journal-fields(7)). An event key
// that upper-cases to one of them ("message" in feed-failed) would add a
// second MESSAGE= to the entry, so it goes out as JINGWEN_<KEY> instead.
constexpr std::array<std::string_view, 14> kReservedJournalKeys = {
    "CODE_FILE", "CODE_FUNC",       "CODE_LINE",         "DOCUMENTATION", "ERRNO",
    "EVENT",     "MESSAGE",         "MESSAGE_ID",        "PRIORITY",      "SYSLOG_FACILITY",
    "SYSLOG_IDENTIFIER", "SYSLOG_PID", "SYSLOG_TIMESTAMP", "TID",
};
constexpr std::string_view kReservedKeyPrefix = "JINGWEN_";

// The length of the well-formed UTF-8 sequence at the start of `s` (1-4), or
// 0 when it is not one (stray continuation byte, overlong form, surrogate,
// beyond U+10FFFF, cut short).
std::size_t utf8_sequence_length(std::string_view s) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char b0 = byte(0);
  if (b0 < 0x80) return 1;
  std::size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // the range allowed for the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) n = 2;
  else if (b0 == 0xE0) n = 3, lo = 0xA0;
  else if (b0 >= 0xE1 && b0 <= 0xEC) n = 3;
  else if (b0 == 0xED) n = 3, hi = 0x9F;
  else if (b0 >= 0xEE && b0 <= 0xEF) n = 3;
  else if (b0 == 0xF0) n = 4, lo = 0x90;
  else if (b0 >= 0xF1 && b0 <= 0xF3) n = 4;
  else if (b0 == 0xF4) n = 4, hi = 0x8F;
  else return 0;
  if (s.size() < n || byte(1) < lo || byte(1) > hi) return 0;
  for (std::size_t i = 2; i < n; ++i) {
    if (byte(i) < 0x80 || byte(i) > 0xBF) return 0;
  }
  return n;
}

// `value` as valid UTF-8 of at most kMaxValueBytes (plus a trailing "…" when
// cut): page titles, URLs and server messages are hostile, and a log line
// must stay readable and bounded whatever they hold.
std::string bounded_utf8(std::string_view value) {
  std::string out;
  out.reserve(std::min(value.size(), kMaxValueBytes));
  while (!value.empty()) {
    const std::size_t n = utf8_sequence_length(value);
    const std::string_view piece = n == 0 ? kReplacement : value.substr(0, n);
    if (out.size() + piece.size() > kMaxValueBytes) {
      out += kEllipsis;
      break;
    }
    out += piece;
    value.remove_prefix(n == 0 ? 1 : n);
  }
  return out;
}

// Characters a logfmt value shows as \uXXXX escapes, by code point: the C0
// controls, DEL and the C1 controls (which terminals may act on); the Arabic
// letter mark, LRM/RLM, the line and paragraph separators, the bidi embeddings
// and overrides (U+202A..U+202E) and isolates (U+2066..U+2069). Those last ones
// make a terminal or an editor show a line in an order other than its bytes'
// (a URL holding U+202E reads backwards) or break it in two, so a hostile page
// title or URL could disguise the rest of its line.
struct CodePointRange {
  char32_t first, last;
};
constexpr std::array<CodePointRange, 6> kEscapedCodePoints = {{
    {0x0000, 0x001F},
    {0x007F, 0x009F},
    {0x061C, 0x061C},
    {0x200E, 0x200F},
    {0x2028, 0x202E},
    {0x2066, 0x2069},
}};

bool shown_escaped(char32_t code_point) {
  return std::any_of(kEscapedCodePoints.begin(), kEscapedCodePoints.end(),
                     [&](const CodePointRange& r) { return code_point >= r.first && code_point <= r.last; });
}

struct Utf8Char {
  char32_t code_point;
  std::size_t length;  // in bytes, 1-4
};

// The character at the start of `s`. REQUIRES: `s` is non-empty valid UTF-8
// (bounded_utf8's output).
Utf8Char first_char(std::string_view s) {
  static constexpr std::array<unsigned char, 5> kLeadBits = {0, 0x7F, 0x1F, 0x0F, 0x07};  // by length
  const std::size_t n = utf8_sequence_length(s);
  char32_t code_point = static_cast<unsigned char>(s[0]) & kLeadBits[n];
  for (std::size_t i = 1; i < n; ++i) code_point = (code_point << 6) | (static_cast<unsigned char>(s[i]) & 0x3F);
  return {code_point, n};
}

bool needs_quotes(std::string_view s) {
  if (s.empty()) return true;
  for (std::size_t i = 0; i < s.size();) {
    const Utf8Char c = first_char(s.substr(i));
    if (c.code_point == ' ' || c.code_point == '=' || c.code_point == '"' || shown_escaped(c.code_point)) return true;
    i += c.length;
  }
  return false;
}

// \u001b, \u202e: four lower-case hex digits (every escaped code point is
// below U+10000).
void append_escaped(std::string& out, char32_t code_point) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(code_point >> shift) & 0xF];
}

// One logfmt value: bounded, then quoted and escaped when a reader would
// otherwise split it, lose a character or see it reordered.
void append_value(std::string& out, std::string_view raw) {
  const std::string value = bounded_utf8(raw);
  if (!needs_quotes(value)) {
    out += value;
    return;
  }
  out += '"';
  for (std::size_t i = 0; i < value.size();) {
    const Utf8Char c = first_char(std::string_view(value).substr(i));
    if (c.code_point == '"') out += "\\\"";
    else if (c.code_point == '\\') out += "\\\\";
    else if (c.code_point == '\n') out += "\\n";
    else if (c.code_point == '\t') out += "\\t";
    else if (shown_escaped(c.code_point)) append_escaped(out, c.code_point);
    else out.append(value, i, c.length);
    i += c.length;
  }
  out += '"';
}

// " key=value ..." after the event name, as both sinks write it.
void append_fields(std::string& out, Fields fields) {
  for (const Field& f : fields) {
    out += ' ';
    out += f.key;
    out += '=';
    append_value(out, f.value);
  }
}

// 2026-11-23T18:04:01.123Z
std::string utc_timestamp(std::chrono::system_clock::time_point time) {
  const auto ms = std::chrono::floor<std::chrono::milliseconds>(time);
  const auto seconds = std::chrono::floor<std::chrono::seconds>(ms);
  const std::time_t t = std::chrono::system_clock::to_time_t(seconds);
  std::tm tm = {};
  gmtime_r(&t, &tm);
  char buf[96];  // what seven ints could take: the compiler cannot know the fields are small
  const auto millis = static_cast<int>((ms - seconds).count());
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, millis);
  return buf;
}

// journald accepts field names of [A-Z0-9_] that start with a letter (a
// leading '_' is reserved for fields journald itself trusts).
std::string journal_key(std::string_view key) {
  std::string out;
  for (const char c : key) {
    if (out.size() == kMaxJournalKeyBytes) break;
    if (c >= 'a' && c <= 'z') out += static_cast<char>(c - 'a' + 'A');
    else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) out += c;
    else if (!out.empty()) out += '_';
  }
  if (out.empty() || (out[0] >= '0' && out[0] <= '9')) out.insert(0, "FIELD_");
  for (const std::string_view reserved : kReservedJournalKeys) {
    if (out == reserved) return std::string(kReservedKeyPrefix) + out;
  }
  return out.substr(0, kMaxJournalKeyBytes);
}

void write_line(std::FILE* out, const std::string& line) {
  // Errors are ignored: there is nowhere left to report that logging failed.
  std::fputs(line.c_str(), out);
  std::fflush(out);
}

}  // namespace

std::string_view level_name(Level level) {
  for (const LevelName& l : kLevelNames) {
    if (l.level == level) return l.name;
  }
  return "unknown";
}

Sink choose_sink(config::LogFormat format, const char* journal_stream) {
  switch (format) {
    case config::LogFormat::kJournal:
      return Sink::kJournal;
    case config::LogFormat::kLogfmt:
      return Sink::kLogfmt;
    case config::LogFormat::kAuto:
      break;
  }
  // systemd sets JOURNAL_STREAM when stdout/stderr are connected to journald.
  return journal_stream != nullptr && *journal_stream != '\0' ? Sink::kJournal : Sink::kLogfmt;
}

std::string logfmt_line(std::chrono::system_clock::time_point time, Level level, std::string_view event,
                        Fields fields) {
  std::string line = "time=" + utc_timestamp(time) + " level=";
  line += level_name(level);
  line += " event=";
  append_value(line, event);
  append_fields(line, fields);
  line += '\n';
  return line;
}

std::vector<std::string> journal_fields(Level level, std::string_view event, Fields fields) {
  std::vector<std::string> out;
  out.reserve(4 + fields.size());
  // journalctl prints "jingwend[PID]: feed-failed feed=gov ...": the event
  // name leads, and time and level are the entry's own.
  std::string message = "MESSAGE=";
  append_value(message, event);
  append_fields(message, fields);
  out.push_back(std::move(message));
  out.push_back("PRIORITY=" + std::to_string(static_cast<int>(level)));
  out.push_back("SYSLOG_IDENTIFIER=" + std::string(kIdentifier));
  out.push_back("EVENT=" + bounded_utf8(event));
  // journald stores values as bytes: newlines and quotes need no escaping.
  for (const Field& f : fields) out.push_back(journal_key(f.key) + "=" + bounded_utf8(f.value));
  return out;
}

void Logger::log(Level level, std::string_view event, Fields fields) {
  std::lock_guard lock(mutex_);
  // Without journald (log_format = "journal" on a machine that has none, or
  // journald restarting) sd_journal_sendv drops the entry and returns 0 or
  // an error: keep the event as a logfmt line on `out_` instead.
  if (sink_ == Sink::kJournal && access(kJournalSocket, F_OK) == 0) {
    const std::vector<std::string> entry = journal_fields(level, event, fields);
    std::vector<iovec> iov;
    iov.reserve(entry.size());
    for (const std::string& field : entry) {
      iov.push_back({const_cast<char*>(field.data()), field.size()});
    }
    if (sd_journal_sendv(iov.data(), static_cast<int>(iov.size())) >= 0) return;
  }
  write_line(out_, logfmt_line(std::chrono::system_clock::now(), level, event, fields));
}

void Logger::set_sink(Sink sink) {
  std::lock_guard lock(mutex_);
  sink_ = sink;
}

}  // namespace jingwend
