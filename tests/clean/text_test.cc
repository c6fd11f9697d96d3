#include "clean/text.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace clean
