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

// C0 controls, DEL and the C1 controls (U+0080..U+009F, which terminals may
// act on). `s` is valid UTF-8, so C1 shows up as 0xC2 0x80..0x9F.
std::size_t control_length(std::string_view s) {
  const auto b0 = static_cast<unsigned char>(s[0]);
  if (b0 < 0x20 || b0 == 0x7F) return 1;
  if (b0 == 0xC2 && s.size() > 1 && static_cast<unsigned char>(s[1]) <= 0x9F) return 2;
  return 0;
}

bool needs_quotes(std::string_view s) {
  if (s.empty()) return true;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ' ' || s[i] == '=' || s[i] == '"' || control_length(s.substr(i)) > 0) return true;
  }
  return false;
}

void append_escaped_control(std::string& out, unsigned code_point) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += "\\u00";
  out += kHex[(code_point >> 4) & 0xF];
  out += kHex[code_point & 0xF];
}

// One logfmt value: bounded, then quoted and escaped when a reader would
// otherwise split it or lose a character.
void append_value(std::string& out, std::string_view raw) {
  const std::string value = bounded_utf8(raw);
  if (!needs_quotes(value)) {
    out += value;
    return;
  }
  out += '"';
  for (std::size_t i = 0; i < value.size();) {
    const char c = value[i];
    const std::size_t control = control_length(std::string_view(value).substr(i));
    if (c == '"') out += "\\\"";
    else if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else if (control == 1) append_escaped_control(out, static_cast<unsigned char>(c));
    else if (control == 2) append_escaped_control(out, static_cast<unsigned char>(value[i + 1]));
    else out += c;
    i += control == 2 ? 2 : 1;
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
