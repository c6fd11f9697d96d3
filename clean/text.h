// UTF-8 helpers shared by the stages: code point iteration and the character
// classes the scorer and the filters care about (Han, CJK punctuation, spaces
// to drop). Pure functions.
#ifndef JINGWEN_CLEAN_TEXT_H_
#define JINGWEN_CLEAN_TEXT_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace clean {

// Decodes a code point of two or more bytes at s[i]; next_code_point()'s
// path for non-ASCII. Inline too: Chinese text takes it for every character.
inline char32_t next_multibyte_code_point(std::string_view s, std::size_t& i) {
  constexpr char32_t kReplacement = 0xFFFD;
  const auto b0 = static_cast<unsigned char>(s[i]);
  const int len = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 0;
  if (len == 0 || b0 > 0xF4 || i + len > s.size()) {
    ++i;
    return kReplacement;
  }
  char32_t cp = b0 & (0x7F >> len);
  for (int k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return kReplacement;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  i += len;
  return cp;
}

// Decodes the code point at s[i] and advances i. Malformed input yields
// U+FFFD and advances one byte, so every loop over hostile bytes terminates.
// Inline with an ASCII fast path: every stage walks all text with it.
inline char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  return next_multibyte_code_point(s, i);
}
void append_utf8(std::string& out, char32_t cp);

// UTF-8 <-> code points, for the line filters that look at characters.
std::u32string to_u32(std::string_view s);
std::string to_utf8(std::u32string_view s);
// Code points in `s`.
std::size_t char_count(std::string_view s);
// `s` without one pair of brackets enclosing all of it: 【】 [] 「」 () （）.
// Pages wrap whole control and credit lines in them (`【相关阅读】`, `(来源:…)`).
std::u32string_view without_enclosing_brackets(std::u32string_view s);
// The same on UTF-8, without decoding the whole line.
// REQUIRES: `s` is well-formed UTF-8 (else it may come back whole).
std::string_view without_enclosing_brackets(std::string_view s);

bool is_han(char32_t cp);
// Hiragana and katakana: Japanese, whose kanji OpenCC must not touch.
bool is_kana(char32_t cp);
// ，。！？；：、“”‘’《》（）… and their ASCII-fullwidth cousins: the marks
// that make running Chinese prose.
bool is_cjk_punct(char32_t cp);
// Whitespace for collapsing: ASCII space, NBSP, U+3000, other Unicode spaces.
// Inline, with the common answers (printable ASCII, most of the BMP) first.
inline bool is_space(char32_t cp) {
  if (cp <= 0x20) return cp == ' ' || (cp >= '\t' && cp <= '\r');  // \t \n \v \f \r
  if (cp < 0x1680) return cp == 0xA0;
  return cp == 0x3000 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
         cp == 0x2029 || cp == 0x202F || cp == 0x205F;
}
// Invisible characters dropped outright: zero-width space/joiners, BOM, control characters.
// (Soft hyphens stay: they are part of the author's text.)
inline bool is_invisible(char32_t cp) {
  if (cp < 0x20) return cp != '\t' && cp != '\n' && cp != '\r';
  if (cp < 0x200B) return cp == 0x7F;
  return cp <= 0x200D || cp == 0x2060 || cp == 0xFEFF;
}

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
