#include "clean/pinyin.h"

#include <gtest/gtest.h>

#include <string>

namespace clean {
namespace {

// The text after strip_pinyin(), and how many annotations it removed.
struct Stripped {
  std::string text;
  int removed;
};
Stripped strip(std::string text) {
  const int removed = strip_pinyin(text);
  return {text, removed};
}

void expect_kept(const std::string& text) {
  const Stripped s = strip(text);
  EXPECT_EQ(s.text, text);
  EXPECT_EQ(s.removed, 0) << text;
}

// --- Removed ---

TEST(PinyinStrip, OneSyllableAfterEachCharacter) {
  const Stripped s = strip("網(wǎng)易首頁 > 網(wǎng)易號");
  EXPECT_EQ(s.text, "網易首頁 > 網易號");
  EXPECT_EQ(s.removed, 2);
}

TEST(PinyinStrip, AdjacentAnnotatedCharacters) {
  const Stripped s = strip("推進義務(wù)教育優(yōu)質(zhì)均衡");
  EXPECT_EQ(s.text, "推進義務教育優質均衡");
  EXPECT_EQ(s.removed, 3);
}

TEST(PinyinStrip, FullWidthParentheses) {
  EXPECT_EQ(strip("網（wǎng）易").text, "網易");
  EXPECT_EQ(strip("網（wǎng)易").text, "網易");  // mismatched pair, still a reading
}

TEST(PinyinStrip, SeveralSyllablesOneSpaceApart) {
  const Stripped s = strip("优质(yōu zhì)教育");
  EXPECT_EQ(s.text, "优质教育");
  EXPECT_EQ(s.removed, 1);
}

TEST(PinyinStrip, NeutralToneSyllableBesideAToneMark) {
  EXPECT_EQ(strip("朋友(péng you)来了").text, "朋友来了");
}

TEST(PinyinStrip, UmlautAndSyllabicNasals) {
  EXPECT_EQ(strip("綠(lǜ)色").text, "綠色");
  EXPECT_EQ(strip("女(nǚ)士").text, "女士");
  EXPECT_EQ(strip("嗯(ń)，好").text, "嗯，好");
  EXPECT_EQ(strip("呣(ḿ)").text, "呣");
  EXPECT_EQ(strip("嗯(ňg)").text, "嗯");
}

TEST(PinyinStrip, SingleToneMarkedVowelAfterHan) { EXPECT_EQ(strip("啊(ā)").text, "啊"); }

TEST(PinyinStrip, ReadingInsideAnotherParenthesis) {
  // The outer parenthesis holds Chinese and stays; the reading inside goes.
  EXPECT_EQ(strip("內容(如有圖片亦包括在內(nèi))").text, "內容(如有圖片亦包括在內)");
}

// --- Kept ---

TEST(PinyinStrip, KeepsNumbers) { expect_kept("年度报告(2023)发布"); }

TEST(PinyinStrip, KeepsChineseInParentheses) { expect_kept("本报讯(记者周佳贝)昨日"); }

TEST(PinyinStrip, KeepsSourceNotes) { expect_kept("新闻(来源:新华社)"); }

TEST(PinyinStrip, KeepsUpperCaseAbbreviations) { expect_kept("美联社(AP)报道，国内生产总值(GDP)增长"); }

TEST(PinyinStrip, KeepsSyllablesWithoutToneMarks) {
  expect_kept("结构助词的(de)");
  expect_kept("中国(zhong guo)");
}

TEST(PinyinStrip, KeepsEnglishWordsInBrackets) {
  expect_kept("苹果公司(Apple)与(and)谷歌");
  expect_kept("咖啡馆(café)开业");  // é is a tone mark, but "cafe" is no syllable
  expect_kept("居里夫人(née Skłodowska)");
}

TEST(PinyinStrip, KeepsToneMarkAfterLatinLetter) { expect_kept("abc(ā) x(wǎng)"); }

TEST(PinyinStrip, KeepsReadingAfterPunctuationOrSpace) {
  expect_kept("好。(wǎng)");
  expect_kept("網 (wǎng)");
  expect_kept("(wǎng)開頭");
}

TEST(PinyinStrip, KeepsSpacingThatIsNotOneSpace) {
  expect_kept("優質( yōu zhì)");
  expect_kept("優質(yōu  zhì)");
  expect_kept("優質(yōu zhì )");
}

TEST(PinyinStrip, KeepsLettersThatAreNotPinyin) {
  expect_kept("類型(vǎ)");   // ASCII v only stands in for ü when typing
  expect_kept("網(wǎng1)");  // digits
}

// --- Bounds and hostile input ---

TEST(PinyinStrip, KeepsOverlongSyllablesAndTooManySyllables) {
  expect_kept("網(wǎngwǎng)");
  expect_kept("網(zhuàngg)");
  expect_kept("四個字詞(yī èr sān sì wǔ)");
  EXPECT_EQ(strip("四個字詞(yī èr sān sì)").text, "四個字詞");  // kMaxPinyinSyllables
}

TEST(PinyinStrip, KeepsUnclosedParenthesis) {
  expect_kept("網(wǎng");
  expect_kept("網(wǎng zhì");
  expect_kept("網(");
}

TEST(PinyinStrip, MalformedUtf8IsKeptByteForByte) {
  expect_kept("網(\xff)易");
  expect_kept("\xe4\xb8(wǎng)");
  const Stripped s = strip("\xff網(wǎng)\xe4");
  EXPECT_EQ(s.text, "\xff網\xe4");
  EXPECT_EQ(s.removed, 1);
}

TEST(PinyinStrip, LongRunsOfParenthesesStayLinear) {
  std::string text;
  for (int k = 0; k < 100000; ++k) text += "網(wǎng wǎng wǎng wǎng";
  const std::string before = text;
  EXPECT_EQ(strip_pinyin(text), 0);
  EXPECT_EQ(text, before);
}

}  // namespace
}  // namespace clean
