// Stage 2b: the element cap, the nesting cap, and what each leaves alone.
#include "clean/markup_bounds.h"

#include <gtest/gtest.h>

#include <string>

#include "clean/clean.h"

namespace clean {
namespace {

std::string Repeat(std::string_view s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

TEST(MarkupBounds, AnOrdinaryPageIsLeftAsItIs) {
  const std::string html = "<html><body><div class='a>b'><p>甲<br/>乙</p><ul><li>一<li>二</ul></div></body></html>";
  const BoundedMarkup out = bound_markup(html, {.max_elements = 100, .max_nesting = 3});
  EXPECT_FALSE(out.changed);
  EXPECT_TRUE(out.html.empty());
  EXPECT_EQ(out.cut_at_byte, 0u);
  EXPECT_EQ(out.tags_unnested, 0u);
}

TEST(MarkupBounds, CutsBeforeTheFirstStartTagOverTheCap) {
  const std::string html = "<p>一</p><p>二</p><p>三</p><p>四</p>";
  const BoundedMarkup out = bound_markup(html, {.max_elements = 3, .max_nesting = 10});
  ASSERT_TRUE(out.changed);
  EXPECT_EQ(out.html, "<p>一</p><p>二</p><p>三</p>");
  EXPECT_EQ(out.cut_at_byte, out.html.size());
}

TEST(MarkupBounds, LeavesOutDeepStartTagsAndTheirEndTagsButKeepsTheText) {
  const std::string html = "<div><div><div><div>深</div></div></div>浅</div>";
  const BoundedMarkup out = bound_markup(html, {.max_elements = 100, .max_nesting = 2});
  ASSERT_TRUE(out.changed);
  EXPECT_EQ(out.html, "<div><div>深</div>浅</div>");
  EXPECT_EQ(out.tags_unnested, 2u);
}

TEST(MarkupBounds, ElementsWhoseEndTagIsImpliedDoNotDeepenTheCount) {
  // A page of unclosed <p>, <li> and <td> is wide, not deep.
  const std::string html = "<div>" + Repeat("<p>段", 50) + Repeat("<li>项", 50) + Repeat("<tr><td>格", 50) + "</div>";
  const BoundedMarkup out = bound_markup(html, {.max_elements = 1000, .max_nesting = 2});
  EXPECT_FALSE(out.changed);
}

TEST(MarkupBounds, AQuotedGreaterThanSignDoesNotEndTheTag) {
  const std::string html = "<div title=\"a>b\"><div data-x='<div>'>字</div></div>";
  const BoundedMarkup out = bound_markup(html, {.max_elements = 100, .max_nesting = 1});
  ASSERT_TRUE(out.changed);
  EXPECT_EQ(out.html, "<div title=\"a>b\">字</div>");
}

TEST(MarkupBounds, CommentsDeclarationsAndAStrayLessThanAreNotTags) {
  const std::string html = "<!DOCTYPE html><!-- <div> --><p>1 < 2 <? x ?></p><div";
  const BoundedMarkup out = bound_markup(html, {.max_elements = 1, .max_nesting = 0});
  EXPECT_FALSE(out.changed) << out.html;  // one <p>; the last tag has no '>'
}

// Through extract(): the cases Gumbo alone could not take (800 MB for a
// million elements, 14 s for 100,000 nested divs) give an article or a
// reason, with the text that stays inside the bounds.
TEST(MarkupBounds, ExtractKeepsTheTextUnderOneHundredThousandNestedDivs) {
  const std::string text = "深层嵌套的正文依然保留，这一段文字在十万层标签之下，仍然应当出现在文章里。";
  const std::string html = "<html><head><meta charset=utf-8><title>嵌套测试</title></head><body>" +
                           Repeat("<div>", 100'000) + "<p>" + Repeat(text, 6) + "</p>" + Repeat("</div>", 100'000) +
                           "</body></html>";
  const Article a = extract(Input{.bytes = html, .url = "", .http_charset = ""}, {});
  EXPECT_NE(a.text().find(text), std::string::npos) << testing::PrintToString(a.reasons);
  bool noted = false;
  for (const std::string& r : a.reasons) noted = noted || r.find("nested deeper than 1024 left out") != std::string::npos;
  EXPECT_TRUE(noted) << testing::PrintToString(a.reasons);
}

TEST(MarkupBounds, ExtractCutsAPageOfAMillionElements) {
  const std::string para = "<p>百万元素的页面只读到上限为止，前面的段落仍是正文，这句话重复出现。</p>";
  std::string html = "<html><head><meta charset=utf-8><title>百万元素</title></head><body><div class=content>" +
                     Repeat(para, 20) + Repeat("<span>字</span>", 1'000'000) + "</div></body></html>";
  const Article a = extract(Input{.bytes = html, .url = "", .http_charset = ""}, {});
  bool noted = false;
  for (const std::string& r : a.reasons) noted = noted || r.starts_with("markup cut at byte ");
  EXPECT_TRUE(noted) << testing::PrintToString(a.reasons);
  EXPECT_NE(a.text().find("前面的段落仍是正文"), std::string::npos);
}

// The tree builder re-opens formatting elements left open when their block
// closed; past max_open_formatting in one frame, further ones are left out
// with as many of their end tags, and the text stays.
TEST(MarkupBounds, LeavesOutFormattingStartTagsOverTheOpenCap) {
  const std::string html = "<p>" + Repeat("<b id=x>", 6) + "粗</p><p>一</p>" + Repeat("</b>", 6) + "<p>二</p>";
  const BoundedMarkup out = bound_markup(html, {.max_open_formatting = 4});
  ASSERT_TRUE(out.changed);
  EXPECT_EQ(out.formatting_left_out, 2u);
  EXPECT_EQ(out.html, "<p>" + Repeat("<b id=x>", 4) + "粗</p><p>一</p>" + Repeat("</b>", 4) + "<p>二</p>");
}

TEST(MarkupBounds, ClosedFormattingElementsDoNotCountAgainstTheOpenCap) {
  const std::string html = "<div>" + Repeat("<b>粗</b><i>斜</i><font color=red>红</font>", 100) + "</div>";
  const BoundedMarkup out = bound_markup(html, {.max_open_formatting = 2});
  EXPECT_FALSE(out.changed) << out.html;
}

// Table cells are markers: an unclosed <font> in each cell of old CMS
// table soup is never re-opened outside its cell.
TEST(MarkupBounds, AnUnclosedFormattingElementInEachCellStaysInItsCell) {
  const std::string html = "<table>" + Repeat("<tr><td><font size=2>格<td><font>格</font>", 50) + "</table>" +
                           "<table><tr><td><b>甲</td></tr></table>";
  const BoundedMarkup out = bound_markup(html, {.max_open_formatting = 2});
  EXPECT_FALSE(out.changed) << out.html;
}

TEST(MarkupBounds, ANewAnchorClosesTheOpenOne) {
  const std::string html = Repeat("<a href=/x>链接", 50);
  const BoundedMarkup out = bound_markup(html, {.max_open_formatting = 2});
  EXPECT_FALSE(out.changed) << out.html;
}

// Each start tag counts the formatting elements that may be re-opened in
// front of it: the <p> and its 20 <b>s cost 211 (each <b> counts those open
// before it), each later paragraph 21, so 37 paragraphs fit in 1,000.
TEST(MarkupBounds, ReopenedFormattingElementsCountTowardsTheElementCap) {
  const std::string html = "<p>" + Repeat("<b>", 20) + "</p>" + Repeat("<p>x</p>", 100);
  const BoundedMarkup loose = bound_markup(html, {.max_elements = 3000, .max_open_formatting = 32});
  EXPECT_FALSE(loose.changed);
  const BoundedMarkup out = bound_markup(html, {.max_elements = 1000, .max_open_formatting = 32});
  ASSERT_TRUE(out.changed);
  EXPECT_GT(out.cut_at_byte, 0u);
  EXPECT_EQ(out.html, "<p>" + Repeat("<b>", 20) + "</p>" + Repeat("<p>x</p>", 37));
}

// Re-opening copies the attributes: a <b> with 4,000 bytes of them costs
// 11, so each paragraph after it 12, and 41 fit in 500 (249 would without).
TEST(MarkupBounds, LongAttributesOfOpenFormattingElementsCostMore) {
  const std::string attribute = " class=\"" + std::string(10 * kBytesPerElement, 'c') + "\"";
  const std::string head = "<p><b" + attribute + "></p>";
  const BoundedMarkup out = bound_markup(head + Repeat("<p>x</p>", 100), {.max_elements = 500});
  ASSERT_TRUE(out.changed);
  EXPECT_EQ(out.html, head + Repeat("<p>x</p>", 41));
}

TEST(MarkupBounds, LeavesOutAttributesPastTheCapOnStartAndEndTags) {
  std::string attributes;
  for (int i = 0; i < 10; ++i) attributes += " a" + std::to_string(i) + "='>" + std::to_string(i) + "'";
  const std::string html = "<div" + attributes + ">文</div" + attributes + "><br" + attributes + "/>";
  const BoundedMarkup out = bound_markup(html, {.max_attributes = 3});
  ASSERT_TRUE(out.changed);
  EXPECT_EQ(out.attributes_left_out, 21u);
  const std::string kept = " a0='>0' a1='>1' a2='>2' ";
  EXPECT_EQ(out.html, "<div" + kept + ">文</div" + kept + "><br" + kept + ">");
}

TEST(MarkupBounds, AnAttributeNameMayStartWithAnEqualsSign) {
  const std::string html = "<div =a b=\"c\" d e = 'f' g=h>字</div>";
  EXPECT_FALSE(bound_markup(html, {.max_attributes = 5}).changed);
  const BoundedMarkup out = bound_markup(html, {.max_attributes = 4});
  EXPECT_EQ(out.html, "<div =a b=\"c\" d e = 'f' >字</div>");
}

// Script and other raw text hold no tags: what looks like one there (with
// a quote that runs on past </script>) is neither counted nor cut.
TEST(MarkupBounds, RawTextContentsAreNotTags) {
  std::string attributes;
  for (int i = 0; i < 10; ++i) attributes += " a" + std::to_string(i);
  const std::string html = "<script>if (x<b" + attributes + " && s == \"a</script><title>题" + Repeat("<i>", 9) +
                           "</title><textarea><b" + attributes + "></TEXTAREA ><plaintext><b" + attributes + ">";
  EXPECT_FALSE(bound_markup(html, {.max_open_formatting = 1, .max_attributes = 3}).changed);
}

// The pages through extract(): 200 unclosed <b id=…> before 20,000
// paragraphs (4 million elements, 2 GB in Gumbo unbounded), and one tag of
// 80,000 attributes (24 s of duplicate checks): the text is all there.
TEST(MarkupBounds, ExtractReadsAPageOfManyOpenFormattingElements) {
  std::string html = "<html><head><meta charset=utf-8><title>格式</title></head><body><div class=content><p>";
  for (int i = 0; i < 200; ++i) html += "<b id=b" + std::to_string(i) + ">";
  html += "</p>";
  for (int i = 0; i < 20'000; ++i) html += "<p>第" + std::to_string(i) + "段：重开的格式元素不再成倍增长，这一段正文照样读到。</p>";
  html += "</div></body></html>";
  const Article a = extract(Input{.bytes = html, .url = "", .http_charset = ""}, {});
  EXPECT_NE(a.text().find("重开的格式元素不再成倍增长"), std::string::npos) << testing::PrintToString(a.reasons);
  bool noted = false;
  for (const std::string& r : a.reasons) noted = noted || r.find("formatting start tags over 16 open left out") != std::string::npos;
  EXPECT_TRUE(noted) << testing::PrintToString(a.reasons);
}

TEST(MarkupBounds, ExtractReadsAPageWithATagOfEightyThousandAttributes) {
  std::string html = "<html><head><meta charset=utf-8><title>属性</title></head><body><div class=content><b";
  for (int i = 0; i < 80'000; ++i) html += " x" + std::to_string(i);
  html += ">粗</b>";
  for (int i = 0; i < 20; ++i) html += "<p>第" + std::to_string(i) + "段：一个标签上的八万个属性只留下前面的，正文照样读到。</p>";
  html += "</div></body></html>";
  const Article a = extract(Input{.bytes = html, .url = "", .http_charset = ""}, {});
  EXPECT_NE(a.text().find("正文照样读到"), std::string::npos) << testing::PrintToString(a.reasons);
  bool noted = false;
  for (const std::string& r : a.reasons) noted = noted || r.starts_with("79936 attributes past the 64th");
  EXPECT_TRUE(noted) << testing::PrintToString(a.reasons);
}

}  // namespace
}  // namespace clean
