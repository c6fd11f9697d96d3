// Line-level noise: the phrases and shapes of page chrome that survive inside
// the article container (share widgets, disclaimers, "related" headings,
// breadcrumbs, print/close controls, footers, author cards). The tables are
// in noise.cc; the filter stage (filter.h) applies them line by line.
#ifndef JINGWEN_CLEAN_NOISE_H_
#define JINGWEN_CLEAN_NOISE_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace clean {

enum class NoiseAction : std::uint8_t {
  kNone,
  kDrop,  // the line goes
  kCut,   // the line and everything after it go ("特别声明：以上内容…")
  // A heading of a list ("相关推荐", "相关新闻"): when a list follows, the
  // line and everything after it go; when prose follows (NetEase finance
  // pages append a second story under "相关新闻"), the heading and the short
  // lines under it go and the prose stays.
  kCutList,
};

enum class NoiseMatch : std::uint8_t {
  kWhole,     // the line is the phrase
  kPrefix,    // the line starts with the phrase
  kContains,  // the phrase is somewhere in the line
};

struct NoisePhrase {
  std::string_view text;  // Simplified Chinese (the filter runs after conversion)
  NoiseMatch match;
  NoiseAction action;
  // The rule applies only to lines of at most this many characters: a
  // longer line is prose that happens to contain the phrase. 0: any length.
  int max_chars;
};

std::span<const NoisePhrase> noise_phrases();

struct NoiseVerdict {
  NoiseAction action = NoiseAction::kNone;
  std::string_view why;  // the phrase or shape that matched, for reasons
};

// Classifies one collapsed line of text.
NoiseVerdict classify_noise(std::string_view line);
// The same for a line whose noise_key() the caller has already.
// REQUIRES: `key` == noise_key(line).
NoiseVerdict classify_noise_key(std::string_view key);

// What a short page that is no article says of itself: an error page
// ("页面不存在", "404 Not Found") or a login wall ("登录后查看"). Returns the
// kind ("error page", "login wall") or "" when `text` says neither.
std::string_view non_article_kind(std::string_view text);

// The line as the phrase tables see it: spaces removed, one pair of
// enclosing brackets (【】[]「」()（）) and trailing colons stripped.
std::string noise_key(std::string_view line);

// True for a line that is only a date and time (`2024-06-06 22:42:57`): the
// timestamp of a headline list entry. A bare date (`2023年2月1日`) is not: it
// closes government notices.
bool is_bare_timestamp(std::string_view line);

}  // namespace clean

#endif  // JINGWEN_CLEAN_NOISE_H_
