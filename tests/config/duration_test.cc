// parse_duration / parse_size: the grammar of durations and sizes in the
// config, and the spellings describe() writes back.
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>

#include "config/config.h"
#include "config/duration.h"

namespace {

using config::Millis;
using config::parse_duration;
using config::parse_size;

constexpr std::int64_t kSecond = 1000;
constexpr std::int64_t kMinute = 60 * kSecond;
constexpr std::int64_t kHour = 60 * kMinute;
constexpr std::int64_t kDay = 24 * kHour;

TEST(ParseDuration, AcceptsEachUnit) {
  EXPECT_EQ(parse_duration("500ms"), Millis(500));
  EXPECT_EQ(parse_duration("90s"), Millis(90 * kSecond));
  EXPECT_EQ(parse_duration("15m"), Millis(15 * kMinute));
  EXPECT_EQ(parse_duration("6h"), Millis(6 * kHour));
  EXPECT_EQ(parse_duration("2d"), Millis(2 * kDay));
}

TEST(ParseDuration, AcceptsComponentsFromLongestToShortest) {
  EXPECT_EQ(parse_duration("1h30m"), Millis(kHour + 30 * kMinute));
  EXPECT_EQ(parse_duration("1d2h3m4s5ms"),
            Millis(kDay + 2 * kHour + 3 * kMinute + 4 * kSecond + 5));
  EXPECT_EQ(parse_duration("1m500ms"), Millis(kMinute + 500));
}

TEST(ParseDuration, AcceptsZero) {
  EXPECT_EQ(parse_duration("0s"), Millis(0));
  EXPECT_EQ(parse_duration("0ms"), Millis(0));
  EXPECT_EQ(parse_duration("0d"), Millis(0));
}

TEST(ParseDuration, AcceptsUpTo365Days) {
  EXPECT_EQ(parse_duration("365d"), Millis(365 * kDay));
  EXPECT_EQ(parse_duration("364d24h"), Millis(365 * kDay));
  EXPECT_EQ(parse_duration("365d1ms"), std::nullopt);
  EXPECT_EQ(parse_duration("366d"), std::nullopt);
  EXPECT_EQ(parse_duration("8761h"), std::nullopt);
}

TEST(ParseDuration, RejectsMalformed) {
  for (const char* text : {"", "15", "m", "-5s", "+5s", "1.5h", "15 m", " 15m", "15m ", "15M",
                           "15min", "5x", "1h-30m", "1hh", "s1", "1_000s"}) {
    EXPECT_EQ(parse_duration(text), std::nullopt) << text;
  }
}

TEST(ParseDuration, RejectsUnitsOutOfOrderOrRepeated) {
  EXPECT_EQ(parse_duration("30m1h"), std::nullopt);
  EXPECT_EQ(parse_duration("1m1m"), std::nullopt);
  EXPECT_EQ(parse_duration("5ms1s"), std::nullopt);
}

TEST(ParseDuration, RejectsOverflow) {
  EXPECT_EQ(parse_duration("18446744073709551616ms"), std::nullopt);  // 2^64
  EXPECT_EQ(parse_duration("9223372036854775807d"), std::nullopt);
  EXPECT_EQ(parse_duration("99999999999999999999999999s"), std::nullopt);
}

TEST(ParseSize, AcceptsBytes) {
  EXPECT_EQ(parse_size("0"), 0u);
  EXPECT_EQ(parse_size("1024"), 1024u);
  EXPECT_EQ(parse_size("1024B"), 1024u);
  EXPECT_EQ(parse_size("18446744073709551615"), UINT64_MAX);
}

TEST(ParseSize, BinaryAndDecimalUnits) {
  EXPECT_EQ(parse_size("16MiB"), 16u << 20);
  EXPECT_EQ(parse_size("64mib"), 64u << 20);
  EXPECT_EQ(parse_size("2KiB"), 2048u);
  EXPECT_EQ(parse_size("1GiB"), 1u << 30);
  EXPECT_EQ(parse_size("1TiB"), std::uint64_t{1} << 40);
  EXPECT_EQ(parse_size("1GB"), 1'000'000'000u);
  EXPECT_EQ(parse_size("5MB"), 5'000'000u);
  EXPECT_EQ(parse_size("3kB"), 3000u);
  EXPECT_EQ(parse_size("2TB"), 2'000'000'000'000u);
}

TEST(ParseSize, BareLettersAreBinary) {
  EXPECT_EQ(parse_size("500k"), 500u * 1024);
  EXPECT_EQ(parse_size("500K"), 500u * 1024);
  EXPECT_EQ(parse_size("16m"), 16u << 20);
  EXPECT_EQ(parse_size("2g"), 2u << 30);
}

TEST(ParseSize, RejectsMalformed) {
  for (const char* text : {"", "MiB", "-1", "1.5MiB", "16 MiB", " 16MiB", "16MiB ", "16Mb/s",
                           "16XB", "16iB", "0x10", "1e6"}) {
    EXPECT_EQ(parse_size(text), std::nullopt) << text;
  }
}

TEST(ParseSize, RejectsOverflow) {
  EXPECT_EQ(parse_size("18446744073709551616"), std::nullopt);  // 2^64
  EXPECT_EQ(parse_size("16777216TiB"), std::nullopt);           // 2^64 bytes
  EXPECT_EQ(parse_size("16777215TiB"), std::uint64_t{16777215} << 40);
}

TEST(FormatDuration, SpellsComponentsAndParsesBack) {
  EXPECT_EQ(config::format_duration(Millis(0)), "0s");
  EXPECT_EQ(config::format_duration(Millis(500)), "500ms");
  EXPECT_EQ(config::format_duration(Millis(90 * kSecond)), "1m30s");
  EXPECT_EQ(config::format_duration(Millis(kHour + 30 * kMinute)), "1h30m");
  EXPECT_EQ(config::format_duration(Millis(2 * kDay + 1)), "2d1ms");
  for (std::int64_t ms : {std::int64_t{1}, 999 * kSecond, 7 * kDay + 3 * kHour + 7, 365 * kDay}) {
    EXPECT_EQ(parse_duration(config::format_duration(Millis(ms))), Millis(ms)) << ms;
  }
}

TEST(FormatSize, LargestExactUnitAndParsesBack) {
  EXPECT_EQ(config::format_size(0), "0B");
  EXPECT_EQ(config::format_size(1023), "1023B");
  EXPECT_EQ(config::format_size(16u << 20), "16MiB");
  EXPECT_EQ(config::format_size(1536), "1536B");
  EXPECT_EQ(config::format_size(3072), "3KiB");
  EXPECT_EQ(config::format_size(1'000'000'000), "1GB");
  EXPECT_EQ(config::format_size(3000), "3kB");
  for (std::uint64_t bytes : {std::uint64_t{1}, std::uint64_t{1536}, std::uint64_t{64} << 20,
                              std::uint64_t{5'000'000}, UINT64_MAX}) {
    EXPECT_EQ(parse_size(config::format_size(bytes)), bytes) << bytes;
  }
}

}  // namespace
