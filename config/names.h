// Internal to config/: the spellings of the config's enum values, one table
// per enum, shared by the reader (string -> value) and describe() (value ->
// string) so the two cannot drift apart.
#ifndef JINGWEN_CONFIG_NAMES_H_
#define JINGWEN_CONFIG_NAMES_H_

#include <array>
#include <string>
#include <string_view>

#include "config/config.h"

namespace config {

template <class E>
struct Named {
  std::string_view name;
  E value;
};

inline constexpr std::array<Named<RecordFormat>, 2> kRecordFormats = {{
    {"json", RecordFormat::kJson},
    {"txt", RecordFormat::kTxt},
}};

inline constexpr std::array<Named<LogFormat>, 3> kLogFormats = {{
    {"auto", LogFormat::kAuto},
    {"journal", LogFormat::kJournal},
    {"logfmt", LogFormat::kLogfmt},
}};

// "guess" is what an absent `kind` means; accepted when written so that
// describe()'s output reads back as the same config.
inline constexpr std::array<Named<FeedKind>, 4> kFeedKinds = {{
    {"guess", FeedKind::kGuess},
    {"rss", FeedKind::kRss},
    {"atom", FeedKind::kAtom},
    {"html", FeedKind::kHtml},
}};

inline constexpr std::array<Named<SinkKind>, 2> kSinkKinds = {{
    {"redis", SinkKind::kRedis},
    {"spool", SinkKind::kSpool},
}};

template <class E, std::size_t N>
std::string_view name_of(const std::array<Named<E>, N>& table, E value) {
  for (const Named<E>& entry : table) {
    if (entry.value == value) return entry.name;
  }
  return "?";
}

// "\"json\" or \"txt\"": the choices, for error messages.
template <class E, std::size_t N>
std::string choices(const std::array<Named<E>, N>& table) {
  std::string out;
  for (std::size_t i = 0; i < N; ++i) {
    if (i > 0) out += i + 1 == N ? " or " : ", ";
    out.append("\"").append(table[i].name).append("\"");  // not "\"" + ...: a false -Wrestrict in GCC 12
  }
  return out;
}

}  // namespace config

#endif  // JINGWEN_CONFIG_NAMES_H_
