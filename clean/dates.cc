// Reading dates: a small hand-written scanner rather than std::regex, so the
// cost is one bounded attempt per digit run (linear in the text, whatever the
// bytes) and the range checks sit next to the fields they check.
#include "clean/dates.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <optional>
#include <span>

#include "clean/text.h"

namespace clean {
namespace {

// The words written before a date, and what they make of it. The longest
// label that ends right before the date (spaces and a colon or bracket
// between them skipped) wins, so "快照生成时间" beats the bare "时间" it ends
// with; order within a group does not matter, and each group is sorted.
struct LabelEntry {
  std::string_view text;
  DateLabel label;
};
constexpr LabelEntry kDateLabels[] = {
    // The publication date, by name. 发表于/发布于 are blogs' and forums'.
    {"上线时间", DateLabel::kPublished},
    {"公布日期", DateLabel::kPublished},
    {"公布时间", DateLabel::kPublished},
    {"出版日期", DateLabel::kPublished},
    {"刊发时间", DateLabel::kPublished},
    {"刊登日期", DateLabel::kPublished},
    {"创建时间", DateLabel::kPublished},
    {"印发日期", DateLabel::kPublished},
    {"发布于", DateLabel::kPublished},
    {"发布日期", DateLabel::kPublished},
    {"发布时间", DateLabel::kPublished},
    {"发稿时间", DateLabel::kPublished},
    {"发表于", DateLabel::kPublished},
    {"发表日期", DateLabel::kPublished},
    {"发表时间", DateLabel::kPublished},
    {"录入时间", DateLabel::kPublished},
    {"首发时间", DateLabel::kPublished},
    // Government documents: the date it was signed, which open-information
    // pages show next to (and sometimes instead of) the 发布日期.
    {"发文日期", DateLabel::kWritten},
    {"成文日期", DateLabel::kWritten},
    {"成文时间", DateLabel::kWritten},
    // Bare words; gov pages space them out ("日 期：", spaces are skipped).
    {"日期", DateLabel::kGeneric},
    {"时间", DateLabel::kGeneric},
    // Later than the publication date; used only when nothing better is there.
    {"修改时间", DateLabel::kUpdated},
    {"更新于", DateLabel::kUpdated},
    {"更新日期", DateLabel::kUpdated},
    {"更新时间", DateLabel::kUpdated},
    {"最后更新", DateLabel::kUpdated},
    // Dates that are never the publication date although they end in
    // 时间/日期: the aggregator snapshot of seed 002, deadlines, events, laws
    // taking effect, user accounts.
    {"会议时间", DateLabel::kNotPublished},
    {"出生日期", DateLabel::kNotPublished},
    {"实施日期", DateLabel::kNotPublished},
    {"开始时间", DateLabel::kNotPublished},
    {"快照生成时间", DateLabel::kNotPublished},
    {"截止日期", DateLabel::kNotPublished},
    {"截止时间", DateLabel::kNotPublished},
    {"抓取时间", DateLabel::kNotPublished},
    {"报名时间", DateLabel::kNotPublished},
    {"施行日期", DateLabel::kNotPublished},
    {"注册时间", DateLabel::kNotPublished},
    {"活动时间", DateLabel::kNotPublished},
    {"生成时间", DateLabel::kNotPublished},
    {"生效日期", DateLabel::kNotPublished},
    {"登录时间", DateLabel::kNotPublished},
    {"结束时间", DateLabel::kNotPublished},
    {"采集时间", DateLabel::kNotPublished},
};

constexpr std::size_t kLabelLookbackBytes = 48;  // ~16 Han characters before a date
constexpr std::size_t kMaxGapBytes = 16;         // spaces/weekday between a date and its time
constexpr int kMaxZoneHours = 14;                // UTC-12 .. UTC+14 exist

struct DateTime {
  int year = 0, month = 0, day = 0;
  int hour = -1, minute = 0, second = 0;  // hour < 0: no time given
  std::string zone;                       // "Z", "+08:00", or "" (not given)
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

bool valid(const DateTime& d) {
  if (d.year < kMinYear || d.year > kMaxYear || d.month < 1 || d.month > 12) return false;
  if (d.day < 1 || d.day > days_in_month(d.year, d.month)) return false;
  if (d.hour < 0) return true;
  return d.hour <= 23 && d.minute >= 0 && d.minute <= 59 && d.second >= 0 && d.second <= 59;
}

// `zone` is written after a time the page gave without one.
std::string format(const DateTime& d, std::string_view zone) {
  char buf[32];
  if (d.hour < 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    return buf;
  }
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", d.year, d.month, d.day, d.hour,
                d.minute, d.second);
  return std::string(buf) + (d.zone.empty() ? std::string(zone) : d.zone);
}

// Reads min_len..max_len digits at s[i]; -1 (and i unchanged) when fewer, or
// when more digits follow (a 3-digit month is not a month).
int read_number(std::string_view s, std::size_t& i, std::size_t min_len, std::size_t max_len) {
  std::size_t n = 0;
  int value = 0;
  while (i + n < s.size() && is_digit(s[i + n]) && n < max_len) value = value * 10 + (s[i + n++] - '0');
  if (n < min_len || (i + n < s.size() && is_digit(s[i + n]))) return -1;
  i += n;
  return value;
}

// Exactly n digits at s[i], whatever follows ("+0800": the hours of a zone).
int read_digits(std::string_view s, std::size_t& i, std::size_t n) {
  if (i + n > s.size()) return -1;
  int value = 0;
  for (std::size_t k = i; k < i + n; ++k) {
    if (!is_digit(s[k])) return -1;
    value = value * 10 + (s[k] - '0');
  }
  i += n;
  return value;
}

bool skip_literal(std::string_view s, std::size_t& i, std::string_view lit) {
  if (s.substr(i, lit.size()) != lit) return false;
  i += lit.size();
  return true;
}

// ASCII whitespace, NBSP and the ideographic space: what sits between the
// parts of a date in page text.
std::size_t space_length(std::string_view s, std::size_t i) {
  if (i >= s.size()) return 0;
  const char c = s[i];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return 1;
  if (s.substr(i, 2) == "\xC2\xA0") return 2;
  if (s.substr(i, 3) == "\xE3\x80\x80") return 3;
  return 0;
}

std::size_t skip_spaces(std::string_view s, std::size_t i, std::size_t limit = kMaxGapBytes) {
  const std::size_t start = i;
  for (std::size_t n; i - start < limit && (n = space_length(s, i)) > 0;) i += n;
  return i;
}

// 星期三, 周三, (星期三), （星期三）: a weekday after the date; skipped.
std::size_t skip_weekday(std::string_view s, std::size_t i) {
  std::size_t j = i;
  const bool paren = skip_literal(s, j, "(") || skip_literal(s, j, "（");
  if (!skip_literal(s, j, "星期") && !skip_literal(s, j, "礼拜") && !skip_literal(s, j, "周")) return i;
  for (std::string_view day : {"一", "二", "三", "四", "五", "六", "日", "天"}) {
    if (skip_literal(s, j, day)) {
      if (paren && !skip_literal(s, j, ")") && !skip_literal(s, j, "）")) return i;
      return j;
    }
  }
  return i;
}

// The zone right after a time: Z, +08:00, +0800, +08; "" when none. A '-'
// zone is read only in ISO form (`iso`, a 'T' before the time): in prose
// "09:30-10:30" is a range. nullopt for an impossible zone (+25:00).
std::optional<std::string> read_zone(std::string_view s, std::size_t& i, bool iso) {
  if (i < s.size() && s[i] == 'Z') {
    ++i;
    return "Z";
  }
  if (i >= s.size() || !(s[i] == '+' || (iso && s[i] == '-'))) return std::string();
  std::size_t j = i + 1;
  const int hh = read_digits(s, j, 2);
  if (hh < 0) return std::string();  // "+" then no digits: not a zone, not an error
  std::size_t k = j;
  skip_literal(s, k, ":");
  const int read_mm = read_number(s, k, 2, 2);
  const int mm = read_mm < 0 ? 0 : read_mm;
  if (read_mm >= 0) j = k;
  if (hh > kMaxZoneHours || mm > 59) return std::nullopt;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", s[i], hh, mm);
  i = j;
  return std::string(buf);
}

// A time of day at s[i]: 09:49, 9:49:00, 09:49:00.123+08:00, 9时49分, with
// an optional AM/PM. nullopt when what is there is a broken time (25:00);
// false when there is no time at all.
std::optional<bool> read_time(std::string_view s, std::size_t& i, bool iso, DateTime& d) {
  std::size_t j = i;
  const int hour = read_number(s, j, 1, 2);
  if (hour < 0) return false;
  int minute = -1, second = 0;
  if (skip_literal(s, j, ":") || skip_literal(s, j, "：")) {
    minute = read_number(s, j, 2, 2);
    if (minute < 0) return false;
    std::size_t k = j;
    if (skip_literal(s, k, ":") || skip_literal(s, k, "：")) {
      const int sec = read_number(s, k, 2, 2);
      if (sec >= 0) {
        second = sec;
        j = k;
        if (j + 1 < s.size() && s[j] == '.' && is_digit(s[j + 1])) {
          for (++j; j < s.size() && is_digit(s[j]);) ++j;  // fractions of a second
        }
      }
    }
    const std::optional<std::string> zone = read_zone(s, j, iso);
    if (!zone) return std::nullopt;
    d.zone = *zone;
  } else if (skip_literal(s, j, "时") || skip_literal(s, j, "点")) {
    minute = read_number(s, j, 1, 2);
    if (minute < 0 || !skip_literal(s, j, "分")) return false;
    std::size_t k = j;
    const int sec = read_number(s, k, 1, 2);
    if (sec >= 0 && skip_literal(s, k, "秒")) {
      second = sec;
      j = k;
    }
  } else {
    return false;
  }
  int h = hour;
  std::size_t k = skip_spaces(s, j, 2);
  const std::string_view ampm = s.substr(k, 2);
  const bool letter_after = k + 2 < s.size() && std::isalpha(static_cast<unsigned char>(s[k + 2]));
  if (!letter_after && (ampm == "AM" || ampm == "am" || ampm == "PM" || ampm == "pm")) {
    if (hour < 1 || hour > 12) return std::nullopt;
    h = (ampm[0] == 'P' || ampm[0] == 'p') ? hour % 12 + 12 : hour % 12;
    j = k + 2;
  }
  d.hour = h;
  d.minute = minute;
  d.second = second;
  i = j;
  return true;
}

// The calendar date at s[i] (4-digit year first): 2023-02-01, 2023/2/1,
// 2023.02.01, 2023年2月1日. nullopt when there is none.
std::optional<DateTime> read_day(std::string_view s, std::size_t& i) {
  std::size_t j = i;
  DateTime d;
  d.year = read_number(s, j, 4, 4);
  if (d.year < 0 || j >= s.size()) return std::nullopt;
  const char sep = s[j];
  if (sep == '-' || sep == '/' || sep == '.') {
    ++j;
    d.month = read_number(s, j, 1, 2);
    if (d.month < 0 || j >= s.size() || s[j] != sep) return std::nullopt;
    ++j;
    d.day = read_number(s, j, 1, 2);
    if (d.day < 0) return std::nullopt;
  } else if (std::size_t k = skip_spaces(s, j, 3); skip_literal(s, k, "年")) {
    j = skip_spaces(s, k, 3);
    d.month = read_number(s, j, 1, 2);
    j = skip_spaces(s, j, 3);
    if (d.month < 0 || !skip_literal(s, j, "月")) return std::nullopt;
    j = skip_spaces(s, j, 3);
    d.day = read_number(s, j, 1, 2);
    j = skip_spaces(s, j, 3);
    if (d.day < 0 || !(skip_literal(s, j, "日") || skip_literal(s, j, "号"))) return std::nullopt;
  } else {
    return std::nullopt;
  }
  i = j;
  return d;
}

// 9/17/2004 5:54:13 AM: month first, the default of US-locale ASP and .NET
// servers, still on old Chinese sites. Taken only with its time, which those
// servers always print: a bare 12/01/2004 is as often a blog archive range.
std::optional<DateTime> read_us_day(std::string_view s, std::size_t& i) {
  std::size_t j = i;
  DateTime d;
  d.month = read_number(s, j, 1, 2);
  if (d.month < 0 || !skip_literal(s, j, "/")) return std::nullopt;
  d.day = read_number(s, j, 1, 2);
  if (d.day < 0 || !skip_literal(s, j, "/")) return std::nullopt;
  d.year = read_number(s, j, 4, 4);
  if (d.year < 0) return std::nullopt;
  std::size_t k = skip_spaces(s, j);
  if (k == j || read_time(s, k, false, d) != std::optional<bool>(true)) return std::nullopt;
  i = k;
  return d;
}

// A date and its optional time at s[i]. nullopt when there is no date or a
// field is out of range; i moves past what was read.
std::optional<DateTime> read_date(std::string_view s, std::size_t& i) {
  std::size_t j = i;
  if (std::optional<DateTime> us = read_us_day(s, j)) {
    if (!valid(*us)) return std::nullopt;
    i = j;
    return us;
  }
  std::optional<DateTime> d = read_day(s, j);
  if (!d) return std::nullopt;
  // The time may follow after spaces, an ISO 'T', or a weekday.
  std::size_t k = skip_spaces(s, j);
  const bool iso = k == j && k < s.size() && s[k] == 'T';
  if (iso) ++k;
  k = skip_spaces(s, skip_weekday(s, k));
  const std::optional<bool> time = read_time(s, k, iso, *d);
  if (!time) return std::nullopt;
  if (*time) j = k;
  if (!valid(*d)) return std::nullopt;
  i = j;
  return d;
}

// Days since 1970-01-01 -> civil date (Howard Hinnant's algorithm).
void civil_from_days(std::int64_t z, int& y, int& m, int& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(yoe + era * 400 + (m <= 2));
}

// The offset of a "+hh:mm" zone in seconds; 0 for "" or anything else.
std::int64_t zone_seconds(std::string_view zone) {
  std::size_t i = 1;
  if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-')) return 0;
  const int hh = read_number(zone, i, 2, 2);
  ++i;
  const int mm = read_number(zone, i, 2, 2);
  if (hh < 0 || mm < 0) return 0;
  return (zone[0] == '-' ? -1 : 1) * (hh * 3600 + mm * 60);
}

// All-digit meta values: 20230201, 202302010949[00], unix seconds (10
// digits) or milliseconds (13). Never read from prose, where such digit runs
// are ids and counts.
std::string parse_digits(std::string_view v, std::string_view zone) {
  DateTime d;
  auto num = [&](std::size_t pos, std::size_t len) {
    int n = 0;
    for (std::size_t k = pos; k < pos + len; ++k) n = n * 10 + (v[k] - '0');
    return n;
  };
  if (v.size() == 8 || v.size() == 12 || v.size() == 14) {
    d.year = num(0, 4);
    d.month = num(4, 2);
    d.day = num(6, 2);
    if (v.size() >= 12) {
      d.hour = num(8, 2);
      d.minute = num(10, 2);
      d.second = v.size() == 14 ? num(12, 2) : 0;
    }
  } else if (v.size() == 10 || v.size() == 13) {
    std::int64_t secs = 0;
    for (std::size_t k = 0; k < 10; ++k) secs = secs * 10 + (v[k] - '0');
    secs += zone_seconds(zone);
    civil_from_days(secs / 86400, d.year, d.month, d.day);
    const auto in_day = static_cast<int>(secs % 86400);
    d.hour = in_day / 3600;
    d.minute = in_day / 60 % 60;
    d.second = in_day % 60;
    d.zone = zone_seconds(zone) != 0 ? std::string(zone) : "Z";
  } else {
    return "";
  }
  return valid(d) ? format(d, zone) : "";
}

// The label that ends right before text[begin], if any.
DateLabel label_before(std::string_view text, std::size_t begin) {
  const std::size_t from = begin > kLabelLookbackBytes ? begin - kLabelLookbackBytes : 0;
  // Decode the window, dropping spaces; a character cut at the window's
  // start decodes as U+FFFD and matches no label.
  std::string window;
  const std::string_view raw = text.substr(from, begin - from);
  for (std::size_t i = 0; i < raw.size();) {
    const char32_t cp = next_code_point(raw, i);
    if (!is_space(cp)) append_utf8(window, cp);
  }
  // Then what separates a label from its value: colons, closing brackets.
  for (bool again = true; again;) {
    again = false;
    for (std::string_view sep : {":", "：", "]", "】", ")", "）", "|"}) {
      if (window.ends_with(sep)) {
        window.resize(window.size() - sep.size());
        again = true;
      }
    }
  }
  const LabelEntry* best = nullptr;
  for (const LabelEntry& e : kDateLabels) {
    if (window.ends_with(e.text) && (!best || e.text.size() > best->text.size())) best = &e;
  }
  return best ? best->label : DateLabel::kNone;
}

}  // namespace

std::string parse_date(std::string_view text, std::string_view zone) {
  std::size_t i = skip_spaces(text, 0, text.size());
  std::size_t end = text.size();
  while (end > i && space_length(text, end - 1) == 1) --end;
  const std::string_view v = text.substr(i, end - i);
  if (!v.empty() && std::all_of(v.begin(), v.end(), is_digit)) return parse_digits(v, zone);
  std::size_t j = 0;
  const std::optional<DateTime> d = read_date(v, j);
  if (!d) return "";
  // Only a weekday and spaces may follow: "2023-02-01 来源" is not a value.
  j = skip_spaces(v, skip_weekday(v, skip_spaces(v, j)));
  return j == v.size() ? format(*d, zone) : "";
}

std::vector<DateHit> find_dates(std::string_view text, std::string_view zone, std::size_t max_hits) {
  std::vector<DateHit> hits;
  for (std::size_t i = 0; i + 8 <= text.size() && hits.size() < max_hits;) {
    // A date starts at a digit run's first digit; try once per run.
    if (!is_digit(text[i]) || (i > 0 && is_digit(text[i - 1]))) {
      ++i;
      continue;
    }
    std::size_t j = i;
    if (const std::optional<DateTime> d = read_date(text, j)) {
      hits.push_back({i, j, format(*d, zone), label_before(text, i)});
      i = j;
    } else {
      while (i < text.size() && is_digit(text[i])) ++i;
    }
  }
  return hits;
}

std::string find_labelled_date(std::string_view text, std::string_view zone) {
  const DateHit* best = nullptr;
  const std::vector<DateHit> hits = find_dates(text, zone);
  for (const DateHit& h : hits) {
    if (h.label < DateLabel::kNone && (!best || h.label < best->label)) best = &h;
  }
  return best ? best->iso : "";
}

}  // namespace clean
