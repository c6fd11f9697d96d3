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

}  // namespace
}  // namespace clean
