// UTF-8 helpers shared by the stages: code point iteration and the character
// classes the scorer and the filters care about (Han, CJK punctuation, spaces
// to drop). Pure functions.
#ifndef JINGWEN_CLEAN_TEXT_H_
#define JINGWEN_CLEAN_TEXT_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace clean {

// Decodes the code point at s[i] and advances i. Malformed input yields
// U+FFFD and advances one byte, so every loop over hostile bytes terminates.
char32_t next_code_point(std::string_view s, std::size_t& i);
void append_utf8(std::string& out, char32_t cp);

// UTF-8 <-> code points, for the line filters that look at characters.
std::u32string to_u32(std::string_view s);
std::string to_utf8(std::u32string_view s);
// Code points in `s`.
std::size_t char_count(std::string_view s);
// `s` without one pair of brackets enclosing all of it: 【】 [] 「」 () （）.
// Pages wrap whole control and credit lines in them (`【相关阅读】`, `(来源:…)`).
std::u32string_view without_enclosing_brackets(std::u32string_view s);

bool is_han(char32_t cp);
// Hiragana and katakana: Japanese, whose kanji OpenCC must not touch.
bool is_kana(char32_t cp);
// ，。！？；：、“”‘’《》（）… and their ASCII-fullwidth cousins: the marks
// that make running Chinese prose.
bool is_cjk_punct(char32_t cp);
// Whitespace for collapsing: ASCII space, NBSP, U+3000, other Unicode spaces.
bool is_space(char32_t cp);
// Invisible characters dropped outright: zero-width space/joiners, BOM, control characters.
// (Soft hyphens stay: they are part of the author's text.)
bool is_invisible(char32_t cp);

// Counts that the locate stage scores with.
struct TextStats {
  int chars = 0;        // visible code points, spaces excluded
  int han = 0;          // Han ideographs
  int kana = 0;         // hiragana and katakana
  int punct = 0;        // CJK punctuation plus ASCII , . ; ! ?
  int weighted = 0;     // chars with each Han ideograph counted kHanWeight times
};
constexpr int kHanWeight = 2;  // one Han character carries about two Latin letters of text
TextStats text_stats(std::string_view s);

// Collapses runs of whitespace (incl. NBSP and U+3000) into one ASCII space,
// drops invisible characters, trims both ends. A source line break between
// two Chinese characters leaves no space: Chinese has no word spaces, and
// the break is only the HTML author's line wrapping.
std::string collapse_whitespace(std::string_view s);

std::string ascii_lower(std::string_view s);

// The longest prefix of `s` of at most `max_bytes` that ends on a code point
// boundary: bounds a value or a quoted snippet without splitting a character.
std::string_view utf8_prefix(std::string_view s, std::size_t max_bytes);

}  // namespace clean

#endif  // JINGWEN_CLEAN_TEXT_H_
