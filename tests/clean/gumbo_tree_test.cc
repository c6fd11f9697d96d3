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

}  // namespace
}  // namespace clean
