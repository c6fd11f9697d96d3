#include "clean/text.h"

#include <gtest/gtest.h>

#include <string>

namespace clean {
namespace {

TEST(Text, CollapseDropsIndentsNbspAndZeroWidth) {
  EXPECT_EQ(collapse_whitespace("\u3000\u3000第一段\u200b文字。\u00a0\u00a0"), "第一段文字。");
  EXPECT_EQ(collapse_whitespace("  hello \n\t world  "), "hello world");
}

TEST(Text, CollapseJoinsChineseAcrossSourceLineBreaks) {
  EXPECT_EQ(collapse_whitespace("中文\n   句子，继续"), "中文句子，继续");
  EXPECT_EQ(collapse_whitespace("中文 GDP 增长"), "中文 GDP 增长");
  EXPECT_EQ(collapse_whitespace("来源：新华社  编辑：张三"), "来源：新华社 编辑：张三");
}

TEST(Text, Utf8PrefixNeverSplitsACharacter) {
  const std::string s = "政务a公开";  // 3 + 3 + 1 + 3 + 3 bytes
  EXPECT_EQ(utf8_prefix(s, 100), s);
  EXPECT_EQ(utf8_prefix(s, 4), "政");
  EXPECT_EQ(utf8_prefix(s, 7), "政务a");
  EXPECT_EQ(utf8_prefix(s, 9), "政务a");
  EXPECT_EQ(utf8_prefix(s, 2), "");
  EXPECT_EQ(utf8_prefix(s, 0), "");
}

TEST(Text, EnclosingBracketsOnUtf8MatchUtf32) {
  for (std::string_view s : {"【相关阅读】", "[a]", "「引」", "(x)", "（来源）", "【】", "()", "【", "】",
                             "【a]", "a", "", "(字"}) {
    EXPECT_EQ(std::string(without_enclosing_brackets(s)),
              to_utf8(without_enclosing_brackets(std::u32string_view(to_u32(s)))))
        << s;
  }
  EXPECT_EQ(without_enclosing_brackets(std::string_view("【相关阅读】")), "相关阅读");
  EXPECT_EQ(without_enclosing_brackets(std::string_view("【相关】阅读")), "【相关】阅读");
}

TEST(Text, KeepsSoftHyphen) { EXPECT_EQ(collapse_whitespace("Not\u00adfall"), "Not\u00adfall"); }

TEST(Text, StatsWeighHanDouble) {
  const TextStats st = text_stats("中文，ab");
  EXPECT_EQ(st.han, 2);
  EXPECT_EQ(st.chars, 5);
  EXPECT_EQ(st.punct, 1);
  EXPECT_EQ(st.weighted, 2 * kHanWeight + 3);
}

TEST(Text, MalformedUtf8TerminatesAsReplacement) {
  const std::string bad = "\xE4\xB8";  // a truncated 3-byte sequence
  std::size_t i = 0;
  EXPECT_EQ(next_code_point(bad, i), U'\uFFFD');
  EXPECT_EQ(i, 1u);
}

// The character classes as listed, one test per code point: the inline
// versions in text.h order their tests for speed and must not change a class.
bool listed_space(char32_t cp) {
  constexpr char32_t kSpaces[] = {' ',    '\t',   '\n',   '\r',   '\f',   '\v',   0xA0,   0x3000,
                                  0x1680, 0x2028, 0x2029, 0x202F, 0x205F};
  for (char32_t s : kSpaces) {
    if (cp == s) return true;
  }
  return cp >= 0x2000 && cp <= 0x200A;
}

bool listed_invisible(char32_t cp) {
  constexpr char32_t kInvisible[] = {0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x7F};
  for (char32_t s : kInvisible) {
    if (cp == s) return true;
  }
  return cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r';
}

TEST(Text, SpaceAndInvisibleClassesMatchTheirLists) {
  int spaces = 0, invisible = 0;
  for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    ASSERT_EQ(is_space(cp), listed_space(cp)) << std::hex << static_cast<unsigned>(cp);
    ASSERT_EQ(is_invisible(cp), listed_invisible(cp)) << std::hex << static_cast<unsigned>(cp);
    spaces += is_space(cp);
    invisible += is_invisible(cp);
  }
  EXPECT_EQ(spaces, 24);
  EXPECT_EQ(invisible, 35);
}

// text_stats() takes ASCII on a fast path: the counts must be those of the
// character classes.
TEST(Text, StatsOfEveryAsciiByte) {
  std::string ascii;
  for (int c = 0; c < 0x80; ++c) ascii += static_cast<char>(c);
  const TextStats st = text_stats(ascii);
  EXPECT_EQ(st.chars, 0x7E - 0x21 + 1);  // '!' to '~'
  EXPECT_EQ(st.weighted, st.chars);
  EXPECT_EQ(st.punct, 4);                // , ; ! ?
  EXPECT_EQ(st.han, 0);
  EXPECT_EQ(st.kana, 0);
}

TEST(Text, NextCodePointDecodesEveryLength) {
  const std::string s = "a\u00e9\u4e2d\U0001F600";
  std::size_t i = 0;
  EXPECT_EQ(next_code_point(s, i), U'a');
  EXPECT_EQ(i, 1u);
  EXPECT_EQ(next_code_point(s, i), U'\u00e9');
  EXPECT_EQ(i, 3u);
  EXPECT_EQ(next_code_point(s, i), U'\u4e2d');
  EXPECT_EQ(i, 6u);
  EXPECT_EQ(next_code_point(s, i), U'\U0001F600');
  EXPECT_EQ(i, 10u);
}

}  // namespace
}  // namespace clean
