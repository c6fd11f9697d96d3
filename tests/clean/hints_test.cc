// One test per kind of hint-table entry, and negative tests for the
// narrowed words ("ad", "hot", "con").
#include "clean/hints.h"

#include <gtest/gtest.h>

#include "clean/profiles.h"
#include "clean/selector.h"

namespace clean {
namespace {

TEST(Hints, PositiveWordsRaiseWeight) {
  for (const char* name : {"article", "post_body", "trs_editor", "zoom", "endtext", "detail", "content"}) {
    EXPECT_EQ(class_weight("", name), 25) << name;
  }
}

TEST(Hints, NegativeWordsLowerWeight) {
  for (const char* name : {"sidebar", "related-news", "recommend", "hot_news", "rank-list", "comment", "share", "footer", "nav"}) {
    EXPECT_EQ(class_weight(name, ""), -25) << name;
  }
}

TEST(Hints, IdAndClassCountSeparately) {
  EXPECT_EQ(class_weight("content", "post"), 50);
  EXPECT_EQ(class_weight("content", "sidebar"), 0);
}

// A negative word inside one class name makes the name negative even beside
// a positive word: the compound names chrome about the article.
TEST(Hints, CompoundNameWithANegativeWordIsNegative) {
  for (const char* name : {"related_article", "article-share", "entry-meta", "hidden-content"}) {
    EXPECT_EQ(class_weight("", name), -25) << name;
  }
  EXPECT_EQ(class_weight("related_article", ""), -25);
}

// Negative: separate names still cancel, and a name with only positive
// words stays positive.
TEST(Hints, SeparateNamesStillCancel) {
  EXPECT_EQ(class_weight("", "comment article-body"), 0);
  EXPECT_EQ(class_weight("", "related_list  article_body"), 0);
  EXPECT_EQ(class_weight("", "post_body main-text"), 25);
}

TEST(Hints, NarrowedWordsDoNotMatchInsideOtherWords) {
  EXPECT_EQ(class_weight("", "photo"), 0);   // "hot" would match
  EXPECT_EQ(class_weight("", "header"), 0);  // bare "ad" would match
  EXPECT_EQ(class_weight("", "icon"), 0);    // "con" is not a content hint
}

TEST(Hints, UnlikelyUnlessMaybeCandidate) {
  EXPECT_TRUE(is_unlikely_candidate("menu top"));
  EXPECT_TRUE(is_unlikely_candidate("xiangguan"));
  EXPECT_FALSE(is_unlikely_candidate("comment article-body"));
  EXPECT_FALSE(is_unlikely_candidate("post_text"));
}

TEST(Hints, ShareBylineCaptionLabels) {
  EXPECT_TRUE(is_share_widget("bdshare_t"));
  EXPECT_TRUE(is_byline("article-byline"));
  EXPECT_TRUE(is_caption("newscaption"));
  EXPECT_FALSE(is_caption("post_body"));
  EXPECT_TRUE(is_ad_or_loading_label(" 广告 "));
  EXPECT_TRUE(is_ad_or_loading_label("Loading..."));
  EXPECT_FALSE(is_ad_or_loading_label("广告法第九条规定"));
}

TEST(Hints, DisclaimerHeadings) {
  for (const char* line : {"郑 重 声 明", "雅虎中国著作权声明", "免责条款：", " 版权声明: ", "特别声明"}) {
    EXPECT_TRUE(is_disclaimer_heading(line)) << line;
  }
}

// The quick test for 明/款 runs before whitespace and invisible characters
// go: a label split by them is still found, and a line without either
// character is not a heading however it ends.
TEST(Hints, DisclaimerHeadingSplitByInvisibleCharacters) {
  EXPECT_TRUE(is_disclaimer_heading("免责声\u200b明"));
  EXPECT_TRUE(is_disclaimer_heading("免责条\u00a0款 ："));
  EXPECT_FALSE(is_disclaimer_heading("免责声"));
  EXPECT_FALSE(is_disclaimer_heading("网站声援："));
}

// Negative: a sentence that opens with the label is a line of text (the
// filter's business), not a heading; English notices stay (scrapinghub's
// gold keeps "Disclaimer: The views…").
TEST(Hints, DisclaimerSentenceIsNotAHeading) {
  EXPECT_FALSE(is_disclaimer_heading("郑重声明：本公司从未授权任何个人以本公司名义对外招聘"));
  EXPECT_FALSE(is_disclaimer_heading("本网站发布的各类信息均不构成任何形式的版权声明"));
  EXPECT_FALSE(is_disclaimer_heading("Disclaimer:"));
  EXPECT_FALSE(is_disclaimer_heading(""));
}

TEST(Hints, EmbeddedPostsAreNotChrome) {
  for (const char* name : {"social-media-embed", "twitter-tweet", "instagram-media", "tiktok-embed"}) {
    EXPECT_TRUE(is_embedded_post(name)) << name;
    EXPECT_FALSE(is_share_widget(name)) << name;
    EXPECT_FALSE(is_unlikely_candidate(name)) << name;
    EXPECT_EQ(class_weight("", name), 0) << name;
  }
}

// Negative: only the full embed names are exempt; share bars and social
// link rows stay chrome.
TEST(Hints, ShareBarsWithEmbedInTheNameStayChrome) {
  EXPECT_TRUE(is_share_widget("sharebar-video-embed-container"));
  EXPECT_TRUE(is_share_widget("social-links"));
  EXPECT_TRUE(is_unlikely_candidate("social-icons"));
  EXPECT_EQ(class_weight("", "media-embed"), -25);
}

TEST(Profiles, EveryProfileSelectorParses) {
  for (const SiteProfile& p : site_profiles()) {
    EXPECT_FALSE(p.name.empty());
    EXPECT_TRUE(Selector(p.selector).ok()) << p.name;
  }
}

TEST(Profiles, HostMatching) {
  EXPECT_EQ(url_host("https://user@www.163.com:443/dy/article/X.html"), "www.163.com");
  EXPECT_EQ(url_host("not a url"), "");
  EXPECT_TRUE(host_matches("www.163.com", "163.com"));
  EXPECT_TRUE(host_matches("DY.163.COM", "163.com"));
  EXPECT_FALSE(host_matches("www.x163.com", "163.com"));
  EXPECT_TRUE(host_matches("www.beijing.gov.cn", "gov.cn"));
  EXPECT_TRUE(host_matches("", "163.com"));  // a saved page: any profile may apply
}

}  // namespace
}  // namespace clean
