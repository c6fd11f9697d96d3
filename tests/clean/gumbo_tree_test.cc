// GumboTree's arena: Gumbo's many small items are bump-allocated, but large
// buffers it outgrows are given back at once, so a big page costs memory in
// proportion to its size (keeping them took a 32 MiB page to 10 GB).
#include "clean/gumbo_tree.h"

#include <gtest/gtest.h>

#include <string>

namespace clean {
namespace {

std::string paragraphs(std::size_t count) {
  const std::string text = "这是一个测试段落，用来检查解析时内存的增长情况。";
  std::string html = "<html><body><div class=content>";
  for (std::size_t i = 0; i < count; ++i) html += "<p class=x>" + text + text + text + "</p>";
  return html + "</div></body></html>";
}

TEST(GumboTreeArena, MemoryGrowsWithThePageNotWithWhatGumboOutgrew) {
  for (std::size_t count : {2'000u, 20'000u}) {
    const std::string html = paragraphs(count);
    const GumboTree tree(html);
    ASSERT_NE(tree.root(), nullptr);
    EXPECT_LT(tree.held_bytes(), 6 * html.size()) << count << " paragraphs, " << html.size() << " bytes";
  }
}

TEST(GumboTreeArena, OneHugeTextNodeIsHeldAboutOnce) {
  std::string html = "<html><body><pre>";
  html.append(4u << 20, 'x');
  html += "</pre></body></html>";
  const GumboTree tree(html);
  ASSERT_NE(tree.root(), nullptr);
  EXPECT_LT(tree.held_bytes(), 4 * html.size());
}

// Over its budget the parse is abandoned (Gumbo's half-built tree goes with
// the arena; ASan would see a leak or a bad free otherwise), and the same
// page under a budget it fits parses as before.
TEST(GumboTreeArena, APageOverTheBudgetIsAbandoned) {
  const std::string html = paragraphs(20'000);
  const GumboTree small(html, std::size_t{1} << 20);
  EXPECT_TRUE(small.over_budget());
  EXPECT_EQ(small.root(), nullptr);
  EXPECT_LE(small.held_bytes(), std::size_t{1} << 20);
  const GumboTree fits(html);
  EXPECT_FALSE(fits.over_budget());
  ASSERT_NE(fits.root(), nullptr);
  EXPECT_GT(fits.held_bytes(), std::size_t{1} << 20);
}

TEST(GumboTreeArena, ALargeBlockOverTheBudgetIsAbandonedToo) {
  std::string html = "<html><body><pre>";
  html.append(8u << 20, 'x');  // one text buffer, grown past the budget in large blocks
  html += "</pre></body></html>";
  const GumboTree tree(html, std::size_t{4} << 20);
  EXPECT_TRUE(tree.over_budget());
  EXPECT_EQ(tree.root(), nullptr);
}

}  // namespace
}  // namespace clean
