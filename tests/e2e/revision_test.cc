// A page that changes under the same URL. The rule under test: a seen URL is
// fetched again only when its feed item's stamp (pubDate + title) changed,
// and spooled again only when the hash of its clean text changed.
#include "tests/e2e/e2e_test.h"

namespace e2e {
namespace {

constexpr const char* kPath = "/netease/a/1.html";
constexpr const char* kOtherPath = "/netease/a/2.html";
const std::vector<std::string> kOtherRelated = {"湖边新开了一家独立书店，周末有朗读会",
                                                "地铁三号线南延段本月底开始试运行"};

class RevisionTest : public E2eTest {
 protected:
  void SetUp() override { config.feeds = {rss_spec("netease", "/netease/rss.xml")}; }

  void serve_rss(const std::vector<FeedEntry>& entries) {
    serve_feed(server, "/netease/rss.xml", rss_feed("网易号", url("/"), entries));
  }

  // Run 1: the park story, spooled once.
  void first_run() {
    put_netease(kPath, park_story());
    serve_rss({entry(kPath, park_story())});
    auto run = run_once("run1");
    ASSERT_TRUE(ExitedWith(*run, 0)) << StatusOf(*run) << "\n" << DaemonLog(*run);
    ASSERT_EQ(sandbox.new_files().size(), 1u) << DaemonLog(*run);
    first_name_ = sandbox.new_files()[0];
    ASSERT_EQ(server.requests(kPath), 1u);
  }

  std::string first_name_;
};

TEST_F(RevisionTest, AChromeOnlyChangeIsFetchedAgainButNotSpooled) {
  ASSERT_NO_FATAL_FAILURE(first_run());

  // Other 相关推荐 headlines, and the item's pubDate bumped.
  put_netease(kPath, park_story(), kOtherRelated);
  serve_rss({entry(kPath, park_story(), kLaterPubDate)});
  auto run = run_once("run2");
  ASSERT_TRUE(ExitedWith(*run, 0)) << StatusOf(*run) << "\n" << DaemonLog(*run);
  EXPECT_EQ(server.requests(kPath), 2u) << "a bumped stamp makes the URL due again";
  const auto unchanged = run->events("unchanged");
  ASSERT_EQ(unchanged.size(), 1u) << DaemonLog(*run);
  EXPECT_EQ(unchanged[0].get("url"), url(kPath));
  EXPECT_EQ(unchanged[0].get("feed"), "netease");
  EXPECT_TRUE(run->events("spooled").empty()) << DaemonLog(*run);
  EXPECT_TRUE(run->events("duplicate").empty()) << DaemonLog(*run);
  EXPECT_EQ(sandbox.new_files(), std::vector<std::string>{first_name_});
}

TEST_F(RevisionTest, ABodyChangeIsSpooledAsARevisionOnlyOnceTheStampChanges) {
  ASSERT_NO_FATAL_FAILURE(first_run());
  const Story revised = edited(park_story(), "新增绿地约两万平方米", "新增绿地约两万五千平方米");

  // Run 2: the body changed but the feed item did not (the feed changed
  // around it: a new item). The seen URL is not fetched; the new item is.
  put_netease(kPath, revised);
  put_netease(kOtherPath, library_story());
  serve_rss({entry(kPath, park_story()), entry(kOtherPath, library_story())});
  auto second = run_once("run2");
  ASSERT_TRUE(ExitedWith(*second, 0)) << StatusOf(*second) << "\n" << DaemonLog(*second);
  EXPECT_EQ(server.requests(kPath), 1u) << "same stamp: not fetched again";
  EXPECT_EQ(server.requests(kOtherPath), 1u);
  ASSERT_EQ(sandbox.new_files().size(), 2u) << DaemonLog(*second);

  // Run 3: the pubDate bumped: fetched, and the changed text is a revision.
  serve_rss({entry(kPath, park_story(), kLaterPubDate), entry(kOtherPath, library_story())});
  auto third = run_once("run3");
  ASSERT_TRUE(ExitedWith(*third, 0)) << StatusOf(*third) << "\n" << DaemonLog(*third);
  EXPECT_EQ(server.requests(kPath), 2u);
  EXPECT_EQ(server.requests(kOtherPath), 1u);
  const auto spooled = third->events("spooled");
  ASSERT_EQ(spooled.size(), 1u) << DaemonLog(*third);
  EXPECT_EQ(spooled[0].get("verdict"), "revision");
  EXPECT_EQ(spooled[0].get("url"), url(kPath));

  const std::vector<SpoolRecord> records = new_records();
  ASSERT_EQ(records.size(), 3u);
  const SpoolRecord* old_record = nullptr;
  const SpoolRecord* new_record = nullptr;
  for (const SpoolRecord& r : records) {
    if (r.name == first_name_) old_record = &r;
    if (r.name == spooled[0].get("name")) new_record = &r;
  }
  ASSERT_NE(old_record, nullptr) << "the first record stays as written";
  ASSERT_NE(new_record, nullptr) << spooled[0].raw;
  EXPECT_EQ(old_record->str("text"), park_story().text());
  ExpectStoryRecord(*new_record, url(kPath), "netease", revised, netease_chrome());
  EXPECT_NE(new_record->name, old_record->name);
  EXPECT_EQ(new_record->name.substr(0, 17), old_record->name.substr(0, 17)) << "same URL key part";
  EXPECT_NE(new_record->str("text").find("两万五千平方米"), std::string::npos);
}

}  // namespace
}  // namespace e2e
