// Stages 5-7 as clean::extract runs them: what converts and what must not,
// pages that are not articles, and plain-text input. Pages are written here.
#include <string>

#include <gtest/gtest.h>

#include "clean/clean.h"

namespace {

clean::Article Page(const std::string& body, const clean::Options& options = {}) {
  const std::string html = "<html><head><title>测试页面</title></head><body><div class=\"article\">" + body +
                           "</div></body></html>";
  clean::Input input;
  input.bytes = html;
  return clean::extract(input, options);
}

clean::Article Text(const std::string& text) {
  clean::Input input;
  input.bytes = text;
  input.plain_text = true;
  return clean::extract(input);
}

const std::string kTraditional =
    "<p>這個縣的圖書館今年開放了三個新的閱讀區，每天接待讀者兩千多人次，深受附近居民歡迎。</p>"
    "<p>館長說，下一步還會舉辦更多親子閱讀活動，讓孩子們從小養成讀書的習慣。</p>";

TEST(Pipeline, TraditionalConvertsAndSaysSo) {
  const clean::Article a = Page(kTraditional);
  EXPECT_EQ(a.converted_from, "zh-Hant");
  EXPECT_NE(a.text().find("这个县的图书馆今年开放了三个新的阅读区"), std::string::npos) << a.text();
}

TEST(Pipeline, SimplifiedPassesUntouched) {
  const std::string p = "这个县的图书馆今年开放了三个新的阅读区，每天接待读者两千多人次，深受附近居民欢迎。";
  const clean::Article a = Page("<p>" + p + "</p><p>" + p + "馆长说还会再办。</p>");
  EXPECT_EQ(a.converted_from, "");
  ASSERT_FALSE(a.empty());
  EXPECT_EQ(a.paragraphs.front(), p);
}

// Japanese kanji read as Traditional; OpenCC must not touch them.
TEST(Pipeline, JapaneseIsNotConverted) {
  const std::string p = "先日、図書館で新しい読書会が開かれ、多くの市民が参加しました。会場は満員でした。";
  const std::string q = "館長は、来月も子ども向けの読書会を開く予定だと話しました。詳しくは市の広報で。";
  const clean::Article a = Page("<p>" + p + "</p><p>" + q + "</p>");
  EXPECT_EQ(a.converted_from, "");
  EXPECT_EQ(a.lang, "ja");
  ASSERT_EQ(a.paragraphs.size(), 2u);
  EXPECT_EQ(a.paragraphs.front(), p);
}

TEST(Pipeline, BadOpenccConfigKeepsTheTextAndSaysWhy) {
  clean::Options options;
  options.opencc_config = "no-such-config";
  const clean::Article a = Page(kTraditional, options);
  EXPECT_EQ(a.converted_from, "");
  EXPECT_NE(a.text().find("這個縣的圖書館"), std::string::npos);
  bool reason = false;
  for (const std::string& r : a.reasons) reason = reason || r.find("no-such-config") != std::string::npos;
  EXPECT_TRUE(reason);
}

TEST(Pipeline, MostlySpamIsNotAnArticle) {
  std::string spam;
  for (int i = 0; i < 6; ++i) spam += "<p>国产av一区二区|成人影片免费在线观看|日韩无码高清视频|人妻偷拍网站</p>";
  const clean::Article a = Page(spam + "<p>本站今日更新。</p>");
  EXPECT_TRUE(a.empty());
  ASSERT_FALSE(a.reasons.empty());
  EXPECT_NE(a.reasons.back().find("mostly spam"), std::string::npos) << a.reasons.back();
  EXPECT_GT(a.spam_removed, 0);
}

TEST(Pipeline, PublishedFromVisibleLabelThenFromOpenInfoDate) {
  const std::string body =
      "全区新建改建学校十二所，新增学位六千个，乡村学校的办学条件明显改善，群众满意度逐年提高。\n"
      "下一步，全区将继续巩固创建成果，让每一个孩子在家门口就能上好学。\n";
  EXPECT_EQ(Text("类别:教育 发布时间:2023-11-23 09:49:00\n" + body).published, "2023-11-23T09:49:00+08:00");
  EXPECT_EQ(Text("索引号 | 0001/2023-1 |\n成文日期 | 2023-02-01 |\n" + body).published, "2023-02-01");
  EXPECT_EQ(Text("发布时间：10-08 12:00\n" + body).published, "");  // no year: no date
}

TEST(Pipeline, ErrorPagesAndLoginWallsAreNotArticles) {
  const clean::Article error = Page(
      "<p>抱歉，您访问的页面不存在或已被删除，请检查网址是否正确，或返回首页继续浏览本站的其他内容。</p>");
  EXPECT_TRUE(error.empty());
  EXPECT_EQ(error.reasons.back(), "not an article: error page");
  const clean::Article wall = Page(
      "<p>本文为会员专享内容，请登录后查看全文。注册会员即可免费阅读本站全部深度报道和独家评论文章。</p>");
  EXPECT_TRUE(wall.empty());
  EXPECT_EQ(wall.reasons.back(), "not an article: login wall");
}

// A long article that quotes such a phrase is still an article.
TEST(Pipeline, LongArticleQuotingAnErrorPhraseStays) {
  std::string body = "<p>不少市民反映，点击政务网站上的办事链接时经常看到“页面不存在”的提示。</p>";
  for (int i = 0; i < 6; ++i) {
    body += "<p>第" + std::to_string(i + 1) +
            "批检查中，区数据局对全区一百二十个政务网站开展链接检查，修复失效链接三千余条，并建立每月巡检制度。</p>";
  }
  EXPECT_FALSE(Page(body).empty());
}

TEST(Pipeline, PlainTextWithOnlyChromeIsNotAnArticle) {
  const clean::Article a = Text("网易首页 > 网易号 > 正文\n0\n分享至\n无障碍浏览 进入关怀版\n");
  EXPECT_TRUE(a.empty());
  EXPECT_NE(a.reasons.back().find("not an article"), std::string::npos);
}

TEST(Pipeline, PlainTextHostileBytesNeverCrash) {
  std::string junk;
  for (int i = 0; i < 200000; ++i) junk += static_cast<char>((i * 131) % 256);
  const clean::Article a = Text(junk);
  for (const std::string& p : a.paragraphs) EXPECT_EQ(p.find('\n'), std::string::npos);
}

}  // namespace
