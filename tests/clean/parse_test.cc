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

TEST(Parse, EmptyInputGivesAnEmptyDocumentOrARoot) {
  const Document doc = parse("", 256);
  EXPECT_EQ(all_text(doc), "");
}

}  // namespace
}  // namespace clean
