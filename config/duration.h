// Internal to config/: the inverse of parse_duration and parse_size, for
// describe(). Each output parses back to the same value.
#ifndef JINGWEN_CONFIG_DURATION_H_
#define JINGWEN_CONFIG_DURATION_H_

#include <cstdint>
#include <string>

#include "config/config.h"

namespace config {

// The longest duration parse_duration accepts.
inline constexpr Millis kMaxDuration{365LL * 24 * 3600 * 1000};

// 5'400'000 ms -> "1h30m"; 0 -> "0s"; 1'500 ms -> "1s500ms". REQUIRES: duration >= 0.
std::string format_duration(Millis duration);
// 16 MiB -> "16MiB", 10^9 -> "1GB", 1000 -> "1kB", 1023 -> "1023B", 0 -> "0B".
std::string format_size(std::uint64_t bytes);

}  // namespace config

#endif  // JINGWEN_CONFIG_DURATION_H_
