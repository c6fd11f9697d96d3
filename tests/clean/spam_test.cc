// Spam span removal (clean/spam.h): keyword runs go, honest sentences that
// mention a lexicon word stay. The spam strings below are made up in the
// shape of the seeds' injections, not copied from any page.
#include "clean/spam.h"

#include <gtest/gtest.h>

#include <string>

namespace clean {
namespace {

struct Removed {
  std::string text;
  SpamCut cut;
};

Removed Remove(std::string line) {
  const SpamCut cut = remove_spam(line);
  return {line, cut};
}

TEST(Spam, PipeRunOnItsOwnLineGoes) {
  const Removed r = Remove("国产av一区二区|免费成人影片在线观看|日韩无码高清播放|人妻偷拍视频");
  EXPECT_EQ(r.text, "");
  EXPECT_EQ(r.cut.spans, 1);
}

TEST(Spam, UnderscoreRunInsideBookTitleGoesAndHonestTextStays) {
  const Removed r = Remove("区里出台《最大赌博365网站_365网站不给出款怎么办_365APP“学有优教”三年行动方案》等文件。");
  EXPECT_EQ(r.text, "区里出台《“学有优教”三年行动方案》等文件。");
  EXPECT_EQ(r.cut.spans, 1);
}

TEST(Spam, LastSegmentGluedToHonestTextEndsAfterItsLastTerm) {
  const Removed r = Remove("制定《棋牌娱乐城官网_百家乐开户app城区中学提升计划》。");
  EXPECT_EQ(r.text, "制定《城区中学提升计划》。");
}

// Injected mid-sentence with no delimiter before it: the honest words before
// the run's first term stay; a short lead-in (`英国最大…`) is part of the run.
TEST(Spam, FirstSegmentGluedToHonestTextStartsAtItsFirstTerm) {
  EXPECT_EQ(Remove("区督查室将对澳门赌场_在线博彩平台_真人视讯APP整治进度开展专项督查。").text,
            "区督查室将对整治进度开展专项督查。");
  EXPECT_EQ(Remove("出台《英国最大赌博365网站_365网站不给出款怎么办_365APP行动方案》。").text, "出台《行动方案》。");
}

TEST(Spam, TwoRunsInOneLineCountTwice) {
  const Removed r = Remove("甲《赌博网站_时时彩平台》乙，丙《六合彩投注_老虎机下载》丁。");
  EXPECT_EQ(r.text, "甲《》乙，丙《》丁。");
  EXPECT_EQ(r.cut.spans, 2);
}

TEST(Spam, FullWidthSeparatorsCount) {
  EXPECT_EQ(Remove("百家乐真人视讯｜澳门葡京赌场｜博彩官网").text, "");
}

TEST(Spam, SentenceMentioningALexiconWordStays) {
  for (const char* honest : {
           "警方严厉打击网络赌博和色情信息传播，共关停违法网站三百余个。",
           "本报记者走访了三家彩票销售点，了解购彩者的想法。",
           "他用 java 写了一个 avatar_upload 工具。",
       }) {
    EXPECT_EQ(Remove(honest).text, honest) << honest;
    EXPECT_EQ(Remove(honest).cut.spans, 0) << honest;
  }
}

// 成人 used to be a strong term and made school titles spam.
TEST(Spam, WeakTermsAloneAreNotSpam) {
  for (const char* honest : {"成人高考_继续教育学院", "首页|新闻|体育|娱乐|视频|下载", "在线报名_免费咨询_官网"}) {
    EXPECT_EQ(Remove(honest).text, honest) << honest;
  }
}

TEST(Spam, AsciiTermsMatchOnlyAsWholeWords) {
  EXPECT_EQ(Remove("java_avatar_travel").cut.spans, 0);
  EXPECT_EQ(Remove("AV三级片_无码视频").cut.spans, 1);
}

TEST(Spam, EveryStrongTermMakesARunSpam) {
  for (std::string_view term : spam_strong_terms()) {
    const std::string line = "活动报名|" + std::string(term) + "免费下载|官网入口";
    EXPECT_GT(Remove(line).cut.spans, 0) << line;
  }
}

TEST(Spam, NoWeakTermMakesARunSpamAlone) {
  for (std::string_view term : spam_weak_terms()) {
    const std::string line = "活动报名|" + std::string(term) + "入口|官方说明";
    EXPECT_EQ(Remove(line).cut.spans, 0) << line;
  }
}

TEST(Spam, ShortKeywordLineWithoutSeparatorsIsSpam) {
  EXPECT_TRUE(is_spam_text("澳门威尼斯人娱乐城百家乐官网"));
  EXPECT_FALSE(is_spam_text("北仑获评全国义务教育优质均衡发展区"));
  EXPECT_FALSE(is_spam_text("市公安局破获一起网络赌博案，涉案赌场服务器设在境外。"));
}

TEST(Spam, HijackedTitleIsSpamText) {
  EXPECT_TRUE(is_spam_text("国产av在线|日本不卡网站|成人影片免费观看"));
  EXPECT_FALSE(is_spam_text("北仑教育局2022年工作总结_北仑区人民政府"));
}

TEST(Spam, HostileBytesNeverCrash) {
  std::string junk;
  for (int i = 0; i < 5000; ++i) junk += static_cast<char>(i * 37 % 256);
  junk += std::string(10000, '|') + std::string(10000, '_');
  const SpamCut cut = remove_spam(junk);
  EXPECT_EQ(cut.spans, 0);  // separators with no lexicon terms are not spam
  EXPECT_NE(junk.find("||||"), std::string::npos);
}

}  // namespace
}  // namespace clean
