// Retry policy: which failures are worth another attempt, the server's
// Retry-After, and exponential backoff with full jitter. Pure: the clock and
// the random draw are arguments, so tests pin both.
#include "fetch/retry.h"

#include "fetch/ascii.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

namespace fetch {
namespace {

// Retry-After delta-seconds beyond this saturate here (about 31 years) rather
// than overflow; retry_delay() caps the result at retry_after_max anyway.
constexpr std::int64_t kMaxDeltaSeconds = 1'000'000'000;
// Longer than any HTTP-date; a longer non-numeric value is junk.
constexpr std::size_t kMaxRetryAfterBytes = 64;

constexpr std::array<std::string_view, 7> kShortDays = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
constexpr std::array<std::string_view, 7> kLongDays = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                       "Friday", "Saturday", "Sunday"};
constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// A cursor over the header value. Every read either consumes what it
// expects and returns true, or fails; the parse fails on the first miss.
class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {}
  bool done() const { return s_.empty(); }

  bool literal(std::string_view lit) {
    if (!s_.starts_with(lit)) return false;
    s_.remove_prefix(lit.size());
    return true;
  }
  // Exactly `n` digits.
  bool digits(std::size_t n, int& out) {
    if (s_.size() < n) return false;
    int v = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (!is_digit(s_[i])) return false;
      v = v * 10 + (s_[i] - '0');
    }
    s_.remove_prefix(n);
    out = v;
    return true;
  }
  // One of `names` (case-insensitive); `index` is its position.
  template <std::size_t N>
  bool name(const std::array<std::string_view, N>& names, int& index) {
    for (std::size_t i = 0; i < N; ++i) {
      if (starts_with_ci(s_, names[i])) {
        s_.remove_prefix(names[i].size());
        index = static_cast<int>(i);
        return true;
      }
    }
    return false;
  }
  // "HH:MM:SS"
  bool time_of_day(int& h, int& m, int& sec) {
    return digits(2, h) && literal(":") && digits(2, m) && literal(":") && digits(2, sec);
  }

 private:
  std::string_view s_;
};

struct Fields {
  int year = 0, month = 0, day = 0;  // month 1..12
  int hour = 0, minute = 0, second = 0;
};

// "Sun, 06 Nov 1994 08:49:37 GMT" (IMF-fixdate, RFC 9110 5.6.7).
bool parse_imf_fixdate(std::string_view s, Fields& f) {
  Scanner in(s);
  int ignored = 0;
  if (!(in.name(kShortDays, ignored) && in.literal(", ") && in.digits(2, f.day) && in.literal(" ") &&
        in.name(kMonths, f.month) && in.literal(" ") && in.digits(4, f.year) && in.literal(" ") &&
        in.time_of_day(f.hour, f.minute, f.second) && in.literal(" GMT") && in.done())) {
    return false;
  }
  ++f.month;
  return true;
}

// "Sunday, 06-Nov-94 08:49:37 GMT" (obsolete RFC 850). The two-digit year is
// the one in the century that puts it at most 50 years after `now_year`
// (RFC 9110 5.6.7).
bool parse_rfc850(std::string_view s, int now_year, Fields& f) {
  Scanner in(s);
  int ignored = 0;
  int yy = 0;
  if (!(in.name(kLongDays, ignored) && in.literal(", ") && in.digits(2, f.day) && in.literal("-") &&
        in.name(kMonths, f.month) && in.literal("-") && in.digits(2, yy) && in.literal(" ") &&
        in.time_of_day(f.hour, f.minute, f.second) && in.literal(" GMT") && in.done())) {
    return false;
  }
  ++f.month;
  f.year = now_year - now_year % 100 + yy;
  if (f.year > now_year + 50) f.year -= 100;
  return true;
}

// "Sun Nov  6 08:49:37 1994" (ANSI C asctime()); the day is two digits or a
// space and one digit.
bool parse_asctime(std::string_view s, Fields& f) {
  Scanner in(s);
  int ignored = 0;
  if (!(in.name(kShortDays, ignored) && in.literal(" ") && in.name(kMonths, f.month) && in.literal(" "))) {
    return false;
  }
  if (!(in.literal(" ") ? in.digits(1, f.day) : in.digits(2, f.day))) return false;
  if (!(in.literal(" ") && in.time_of_day(f.hour, f.minute, f.second) && in.literal(" ") &&
        in.digits(4, f.year) && in.done())) {
    return false;
  }
  ++f.month;
  return true;
}

// The instant the fields name, or nullopt when they name no real date
// (31 Feb, 25:00). A leap second (:60) reads as the next second.
std::optional<std::chrono::sys_seconds> to_time(const Fields& f) {
  using namespace std::chrono;
  const year_month_day date{year{f.year}, month{static_cast<unsigned>(f.month)},
                            day{static_cast<unsigned>(f.day)}};
  if (!date.ok() || f.hour > 23 || f.minute > 59 || f.second > 60) return std::nullopt;
  return sys_days{date} + hours{f.hour} + minutes{f.minute} + seconds{f.second};
}

}  // namespace

bool retryable(const Response& response) {
  switch (response.error.code) {
    case ErrorCode::kDns:
    case ErrorCode::kConnect:
    case ErrorCode::kTimeout:
    case ErrorCode::kNetwork:
      return true;
    case ErrorCode::kHttpStatus:
      return response.status == 429 || (response.status >= 500 && response.status <= 599);
    case ErrorCode::kNone:
    case ErrorCode::kBadUrl:
    case ErrorCode::kTls:
    case ErrorCode::kTooLarge:
    case ErrorCode::kRedirect:
    case ErrorCode::kAntiBot:
    case ErrorCode::kRobotsDisallowed:
    case ErrorCode::kBadFeed:
    case ErrorCode::kBlockedAddress:
    case ErrorCode::kCancelled:
      return false;
  }
  return false;
}

std::optional<Millis> parse_retry_after(std::string_view value, std::chrono::system_clock::time_point now) {
  value = trim(value);
  if (value.empty()) return std::nullopt;

  if (std::all_of(value.begin(), value.end(), is_digit)) {
    std::int64_t seconds = 0;
    for (char c : value) {
      seconds = seconds * 10 + (c - '0');
      if (seconds >= kMaxDeltaSeconds) {
        seconds = kMaxDeltaSeconds;
        break;
      }
    }
    return std::chrono::duration_cast<Millis>(std::chrono::seconds{seconds});
  }

  if (value.size() > kMaxRetryAfterBytes) return std::nullopt;
  using namespace std::chrono;
  const int now_year = static_cast<int>(year_month_day{floor<days>(now)}.year());
  Fields f;
  if (!parse_imf_fixdate(value, f) && !parse_rfc850(value, now_year, f) && !parse_asctime(value, f)) {
    return std::nullopt;
  }
  const std::optional<sys_seconds> when = to_time(f);
  if (!when) return std::nullopt;
  if (*when <= now) return Millis{0};
  return ceil<Millis>(*when - now);
}

Millis backoff_delay(int attempt, const Options& options, double uniform01) {
  const Millis cap = std::max(options.backoff_max, Millis{0});
  // base * 2^(attempt-1), doubled step by step so that no attempt count
  // overflows: once it passes the cap it stays there.
  Millis ceiling = std::clamp(options.backoff_base, Millis{0}, cap);
  for (int i = 1; i < attempt && ceiling > Millis{0} && ceiling < cap; ++i) {
    ceiling = ceiling > cap / 2 ? cap : ceiling * 2;
  }
  // REQUIRES says [0, 1); a NaN or out-of-range draw still yields a delay
  // within [0, ceiling].
  const double u = std::isnan(uniform01) ? 0.0 : std::clamp(uniform01, 0.0, 1.0);
  return Millis{static_cast<Millis::rep>(u * static_cast<double>(ceiling.count()))};
}

Millis retry_delay(const Response& response, int attempt, const Options& options,
                   std::chrono::system_clock::time_point now, double uniform01) {
  if ((response.status == 429 || response.status == 503) && !response.retry_after.empty()) {
    if (const std::optional<Millis> wait = parse_retry_after(response.retry_after, now)) {
      // At least 1 ms: "Retry-After: 0" still yields to the loop once.
      return std::clamp(*wait, Millis{1}, std::max(options.retry_after_max, Millis{1}));
    }
  }
  return backoff_delay(attempt, options, uniform01);
}

}  // namespace fetch

namespace fetch {
namespace {

// "max-age=600, s-maxage=900" -> the larger of the two ages; nullopt when the
// header forbids reuse (no-cache, no-store) or names no age.
std::optional<Millis> cache_control_max_age(std::string_view header) {
  std::optional<Millis> age;
  while (!header.empty()) {
    const std::size_t comma = header.find(',');
    const std::string directive = ascii_lowered(trim(header.substr(0, comma)));
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    if (directive == "no-cache" || directive == "no-store") return std::nullopt;
    for (std::string_view name : {"max-age=", "s-maxage="}) {
      if (!directive.starts_with(name)) continue;
      std::string_view digits = std::string_view(directive).substr(name.size());
      if (digits.empty() || digits.size() > 9 || !std::all_of(digits.begin(), digits.end(), is_digit)) continue;
      const Millis value = std::chrono::seconds(std::stol(std::string(digits)));
      age = std::max(age.value_or(Millis{0}), value);
    }
  }
  return age;
}

}  // namespace

std::optional<Millis> server_poll_hint(const Response& response, std::chrono::system_clock::time_point now) {
  if ((response.status == 429 || response.status == 503) && !response.retry_after.empty()) {
    return parse_retry_after(response.retry_after, now);
  }
  if (!response.ok()) return std::nullopt;
  for (const auto& [name, value] : response.headers) {
    if (name == "cache-control") return cache_control_max_age(value);
  }
  return std::nullopt;
}

}  // namespace fetch
