// Stage 2: what the parse stage keeps and what it drops.
#include "clean/parse.h"

#include <gtest/gtest.h>

#include <string>

namespace clean {
namespace {

std::string all_text(const Document& doc) { return doc.inner_text(doc.root()); }

TEST(Parse, DropsScriptStyleAndFriends) {
  const Document doc = parse(
      "<html><head><style>.a{color:red}</style><script>var x='脚本文字';</script></head><body>"
      "<p>正文一段。</p><noscript>请开启脚本</noscript><template><p>模板</p></template>"
      "<iframe>框架</iframe><svg><text>矢量图文字</text></svg>"
      "<form><input value='输入框'><select><option>选项文字</option></select>"
      "<textarea>文本框</textarea><button>按钮文字</button></form><!-- 注释文字 --></body></html>",
      256);
  const std::string text = all_text(doc);
  EXPECT_NE(text.find("正文一段。"), std::string::npos);
  for (const char* gone : {"脚本文字", "color:red", "请开启脚本", "模板", "框架", "矢量图文字",
                           "输入框", "选项文字", "文本框", "按钮文字", "注释文字"}) {
    EXPECT_EQ(text.find(gone), std::string::npos) << gone;
  }
}

TEST(Parse, DropsHiddenElements) {
  const Document doc = parse(
      "<body><p>看得见的。</p><div hidden>隐藏属性</div><div style='DISPLAY: none'>样式隐藏</div>"
      "<span style='visibility:hidden'>不可见</span><div aria-hidden='true'>读屏隐藏</div></body>",
      256);
  const std::string text = all_text(doc);
  EXPECT_NE(text.find("看得见的。"), std::string::npos);
  for (const char* gone : {"隐藏属性", "样式隐藏", "不可见", "读屏隐藏"}) {
    EXPECT_EQ(text.find(gone), std::string::npos) << gone;
  }
}

TEST(Parse, KeepsTitleMetaAndJsonLd) {
  const Document doc = parse(
      "<html lang='zh-CN'><head><title>标题_网易订阅</title>"
      "<meta property='og:title' content='真正的标题'><meta name='PubDate' content='2023-05-01 09:30'>"
      "<script type='application/ld+json'>{\"datePublished\":\"2023-05-01\"}</script>"
      "</head><body><p>x</p></body></html>",
      256);
  EXPECT_EQ(doc.title, "标题_网易订阅");
  EXPECT_EQ(doc.lang, "zh-cn");
  ASSERT_EQ(doc.metas.size(), 2u);
  EXPECT_EQ(doc.metas[0].name, "og:title");
  EXPECT_EQ(doc.metas[0].content, "真正的标题");
  EXPECT_EQ(doc.metas[1].name, "pubdate");
  ASSERT_EQ(doc.json_ld.size(), 1u);
  EXPECT_NE(doc.json_ld[0].find("datePublished"), std::string::npos);
}

TEST(Parse, RecordsClassIdAndTreeShape) {
  const Document doc = parse("<body><div id='Main' class='post_body TRS_Editor'><p>甲</p><p>乙</p></div></body>", 256);
  NodeId div = kNoNode;
  doc.walk(doc.root(), [&](NodeId id) {
    if (doc[id].tag == Tag::kDiv) div = id;
    return true;
  });
  ASSERT_NE(div, kNoNode);
  EXPECT_EQ(doc[div].id_class, "main post_body trs_editor");
  EXPECT_EQ(doc[div].classes, "post_body TRS_Editor");
  const NodeId p1 = doc[div].first_child;
  ASSERT_NE(p1, kNoNode);
  EXPECT_EQ(doc[p1].tag, Tag::kP);
  EXPECT_EQ(doc[p1].parent, div);
  EXPECT_EQ(doc.inner_text(doc[p1].next_sibling), "乙");
}

TEST(Parse, FlattensBeyondMaxDepthButKeepsText) {
  std::string html = "<body>";
  for (int i = 0; i < 50; ++i) html += "<div>";
  html += "深处的文字";
  const Document doc = parse(html, 10);
  EXPECT_GT(doc.flattened, 0);
  for (const Node& n : doc.nodes) EXPECT_LE(n.depth, 11u);
  EXPECT_NE(all_text(doc).find("深处的文字"), std::string::npos);
}

TEST(Parse, KeepsTheFirstBaseHrefButNotTheElement) {
  const Document doc = parse(
      "<html><head><base target='_blank'><base href='http://www.example.gov.cn/zwgk/'>"
      "<base href='http://other.example/'></head><body><p>正文</p></body></html>",
      256);
  EXPECT_EQ(doc.base_href, "http://www.example.gov.cn/zwgk/");  // the first with an href
  for (const Node& n : doc.nodes) EXPECT_EQ(n.text.find("example"), std::string::npos);
  // Wherever it sits, hidden or not; none at all is "".
  const Document hidden =
      parse("<body><div hidden><base href='/h/'></div><base href='/v/'></body>", 256);
  EXPECT_EQ(hidden.base_href, "/h/");
  EXPECT_EQ(parse("<p>&lt;base href=x&gt;</p>", 256).base_href, "");
}

TEST(Parse, RecordsAnchorTitleAndImageAlt) {
  const Document doc = parse(
      "<body><a href='/1.html' title='关于开展植树活动的通知'>关于开展…</a>"
      "<a href='/2.html'><span><img src='a.jpg'></span><img alt='第二张'></a>"  // breadth-first
      "<a href='/3.html'>无标题</a>"                                           // nothing to keep
      "<a title='无链接'>x</a><a href='' title='空链接'>y</a>"                  // no href
      "<div title='不是链接'><a href='/4.html'><img alt='图片新闻'></a></div></body>",
      256);
  ASSERT_EQ(doc.anchors.size(), 3u);
  EXPECT_EQ(doc.anchors[0].href, "/1.html");
  EXPECT_EQ(doc.anchors[0].title, "关于开展植树活动的通知");
  EXPECT_EQ(doc.anchors[0].img_alt, "");
  EXPECT_EQ(doc.anchors[1].href, "/2.html");
  EXPECT_EQ(doc.anchors[1].title, "");
  EXPECT_EQ(doc.anchors[1].img_alt, "第二张");
  EXPECT_EQ(doc.anchors[2].href, "/4.html");
  EXPECT_EQ(doc.anchors[2].img_alt, "图片新闻");
}

TEST(Parse, RecordsAnchorsTheTreeDrops) {
  std::string html =
      "<body><div style='display:none'><a href='/h.html' title='隐藏'>h</a></div>"
      "<noscript><a href='/n.html'><img alt='无脚本'></a></noscript>"
      "<template><a href='/t.html' title='模板'>t</a></template>";
  for (int i = 0; i < 20; ++i) html += "<div>";
  html += "<a href='/d.html' title='很深'>d</a>";
  const Document doc = parse(html, 10);
  for (const Node& n : doc.nodes) EXPECT_NE(n.tag, Tag::kA);  // none of them is in the tree
  ASSERT_EQ(doc.anchors.size(), 3u);  // <template> contents are not the page's
  EXPECT_EQ(doc.anchors[0].title, "隐藏");
  EXPECT_EQ(doc.anchors[1].img_alt, "无脚本");
  EXPECT_EQ(doc.anchors[2].href, "/d.html");
}

TEST(Parse, EmptyInputGivesAnEmptyDocumentOrARoot) {
  const Document doc = parse("", 256);
  EXPECT_EQ(all_text(doc), "");
}

}  // namespace
}  // namespace clean
