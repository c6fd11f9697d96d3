#include "clean/selector.h"

#include <gtest/gtest.h>

#include "clean/parse.h"

namespace clean {
namespace {

const char* kPage =
    "<body><div class='main'><div id='Zoom' class='x TRS_Editor'><p>正文</p></div></div>"
    "<div class='side'><div class='TRS_Editor'>旁边</div></div></body>";

std::vector<std::string> texts(const Document& doc, const Selector& s) {
  std::vector<std::string> out;
  for (NodeId id : s.select_outermost(doc)) out.push_back(doc.inner_text(id));
  return out;
}

TEST(Selector, ClassIsCaseInsensitiveAndWordExact) {
  const Document doc = parse(kPage, 256);
  EXPECT_EQ(texts(doc, Selector(".trs_editor")), (std::vector<std::string>{"正文", "旁边"}));
  EXPECT_TRUE(texts(doc, Selector(".TRS")).empty());
}

TEST(Selector, IdTagAndDescendant) {
  const Document doc = parse(kPage, 256);
  EXPECT_EQ(texts(doc, Selector("#zoom")), (std::vector<std::string>{"正文"}));
  EXPECT_EQ(texts(doc, Selector("div.main .TRS_Editor")), (std::vector<std::string>{"正文"}));
  EXPECT_EQ(texts(doc, Selector(".side div")), (std::vector<std::string>{"旁边"}));
}

TEST(Selector, AlternativesAndOutermost) {
  const Document doc = parse(kPage, 256);
  EXPECT_EQ(texts(doc, Selector(".main, #zoom")), (std::vector<std::string>{"正文"}));
}

// Elements with no id and no class are passed over only when every
// alternative needs one: a tag alternative still finds them.
TEST(Selector, ElementsWithoutIdOrClass) {
  const Document doc = parse("<body><p>甲</p><section class='x'>乙</section><p id='y'>丙</p></body>", 256);
  EXPECT_EQ(texts(doc, Selector(".x, p")), (std::vector<std::string>{"甲", "乙", "丙"}));
  EXPECT_EQ(texts(doc, Selector(".x, #Y")), (std::vector<std::string>{"乙", "丙"}));
  EXPECT_EQ(texts(doc, Selector("body p")), (std::vector<std::string>{"甲", "丙"}));
}

TEST(Selector, MalformedMatchesNothing) {
  const Document doc = parse(kPage, 256);
  for (const char* bad : {"", ".", "#", "div,", "a[href]"}) {
    Selector s(bad);
    EXPECT_FALSE(s.ok()) << bad;
    EXPECT_TRUE(s.select_outermost(doc).empty()) << bad;
  }
}

}  // namespace
}  // namespace clean
