// Stage 3 (locate + prune) and stage 4 (linearize) on small pages built to
// show one behaviour each.
#include "clean/locate.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "clean/linearize.h"
#include "clean/parse.h"

namespace clean {
namespace {

struct Located {
  std::vector<std::string> paragraphs;
  std::string how;
};

Located run(const std::string& html, std::string_view host = "nowhere.example",
            std::string_view selector = "", std::string_view title = "") {
  const Document doc = parse(html, 256);
  const Selection sel = locate(doc, {.host = host, .content_selector = selector, .title = title});
  return {linearize(doc, sel), sel.how};
}

std::string joined(const Located& l) {
  std::string s;
  for (const auto& p : l.paragraphs) s += p + "\n";
  return s;
}

// A paragraph of Chinese prose, numbered so each is distinct.
std::string prose(int n) {
  return "第" + std::to_string(n) +
         "段：今年以来，全区上下坚持稳中求进，持续推进产业升级、城市更新和民生改善，"
         "各项工作取得了新的进展，群众的获得感、幸福感和安全感不断增强。";
}

std::string headline_list(const char* cls, int n) {
  std::string s = "<div class='" + std::string(cls) + "'><ul>";
  for (int i = 0; i < n; ++i) {
    s += "<li><a href='/n" + std::to_string(i) + "'>这是一条很长的相关新闻标题，用来占据侧栏的篇幅第" +
         std::to_string(i) + "条</a><span>2023-05-0" + std::to_string(i % 9) + "</span></li>";
  }
  return s + "</ul></div>";
}

TEST(Locate, PicksProseOverALongerLinkSidebar) {
  std::string html = "<body><div class='wrap'><div class='left'>";
  for (int i = 1; i <= 3; ++i) html += "<p>" + prose(i) + "</p>";
  html += "</div><div class='right'>" + headline_list("list", 30) + "</div></div></body>";
  const Located l = run(html);
  EXPECT_EQ(l.how, "scored");
  ASSERT_EQ(l.paragraphs.size(), 3u);
  EXPECT_EQ(l.paragraphs[0], prose(1));
  EXPECT_EQ(joined(l).find("相关新闻标题"), std::string::npos);
}

TEST(Locate, ProfileWinsWhenItMatches) {
  std::string html = "<body><div class='post_body'><p>" + prose(1) + "</p></div>"
                     "<div class='other'>";
  for (int i = 2; i <= 6; ++i) html += "<p>" + prose(i) + "</p>";
  html += "</div></body>";
  const Located l = run(html, "www.163.com");
  EXPECT_EQ(l.how, "profile:netease-dy");
  ASSERT_EQ(l.paragraphs.size(), 1u);
  EXPECT_EQ(l.paragraphs[0], prose(1));
}

TEST(Locate, HostSpecificProfileIgnoredOnOtherHosts) {
  std::string html = "<body><div class='post_body'><p>短短一句话，十几个字而已。</p></div><div class='story'>";
  for (int i = 1; i <= 4; ++i) html += "<p>" + prose(i) + "</p>";
  html += "</div></body>";
  const Located l = run(html, "www.example.com");
  EXPECT_EQ(l.how, "scored");
  EXPECT_NE(joined(l).find(prose(4)), std::string::npos);
}

TEST(Locate, ContentSelectorOverridesProfilesAndScore) {
  std::string html = "<body><div id='zoom'>";
  for (int i = 1; i <= 4; ++i) html += "<p>" + prose(i) + "</p>";
  html += "</div><div class='lead'><p>" + prose(9) + "</p></div></body>";
  const Located l = run(html, "", ".lead");
  EXPECT_EQ(l.how, "selector");
  ASSERT_EQ(l.paragraphs.size(), 1u);
  EXPECT_EQ(l.paragraphs[0], prose(9));
}

TEST(Locate, GathersSiblingsAroundAnAd) {
  std::string html = "<body><div id='main'><div class='part'>";
  for (int i = 1; i <= 3; ++i) html += "<p>" + prose(i) + "</p>";
  html += "</div><div class='ad-box'><a href='/ad'>点击购买</a></div><div class='part'>";
  for (int i = 4; i <= 6; ++i) html += "<p>" + prose(i) + "</p>";
  html += "</div></div>" + headline_list("sidebar", 10) + "</body>";
  const Located l = run(html);
  const std::string text = joined(l);
  for (int i = 1; i <= 6; ++i) EXPECT_NE(text.find(prose(i)), std::string::npos) << i;
  EXPECT_EQ(text.find("点击购买"), std::string::npos);
  EXPECT_EQ(text.find("相关新闻标题"), std::string::npos);
}

TEST(Locate, PrunesRelatedListInsideContainer) {
  std::string html = "<body><div class='article'>";
  for (int i = 1; i <= 4; ++i) html += "<p>" + prose(i) + "</p>";
  html += headline_list("related", 8) + "<div class='share'><a href='#'>分享到微博</a></div></div></body>";
  const std::string text = joined(run(html));
  EXPECT_NE(text.find(prose(4)), std::string::npos);
  EXPECT_EQ(text.find("相关新闻标题"), std::string::npos);
  EXPECT_EQ(text.find("分享到微博"), std::string::npos);
}

TEST(Locate, RemovesHeadingThatRepeatsTheTitle) {
  std::string html = "<body><div class='article'><h1>北仑获评优质均衡发展区</h1><h2>一、小标题</h2>";
  for (int i = 1; i <= 4; ++i) html += "<p>" + prose(i) + "</p>";
  html += "</div></body>";
  const Located l = run(html, "x.example", "", "北仑获评优质均衡发展区_网易订阅");
  const std::string text = joined(l);
  EXPECT_EQ(text.find("北仑获评"), std::string::npos);
  EXPECT_NE(text.find("一、小标题"), std::string::npos);
}

TEST(Locate, TableLayoutBodyInACell) {
  std::string html = "<body><table><tr><td class='menu'><a href='/'>首页</a><br><a href='/b'>论坛</a></td><td>";
  for (int i = 1; i <= 4; ++i) html += prose(i) + "<br><br>";
  html += "</td></tr></table></body>";
  const Located l = run(html);
  ASSERT_GE(l.paragraphs.size(), 4u);
  EXPECT_EQ(l.paragraphs[0], prose(1));
  EXPECT_EQ(joined(l).find("论坛"), std::string::npos);
}

TEST(Linearize, BrTableRowsAndWhitespace) {
  const std::string html =
      "<body><div id='zoom'><p>\u3000\u3000第一行文字，<br>第二行文字。</p>"
      "<table><tr><td>项目</td><td>金额</td></tr><tr><td>道路</td><td>300万元</td></tr></table>"
      "<p>\u00a0</p><p>结尾\u200b一句，结束了这篇短文的全部内容。</p></div></body>";
  const Located l = run(html, "", "#zoom");
  EXPECT_EQ(l.paragraphs, (std::vector<std::string>{"第一行文字，", "第二行文字。", "项目 金额",
                                                    "道路 300万元", "结尾一句，结束了这篇短文的全部内容。"}));
}

TEST(Linearize, LiftedInlineRunsStaySeparateFromBlocks) {
  std::string html = "<body><div class='article'>" + prose(1) + "<p>" + prose(2) + "</p>" + prose(3) +
                     "<p>" + prose(4) + "</p></div></body>";
  const Located l = run(html);
  EXPECT_EQ(l.paragraphs, (std::vector<std::string>{prose(1), prose(2), prose(3), prose(4)}));
}

}  // namespace
}  // namespace clean
