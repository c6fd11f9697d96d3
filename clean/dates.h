// Dates as Chinese pages write them, read into ISO 8601 (part of stage 7,
// metadata; DESIGN.md "clean/").
//
// Two readers. parse_date() reads one whole value, as a <meta> or JSON-LD
// field holds it, and so also accepts the machine forms that never appear in
// prose (20230201, unix seconds/milliseconds). find_dates() scans visible
// text for the forms people read (2023-02-01, 2023/2/1, 2023.02.01,
// 2023年2月1日, each with an optional time; and 9/17/2004 5:54:13 AM, month
// first with its time, the default of the US-locale servers behind old
// Chinese sites), and notes the label written
// right before each one (发布时间：, 成文日期, ...; the table is in dates.cc).
//
// Output, always ISO 8601:
//   date only        2023-02-01                   (no time invented)
//   date and time    2023-02-01T09:49:00+08:00    (no zone given: kDefaultZone,
//                                                   or the caller's)
//   with a zone      2023-02-01T09:49:00Z, ...-05:00 (the given zone, kept)
// Unix timestamps are instants, written in that same zone.
//
// Every field is range-checked (year kMinYear..kMaxYear, month 1-12, day
// within its month, hour <= 23, minute and second <= 59); a date that fails
// is no date. All functions are pure, linear in their input and safe on any
// bytes; safe to call from any number of threads.
#ifndef JINGWEN_CLEAN_DATES_H_
#define JINGWEN_CLEAN_DATES_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace clean {

// Years outside this range are typos, counters or ids, not publication dates.
inline constexpr int kMinYear = 1990;
inline constexpr int kMaxYear = 2100;

// The zone written when the page gives a time without one: Beijing time,
// what Chinese sites mean. Callers pass "" for pages from elsewhere, which
// leaves such a time without a zone (ISO 8601 local time).
inline constexpr std::string_view kDefaultZone = "+08:00";

// The ISO 8601 form of `text` when the whole of it (surrounding whitespace
// and a weekday like 星期三 aside) is one date; "" otherwise. `zone` ("+hh:mm"
// or "") is written after a time the text gives without one; unix times are
// shown in it (in UTC, "Z", when it is "").
std::string parse_date(std::string_view text, std::string_view zone = kDefaultZone);

// What the words right before a date say it is. Order matters: a smaller
// value is the better evidence of the publication date.
enum class DateLabel : std::uint8_t {
  kPublished,  // 发布时间, 发布日期, 发表于, ...
  kWritten,    // 成文日期, 发文日期: when a government document was signed
  kGeneric,    // 时间, 日期 (also the tail of "来源：X 时间：")
  kUpdated,    // 更新时间, 最后更新
  kNone,       // no label
  kNotPublished,  // 快照生成时间, 截止日期, 施行日期, ...: never the publication date
};

struct DateHit {
  std::size_t begin = 0;  // byte offsets of the date in the scanned text
  std::size_t end = 0;
  std::string iso;        // as parse_date() would write it
  DateLabel label = DateLabel::kNone;
};

// Bounds the hits collected from one text.
inline constexpr std::size_t kMaxDateHits = 4096;

// The dates written in `text`, in order, at most `max_hits`; `zone` as for
// parse_date().
std::vector<DateHit> find_dates(std::string_view text, std::string_view zone = kDefaultZone,
                                std::size_t max_hits = kMaxDateHits);

// The ISO form of the date with the best label (kPublished over kWritten
// over kGeneric over kUpdated; the first one among equals) in `text`; "" when
// no date there carries a label.
std::string find_labelled_date(std::string_view text, std::string_view zone = kDefaultZone);

}  // namespace clean

#endif  // JINGWEN_CLEAN_DATES_H_
