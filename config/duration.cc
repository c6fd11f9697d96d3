// Durations ("1h30m") and sizes ("16MiB") as the config writes them.
//
// Both grammars are strict on purpose: one way to spell a value, no
// whitespace, no fractions, no signs. A typo is an error at load time, never a
// value the operator did not mean ("1.5h" is not 1 h, "90" is not 90 s).
#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "config/config.h"
#include "config/duration.h"

namespace config {
namespace {

// Duration units, longest first: each component of a duration must use a
// shorter unit than the one before it ("1h30m", never "30m1h" or "1m1m").
struct DurationUnit {
  std::string_view name;
  std::int64_t millis;
};
constexpr std::array<DurationUnit, 5> kDurationUnits = {{
    {"d", 24LL * 3600 * 1000},
    {"h", 3600LL * 1000},
    {"m", 60LL * 1000},
    {"s", 1000},
    {"ms", 1},
}};

// Size units, matched case-insensitively. Bare letters are binary as in dd,
// nginx and systemd ("16m" is 16 MiB); "KB", "MB", ... are decimal as the SI
// prefixes say; "KiB", "MiB", ... are binary.
struct SizeUnit {
  std::string_view name;  // lower case
  std::uint64_t bytes;
};
constexpr std::uint64_t kKi = 1024;
constexpr std::uint64_t kKilo = 1000;
constexpr std::array<SizeUnit, 14> kSizeUnits = {{
    {"", 1},
    {"b", 1},
    {"k", kKi},
    {"kb", kKilo},
    {"kib", kKi},
    {"m", kKi* kKi},
    {"mb", kKilo* kKilo},
    {"mib", kKi* kKi},
    {"g", kKi* kKi* kKi},
    {"gb", kKilo* kKilo* kKilo},
    {"gib", kKi* kKi* kKi},
    {"t", kKi* kKi* kKi* kKi},
    {"tb", kKilo* kKilo* kKilo* kKilo},
    {"tib", kKi* kKi* kKi* kKi},
}};

// How describe() spells a size: the largest unit that divides it exactly,
// binary before decimal (a byte count an operator wrote as "16MiB" comes back
// as "16MiB").
constexpr std::array<SizeUnit, 8> kSizeSpellings = {{
    {"TiB", kKi* kKi* kKi* kKi},
    {"GiB", kKi* kKi* kKi},
    {"MiB", kKi* kKi},
    {"KiB", kKi},
    {"TB", kKilo* kKilo* kKilo* kKilo},
    {"GB", kKilo* kKilo* kKilo},
    {"MB", kKilo* kKilo},
    {"kB", kKilo},
}};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads the decimal number at the front of `text` into `value`, removing it.
// False when there is no digit or the number does not fit in 64 bits.
bool take_number(std::string_view& text, std::uint64_t& value) {
  constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();
  std::size_t digits = 0;
  value = 0;
  while (digits < text.size() && is_digit(text[digits])) {
    const auto digit = static_cast<std::uint64_t>(text[digits] - '0');
    if (value > (kMax - digit) / 10) return false;
    value = value * 10 + digit;
    ++digits;
  }
  text.remove_prefix(digits);
  return digits > 0;
}

// The index of the duration unit at the front of `text` ("ms" before "m").
std::optional<std::size_t> take_duration_unit(std::string_view& text) {
  std::optional<std::size_t> best;
  for (std::size_t i = 0; i < kDurationUnits.size(); ++i) {
    const std::string_view name = kDurationUnits[i].name;
    if (text.starts_with(name) && (!best || name.size() > kDurationUnits[*best].name.size())) {
      best = i;
    }
  }
  if (best) text.remove_prefix(kDurationUnits[*best].name.size());
  return best;
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

std::optional<Millis> parse_duration(std::string_view text) {
  const auto max = static_cast<std::uint64_t>(kMaxDuration.count());
  if (text.empty()) return std::nullopt;
  std::uint64_t total = 0;
  std::optional<std::size_t> previous_unit;
  while (!text.empty()) {
    std::uint64_t count = 0;
    if (!take_number(text, count)) return std::nullopt;
    const std::optional<std::size_t> unit = take_duration_unit(text);
    if (!unit || (previous_unit && *unit <= *previous_unit)) return std::nullopt;
    previous_unit = unit;
    const auto unit_millis = static_cast<std::uint64_t>(kDurationUnits[*unit].millis);
    if (count > max / unit_millis) return std::nullopt;
    total += count * unit_millis;  // both terms <= max: no overflow
    if (total > max) return std::nullopt;
  }
  return Millis(static_cast<std::int64_t>(total));
}

std::optional<std::uint64_t> parse_size(std::string_view text) {
  std::uint64_t count = 0;
  if (!take_number(text, count)) return std::nullopt;
  const std::string unit = lower(text);
  for (const SizeUnit& candidate : kSizeUnits) {
    if (candidate.name != unit) continue;
    if (count > std::numeric_limits<std::uint64_t>::max() / candidate.bytes) return std::nullopt;
    return count * candidate.bytes;
  }
  return std::nullopt;
}

std::string format_duration(Millis duration) {
  if (duration.count() <= 0) return "0s";
  std::int64_t rest = duration.count();
  std::string out;
  for (const DurationUnit& unit : kDurationUnits) {
    if (rest >= unit.millis) {
      out += std::to_string(rest / unit.millis);
      out += unit.name;
      rest %= unit.millis;
    }
  }
  return out;
}

std::string format_size(std::uint64_t bytes) {
  if (bytes != 0) {
    for (const SizeUnit& unit : kSizeSpellings) {
      if (bytes % unit.bytes == 0)
        return std::to_string(bytes / unit.bytes) + std::string(unit.name);
    }
  }
  return std::to_string(bytes) + "B";
}

}  // namespace config
