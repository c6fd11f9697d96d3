// Tests for clean/links.h: the anchors of a page in a scope, their text, the
// page's <base>, and html_text() for feed titles.
#include "clean/links.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "test_util.h"

namespace clean {
namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

Pairs pairs(const PageLinks& page) {
  Pairs out;
  for (const Link& l : page.links) out.emplace_back(l.href, l.text);
  return out;
}

Input input_of(std::string_view html) {
  Input input;
  input.bytes = html;
  return input;
}

PageLinks links_of(std::string_view html, std::string_view selector = "") {
  return links(input_of(html), selector);
}

// A government 政务公开 list page, cut down: navigation, the list, pagination.
constexpr std::string_view kListPage = R"(<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>通知公告_某市人民政府</title></head>
<body>
<div class="nav"><a href="/">首页</a> <a href="/zwgk/">政务公开</a></div>
<div class="main">
  <ul class="list">
    <li><a href="./202403/t20240305_123456.html" title="关于开展2024年春季植树活动的通知">关于开展2024年春季
        植树活动的通知</a><span>2024-03-05</span></li>
    <li><a href="./202403/t20240301_123400.html"><img src="a.jpg" alt="图片新闻：春耕"></a></li>
    <li><a href="./202402/t20240228_123300.html" title="市政府办公室关于调整部分工作安排的通知"><img src="b.jpg"></a></li>
    <li><a href="">空链接</a><a>无链接</a><a name="x">锚点</a></li>
  </ul>
  <div class="page"><a href="index_1.html">下一页</a></div>
</div>
<div style="display:none"><a href="/hidden.html">隐藏</a></div>
<script>document.write('<a href="/script.html">脚本</a>');</script>
</body></html>)";

TEST(Links, DocumentOrderWithCollapsedText) {
  const PageLinks page = links_of(kListPage);
  EXPECT_TRUE(page.selector_ok);
  EXPECT_EQ(page.charset, "utf-8");
  EXPECT_EQ(page.base_href, "");
  EXPECT_EQ(pairs(page),
            (Pairs{
                {"/", "首页"},
                {"/zwgk/", "政务公开"},
                {"./202403/t20240305_123456.html", "关于开展2024年春季植树活动的通知"},
                {"./202403/t20240301_123400.html", "图片新闻：春耕"},
                {"./202402/t20240228_123300.html", "市政府办公室关于调整部分工作安排的通知"},
                {"index_1.html", "下一页"},
            }));
}

TEST(Links, ImageLinksAreMarked) {
  const PageLinks page = links_of(kListPage, "ul.list");
  ASSERT_EQ(page.links.size(), 3u);
  EXPECT_FALSE(page.links[0].image_link);
  EXPECT_TRUE(page.links[1].image_link);  // alt text
  EXPECT_TRUE(page.links[2].image_link);  // title attribute
}

TEST(Links, TitleAttributeCompletesACutOffText) {
  const PageLinks page = links_of(
      "<ul>"
      "<li><a href=\"/1.html\" "
      "title=\"关于开展2024年春季植树活动的通知\">关于开展2024年春季植树…</a></li>"
      "<li><a href=\"/2.html\" "
      "title=\"市政府办公室关于做好春耕生产工作的通知\">市政府办公室关于做好...</a></li>"
      "<li><a href=\"/3.html\" title=\"2024年度市级预算公开说明\">2024年度市级预算</a></li>"
      // Negative: a title that does not continue the text is only a tooltip.
      "<li><a href=\"/4.html\" title=\"点击查看详情\">县医院新院区启用…</a></li>"
      "<li><a href=\"/5.html\" title=\"更多\">更多</a></li>"
      "<li><a href=\"/6.html\" title=\"任意\">…</a></li>"
      "</ul>");
  EXPECT_EQ(pairs(page), (Pairs{
                             {"/1.html", "关于开展2024年春季植树活动的通知"},
                             {"/2.html", "市政府办公室关于做好春耕生产工作的通知"},
                             {"/3.html", "2024年度市级预算公开说明"},
                             {"/4.html", "县医院新院区启用…"},
                             {"/5.html", "更多"},
                             {"/6.html", "…"},
                         }));
  for (const Link& l : page.links) EXPECT_FALSE(l.image_link) << l.href;
}

TEST(Links, TitleAndAltComeFromAnyAnchorToTheSameHref) {
  const PageLinks page = links_of(
      "<div class='pic'><a href='/1.html'><img src='1.jpg'></a>"
      "<a href='/2.html'><img src='2.jpg' alt='春耕图片'></a></div>"
      "<ul class='list'><li><a href='/1.html' title='关于开展春季植树活动的通知'>关于开展春季…</a></li>"
      "<li><a href='/2.html'></a></li></ul>"
      "<div style='display:none'><a href='/3.html' title='市政府办公室关于调整工作安排的通知'>x</a></div>"
      "<p><a href='/3.html'>市政府办公室…</a></p>",
      ".pic, .list, p");
  EXPECT_EQ(pairs(page), (Pairs{
                             {"/1.html", "关于开展春季植树活动的通知"},  // a later anchor's title
                             {"/2.html", "春耕图片"},
                             {"/1.html", "关于开展春季植树活动的通知"},
                             {"/2.html", "春耕图片"},  // an earlier anchor's alt
                             {"/3.html", "市政府办公室关于调整工作安排的通知"},  // a hidden one's
                         }));
}

TEST(Links, TitleAttributeWithSpacesAroundTheEqualsSign) {
  // HTML allows spaces around '='; a scan of the page for "title=" missed this.
  const PageLinks page =
      links_of("<a href=\"/1.html\" title = \"关于开展春季植树活动的通知\">关于开展春季…</a>");
  EXPECT_EQ(pairs(page), (Pairs{{"/1.html", "关于开展春季植树活动的通知"}}));
}

TEST(Links, HiddenScriptAndHreflessAnchorsAreNotLinks) {
  const PageLinks page = links_of(kListPage);
  for (const Link& l : page.links) {
    EXPECT_NE(l.href, "/hidden.html");
    EXPECT_NE(l.href, "/script.html");
    EXPECT_FALSE(l.href.empty());
  }
}

TEST(Links, ScopeSelector) {
  EXPECT_EQ(pairs(links_of(kListPage, "ul.list")).size(), 3u);
  EXPECT_EQ(pairs(links_of(kListPage, ".page")), (Pairs{{"index_1.html", "下一页"}}));
  EXPECT_EQ(pairs(links_of(kListPage, ".nav, .page")),
            (Pairs{{"/", "首页"}, {"/zwgk/", "政务公开"}, {"index_1.html", "下一页"}}));
  // Outermost matches only: a nested match does not list its links twice.
  EXPECT_EQ(pairs(links_of(kListPage, ".main, ul")).size(), 4u);
  // Whitespace only is no selector.
  EXPECT_EQ(pairs(links_of(kListPage, "  ")).size(), 6u);
}

TEST(Links, SelectorMatchingNothingIsOkAndEmpty) {
  const PageLinks page = links_of(kListPage, ".no-such-class");
  EXPECT_TRUE(page.selector_ok);
  EXPECT_TRUE(page.links.empty());
}

TEST(Links, UnparsableSelectorGivesNoLinks) {
  for (std::string_view bad : {".", "ul > li", "a[href]", "div,"}) {
    const PageLinks page = links_of(kListPage, bad);
    EXPECT_FALSE(page.selector_ok) << bad;
    EXPECT_TRUE(page.links.empty()) << bad;
  }
}

TEST(Links, BaseHref) {
  const PageLinks page = links_of(
      "<html><head><base target=\"_blank\"><base href=\"http://www.example.gov.cn/zwgk/\">"
      "<base href=\"http://other.example/\"></head><body><a href=\"a.html\">甲</a></body></html>");
  EXPECT_EQ(page.base_href, "http://www.example.gov.cn/zwgk/");  // the first with an href
  EXPECT_EQ(pairs(page), (Pairs{{"a.html", "甲"}}));
  // A "<base" in text is not a <base> element.
  EXPECT_EQ(links_of("<p>&lt;base href=x&gt; <a href=\"a.html\">a</a></p>").base_href, "");
}

TEST(Links, HrefIsKeptAsWritten) {
  const PageLinks page =
      links_of("<a href=\"  javascript:void(0) \">打开</a><a href=\"x.html#p\">x</a>");
  EXPECT_EQ(pairs(page), (Pairs{{"  javascript:void(0) ", "打开"}, {"x.html#p", "x"}}));
}

TEST(Links, EntitiesInTextAndHref) {
  const PageLinks page =
      links_of("<a href=\"list.jsp?a=1&amp;b=2\">&ldquo;十四五&rdquo;&nbsp;规划</a>");
  EXPECT_EQ(pairs(page), (Pairs{{"list.jsp?a=1&b=2", "“十四五” 规划"}}));
}

TEST(Links, GbkPageIsDecoded) {
  // <meta charset=gbk> and 通知 in GBK.
  const std::string html =
      "<html><head><meta charset=\"gbk\"></head><body><a "
      "href=\"/t1.html\">\xCD\xA8\xD6\xAA</a></body></html>";
  const PageLinks page = links_of(html);
  EXPECT_EQ(page.charset, "gb18030");
  EXPECT_EQ(pairs(page), (Pairs{{"/t1.html", "通知"}}));
}

TEST(Links, MaxInputBytesCutsThePage) {
  std::string html = "<body><a href=\"/first.html\">一</a>";
  html.append(10000, ' ');
  html += "<a href=\"/late.html\">二</a></body>";
  Options options;
  options.max_input_bytes = 5000;
  const PageLinks page = links(input_of(html), "", options);
  EXPECT_EQ(pairs(page), (Pairs{{"/first.html", "一"}}));
}

TEST(Links, HostileInputDoesNotCrash) {
  std::string deep;
  // Nested divs and unclosed anchors (Gumbo's own cost grows fast with more).
  for (int i = 0; i < 3000; ++i) deep += "<div><a href=\"/x" + std::to_string(i % 10) + ".html\">";
  const PageLinks page = links(input_of(deep), ".a div");
  EXPECT_TRUE(page.selector_ok);
  EXPECT_TRUE(links_of("").links.empty());
  EXPECT_TRUE(links_of("\xFF\xFE\x00\x01 garbage").links.empty());
  EXPECT_FALSE(links_of(deep).links.empty());
}

TEST(Links, TextOfAnUnclosedAnchorIsBounded) {
  std::string html = "<a href=\"/t1.html\">";
  for (int i = 0; i < 5000; ++i) html += "<p>这是一段很长的正文。</p>";
  const PageLinks page = links_of(html);
  ASSERT_EQ(page.links.size(), 1u);
  EXPECT_LE(page.links[0].text.size(), 4096u);
  EXPECT_TRUE(page.links[0].text.starts_with("这是一段很长的正文。"));
  EXPECT_TRUE(clean_test::ValidUtf8(page.links[0].text));
}

TEST(Links, ConcurrentCallsAgree) {
  const Pairs want = pairs(links_of(kListPage));
  std::vector<std::thread> threads;
  std::vector<Pairs> got(4);
  for (std::size_t t = 0; t < got.size(); ++t) {
    threads.emplace_back([&, t] { got[t] = pairs(links_of(kListPage)); });
  }
  for (std::thread& t : threads) t.join();
  for (const Pairs& g : got) EXPECT_EQ(g, want);
}

// ---------------------------------------------------------------------------
// html_text

TEST(HtmlText, PlainTextIsCollapsed) {
  EXPECT_EQ(html_text("  关于开展\n  春季植树活动的通知  "), "关于开展春季植树活动的通知");
  EXPECT_EQ(html_text("Spring  tree\tplanting"), "Spring tree planting");
  EXPECT_EQ(html_text(""), "");
}

TEST(HtmlText, EntitiesAreDecoded) {
  EXPECT_EQ(html_text("&ldquo;十四五&rdquo;规划&nbsp;解读"), "“十四五”规划 解读");
  EXPECT_EQ(html_text("&#8220;双减&#x201D; &amp; 教育"), "“双减” & 教育");
}

TEST(HtmlText, TagsAreDropped) {
  EXPECT_EQ(html_text("<b>重要</b>通知<br>第二行"), "重要通知第二行");
  EXPECT_EQ(html_text("<script>alert(1)</script>标题"), "标题");
}

TEST(HtmlText, LiteralAngleBracketsAndAmpersandsStay) {
  EXPECT_EQ(html_text("a < b & c"), "a < b & c");
  EXPECT_EQ(html_text("A&B公司"), "A&B公司");
  EXPECT_EQ(html_text("关于<征求意见稿>的说明"), "关于<征求意见稿>的说明");
}

TEST(HtmlText, OutputIsValidUtf8) {
  EXPECT_TRUE(clean_test::ValidUtf8(html_text("&#xD800;&#0;&#x110000;<p>中</p>")));
}

}  // namespace
}  // namespace clean
