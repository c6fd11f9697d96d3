#include "clean/text.h"

#include <utility>

namespace clean {

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::u32string to_u32(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) out += next_code_point(s, i);
  return out;
}

std::string to_utf8(std::u32string_view s) {
  std::string out;
  out.reserve(s.size() * 3);
  for (char32_t c : s) append_utf8(out, c);
  return out;
}

std::size_t char_count(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++n) next_code_point(s, i);
  return n;
}

bool is_han(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

namespace {
constexpr std::pair<char32_t, char32_t> kBrackets[] = {
    {U'【', U'】'}, {'[', ']'}, {U'「', U'」'}, {'(', ')'}, {U'（', U'）'}};
constexpr std::size_t kMaxUtf8Bytes = 4;
}  // namespace

std::u32string_view without_enclosing_brackets(std::u32string_view s) {
  for (auto [open, close] : kBrackets) {
    if (s.size() >= 2 && s.front() == open && s.back() == close) return s.substr(1, s.size() - 2);
  }
  return s;
}

std::string_view without_enclosing_brackets(std::string_view s) {
  if (s.empty()) return s;
  std::size_t first_end = 0;
  const char32_t first = next_code_point(s, first_end);
  // The last code point starts at the last byte that is no continuation byte.
  std::size_t last_start = s.size() - 1;
  while (last_start > 0 && s.size() - last_start < kMaxUtf8Bytes &&
         (static_cast<unsigned char>(s[last_start]) & 0xC0) == 0x80) {
    --last_start;
  }
  if (last_start < first_end) return s;  // one code point: no pair
  std::size_t last_end = last_start;
  const char32_t last = next_code_point(s, last_end);
  if (last_end != s.size()) return s;  // not well-formed
  for (auto [open, close] : kBrackets) {
    if (first == open && last == close) return s.substr(first_end, last_start - first_end);
  }
  return s;
}

bool is_kana(char32_t cp) { return cp >= 0x3041 && cp <= 0x30FF && cp != 0x30FB && cp != 0x30FC; }

bool is_cjk_punct(char32_t cp) {
  switch (cp) {
    case U'，': case U'。': case U'！': case U'？': case U'；': case U'：':
    case U'、': case U'“': case U'”': case U'‘': case U'’': case U'《':
    case U'》': case U'（': case U'）': case U'…': case U'—': case U'「':
    case U'」': case U'『': case U'』': case U'【': case U'】':
      return true;
    default:
      return false;
  }
}

TextStats text_stats(std::string_view s) {
  TextStats st;
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      // ASCII, the bulk of a page's text nodes (indentation, Latin): visible
      // from '!' to '~'; neither Han nor kana nor CJK punctuation.
      ++i;
      if (b <= ' ' || b == 0x7F) continue;
      ++st.chars;
      ++st.weighted;
      if (b == ',' || b == ';' || b == '!' || b == '?') ++st.punct;
      continue;
    }
    const char32_t cp = next_multibyte_code_point(s, i);
    if (is_space(cp) || is_invisible(cp)) continue;
    ++st.chars;
    if (is_han(cp)) {
      ++st.han;
      st.weighted += kHanWeight;
      continue;
    }
    ++st.weighted;
    if (is_kana(cp)) ++st.kana;
    if (is_cjk_punct(cp) || cp == ',' || cp == ';' || cp == '!' || cp == '?') ++st.punct;
  }
  return st;
}

namespace {
// Chinese runs need no space between them; a source line break inside a
// paragraph must not put one there.
bool is_cjk_glyph(char32_t cp) { return is_han(cp) || is_cjk_punct(cp); }
}  // namespace

std::string collapse_whitespace(std::string_view s) {
  constexpr char32_t kReplacement = 0xFFFD;
  std::string out;
  out.reserve(s.size());
  // Kept characters are copied a run of bytes at a time: s[run, i) is kept
  // and not yet in `out`.
  std::size_t run = 0;
  auto flush = [&](std::size_t to) {
    out.append(s, run, to - run);
  };
  bool pending_space = false;
  bool pending_newline = false;
  char32_t last = 0;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t start = i;
    const char32_t cp = next_code_point(s, i);
    if (is_invisible(cp) || is_space(cp)) {
      flush(start);
      run = i;
      if (is_space(cp)) {
        pending_space = !out.empty();
        pending_newline = pending_newline || cp == '\n' || cp == '\r';
      }
      continue;
    }
    if (pending_space && !(pending_newline && is_cjk_glyph(last) && is_cjk_glyph(cp))) out += ' ';
    pending_space = pending_newline = false;
    if (cp == kReplacement) {  // a malformed sequence reads as U+FFFD; write that, not the bytes
      flush(start);
      append_utf8(out, cp);
      run = i;
    }
    last = cp;
  }
  flush(s.size());
  return out;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view utf8_prefix(std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  std::size_t n = max_bytes;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;  // continuation bytes
  return s.substr(0, n);
}

}  // namespace clean
