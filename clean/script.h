// Stage 5, convert: Traditional Chinese text becomes Simplified, and only
// Traditional text pays for it. Detection is a cheap count of characters
// that exist in one script only (table in script_table.cc); OpenCC
// (opencc.h) runs only when that count says Traditional.
//
// Pure functions of their input, except that the OpenCC config is loaded
// once per process and shared (see opencc.h). Thread-safe.
#ifndef JINGWEN_CLEAN_SCRIPT_H_
#define JINGWEN_CLEAN_SCRIPT_H_

#include <span>
#include <string>
#include <string_view>

namespace clean {

// What one character says about the script of the text around it.
enum class ScriptMark : unsigned char {
  kNone,         // not Han, the same in both scripts (中, 人), or a Simplified
                 // form that Traditional writes too (后 in 皇后, 里 in 公里)
  kTraditional,  // written only in Traditional (們, 這, 說, 國, ...)
  kSimplified,   // written only in Simplified (们, 这, 说, 国, ...)
};
ScriptMark script_mark(char32_t cp);

// How many script-specific characters a text holds.
struct ScriptCounts {
  int traditional = 0;
  int simplified = 0;

  ScriptCounts& operator+=(const ScriptCounts& other) {
    traditional += other.traditional;
    simplified += other.simplified;
    return *this;
  }
};
ScriptCounts count_script(std::string_view text);

// Below this many Traditional-only characters a text is not converted: one
// quoted name (《蘋果日報》) is not a Traditional article.
constexpr int kMinTraditionalMarks = 3;
// Traditional-only characters must outnumber Simplified-only ones this many
// times over. Hong Kong and Taiwan pages carry a few Simplified characters
// (a Traditional dev-corpus page: 66 to 5; the pinyin seed 003: 418 to 34,
// its spam line included), while a Simplified page quoting a Traditional
// title has far more Simplified than Traditional characters.
constexpr int kTraditionalPerSimplified = 2;

// True when `counts` read as Traditional Chinese.
bool reads_traditional(const ScriptCounts& counts);

// What convert_if_traditional() did.
struct ScriptResult {
  bool converted = false;  // OpenCC ran
  std::string from;        // "zh-Hant" when converted, else ""
  // Non-empty when conversion was wanted but failed (bad config name,
  // missing file); names the config. The texts are then left untouched.
  std::string error;
};

// Converts every string in `texts` in place to Simplified Chinese with the
// OpenCC config `config` when, taken together, they read as Traditional.
// Simplified or non-Chinese text is left untouched and OpenCC is not called
// (nor loaded). All or nothing: on error no text changes. Null entries are
// skipped. Never throws. Thread-safe.
ScriptResult convert_if_traditional(std::span<std::string* const> texts, std::string_view config);

}  // namespace clean

#endif  // JINGWEN_CLEAN_SCRIPT_H_
