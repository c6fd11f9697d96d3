// The same story on another URL (another site's re-post, or the same site
// under a second address) is not spooled again: an exact copy of the clean
// text is `same-content`, a copy with a small edit `near-duplicate`.
#include <cstdlib>

#include "tests/e2e/e2e_test.h"

namespace e2e {
namespace {

constexpr const char* kOriginal = "/netease/a/1.html";

class DuplicateTest : public E2eTest {
 protected:
  // Run 1: the original, spooled. Then a second feed (another site) shows up.
  void SetUp() override {
    put_netease(kOriginal, park_story());
    serve_feed(server, "/netease/rss.xml", rss_feed("网易号", url("/"), {entry(kOriginal, park_story())}));
    config.feeds = {rss_spec("netease", "/netease/rss.xml")};
    auto run = run_once("run1");
    ASSERT_TRUE(ExitedWith(*run, 0)) << StatusOf(*run) << "\n" << DaemonLog(*run);
    ASSERT_EQ(sandbox.new_files().size(), 1u) << DaemonLog(*run);
    original_name_ = sandbox.new_files()[0];
  }

  // Run 2 with the mirror feed listing `story` at `path` (chrome differs).
  std::unique_ptr<DaemonProcess> run_with_repost(const std::string& path, const Story& story) {
    put_netease(path, story, {"另一家网站的推荐：本地美食地图更新", "周末去哪儿：城郊露营地推荐"});
    serve_feed(server, "/mirror/rss.xml", rss_feed("转载站", url("/mirror/"), {entry(path, story, kLaterPubDate)}));
    config.feeds.push_back(rss_spec("mirror", "/mirror/rss.xml"));
    return run_once("run2");
  }

  std::string original_name_;
};

TEST_F(DuplicateTest, AnExactCopyOnAnotherUrlIsSameContent) {
  const std::string copy = "/mirror/2024/0305/park.html";
  auto run = run_with_repost(copy, park_story());
  ASSERT_TRUE(ExitedWith(*run, 0)) << StatusOf(*run) << "\n" << DaemonLog(*run);
  EXPECT_EQ(server.requests(copy), 1u);
  const auto dup = run->events("duplicate");
  ASSERT_EQ(dup.size(), 1u) << DaemonLog(*run);
  EXPECT_EQ(dup[0].get("feed"), "mirror");
  EXPECT_EQ(dup[0].get("url"), url(copy));
  EXPECT_EQ(dup[0].get("reason"), "same-content");
  EXPECT_EQ(dup[0].get("original"), url(kOriginal));
  EXPECT_TRUE(run->events("spooled").empty()) << DaemonLog(*run);
  EXPECT_EQ(sandbox.new_files(), std::vector<std::string>{original_name_});
  const auto done = run->events("once-done");
  ASSERT_EQ(done.size(), 1u);
  EXPECT_EQ(done[0].get("duplicates"), "1");
}

TEST_F(DuplicateTest, ACopyWithOneSentenceEditedIsANearDuplicate) {
  const std::string repost = "/mirror/2024/0305/park-repost.html";
  const Story near = park_story_reposted();
  ASSERT_NE(near.text(), park_story().text());
  auto run = run_with_repost(repost, near);
  ASSERT_TRUE(ExitedWith(*run, 0)) << StatusOf(*run) << "\n" << DaemonLog(*run);
  EXPECT_EQ(server.requests(repost), 1u);
  const auto dup = run->events("duplicate");
  ASSERT_EQ(dup.size(), 1u) << DaemonLog(*run);
  EXPECT_EQ(dup[0].get("feed"), "mirror");
  EXPECT_EQ(dup[0].get("url"), url(repost));
  EXPECT_EQ(dup[0].get("reason"), "near-duplicate");
  EXPECT_EQ(dup[0].get("original"), url(kOriginal));
  const int distance = std::atoi(dup[0].get("distance").c_str());
  EXPECT_GE(distance, 0) << dup[0].raw;
  EXPECT_LE(distance, 3) << "near_duplicate_distance defaults to 3 bits: " << dup[0].raw;
  EXPECT_TRUE(run->events("spooled").empty()) << DaemonLog(*run);
  EXPECT_EQ(sandbox.new_files(), std::vector<std::string>{original_name_});
}

}  // namespace
}  // namespace e2e
