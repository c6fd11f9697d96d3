// jingwend --once: every feed polled once, every article spooled once, the
// exit status saying whether all went well; a second run re-reads the
// feeds (conditional GET) and fetches nothing it has seen.
#include <fstream>
#include <set>

#include "tests/e2e/e2e_test.h"

namespace e2e {
namespace {

class OnceTest : public E2eTest {
 protected:
  struct Article {
    std::string path;
    const Story* story;
    std::string feed;
    bool gov;
  };

  // NetEase: three stories in an RSS feed with an ETag. Gov: two notices on
  // an HTML column page without validators (most gov.cn sites have none).
  void serve_two_sites() {
    articles_ = {{"/netease/a/1.html", &park_story(), "netease", false},
                 {"/netease/a/2.html", &library_story(), "netease", false},
                 {"/netease/a/3.html", &hydrogen_story(), "netease", false},
                 {"/gov/art/t20240301_31.html", &irrigation_notice(), "gov", true},
                 {"/gov/art/t20240220_7.html", &elderly_care_notice(), "gov", true}};
    std::vector<FeedEntry> rss, list;
    for (const Article& a : articles_) {
      if (a.gov) {
        put_gov(a.path, *a.story, a.story == &irrigation_notice() ? irrigation_info() : elderly_care_info());
        list.push_back({.title = a.story->title, .link = a.path, .pub_date = a.story->published});
      } else {
        put_netease(a.path, *a.story);
        rss.push_back(entry(a.path, *a.story));
      }
    }
    rss_body_ = rss_feed("网易号·城市", url("/"), rss);
    serve_feed(server, "/netease/rss.xml", rss_body_);
    serve_feed(server, "/gov/list.html", html_list_page("通知公告", list), /*etag=*/false, kHtmlType);
    config.feeds = {rss_spec("netease", "/netease/rss.xml"), html_list_spec("gov", "/gov/list.html")};
  }

  std::vector<Article> articles_;
  std::string rss_body_;
};

const LogLine* FindFeedLine(const std::vector<LogLine>& lines, const std::string& feed) {
  for (const LogLine& l : lines) {
    if (l.get("feed") == feed) return &l;
  }
  return nullptr;
}

TEST_F(OnceTest, SpoolsEveryArticleOnceAndASecondRunFetchesNothingSeen) {
  serve_two_sites();

  // Run 1: all five articles, each exactly once.
  auto first = run_once("run1");
  ASSERT_TRUE(ExitedWith(*first, 0)) << StatusOf(*first) << "\n" << DaemonLog(*first);
  const std::vector<SpoolRecord> records = new_records();
  ASSERT_EQ(records.size(), articles_.size()) << DaemonLog(*first);
  for (const Article& a : articles_) {
    SCOPED_TRACE(a.path);
    const SpoolRecord* r = find_record(records, url(a.path));
    ASSERT_NE(r, nullptr) << "no record for " << url(a.path);
    ExpectStoryRecord(*r, url(a.path), a.feed, *a.story, a.gov ? gov_chrome() : netease_chrome());
    EXPECT_EQ(server.requests(a.path), 1u);
  }

  // The log: every line an event, one `spooled` per record naming its file.
  std::vector<std::string> bad;
  const std::vector<LogLine> log = parse_log(first->stderr_text(), &bad);
  EXPECT_TRUE(bad.empty()) << "lines that are not logfmt events:\n" << testing::PrintToString(bad);
  std::set<std::string> spooled_names;
  for (const LogLine& l : first->events("spooled")) {
    EXPECT_EQ(l.get("verdict"), "new") << l.raw;
    const SpoolRecord* r = find_record(records, l.get("url"));
    ASSERT_NE(r, nullptr) << l.raw;
    EXPECT_EQ(l.get("name"), r->name) << l.raw;
    EXPECT_EQ(l.get("feed"), r->str("feed")) << l.raw;
    EXPECT_EQ(l.get("title"), r->str("title")) << l.raw;
    EXPECT_FALSE(l.get("chars").empty()) << l.raw;
    spooled_names.insert(l.get("name"));
  }
  EXPECT_EQ(spooled_names.size(), articles_.size());
  const auto start = first->events("start");
  ASSERT_EQ(start.size(), 1u) << DaemonLog(*first);
  EXPECT_EQ(start[0].get("config"), sandbox.config_path().string());
  EXPECT_EQ(start[0].get("feeds"), "2");
  const auto fetched = first->events("feed-fetched");
  ASSERT_NE(FindFeedLine(fetched, "netease"), nullptr) << DaemonLog(*first);
  EXPECT_EQ(FindFeedLine(fetched, "netease")->get("http_status"), "200");
  EXPECT_EQ(FindFeedLine(fetched, "netease")->get("items"), "3");
  ASSERT_NE(FindFeedLine(fetched, "gov"), nullptr) << DaemonLog(*first);
  EXPECT_EQ(FindFeedLine(fetched, "gov")->get("items"), "2");
  const auto summaries = first->events("summary");
  ASSERT_NE(FindFeedLine(summaries, "netease"), nullptr) << "a summary per feed at exit\n" << DaemonLog(*first);
  EXPECT_EQ(FindFeedLine(summaries, "netease")->get("spooled"), "3");
  ASSERT_NE(FindFeedLine(summaries, "gov"), nullptr) << DaemonLog(*first);
  EXPECT_EQ(FindFeedLine(summaries, "gov")->get("spooled"), "2");
  const auto done = first->events("once-done");
  ASSERT_EQ(done.size(), 1u) << DaemonLog(*first);
  EXPECT_EQ(done[0].get("feeds"), "2");
  EXPECT_EQ(done[0].get("failed"), "0");
  EXPECT_EQ(done[0].get("spooled"), "5");

  // The state is a real SQLite file.
  std::ifstream state(sandbox.state_dir() / "state.sqlite3", std::ios::binary);
  std::string magic(16, '\0');
  state.read(magic.data(), 16);
  EXPECT_EQ(magic, std::string("SQLite format 3\0", 16));

  // Run 2: both feeds read again, the RSS one conditionally; nothing fetched
  // or written again.
  auto second = run_once("run2");
  ASSERT_TRUE(ExitedWith(*second, 0)) << StatusOf(*second) << "\n" << DaemonLog(*second);
  EXPECT_EQ(server.requests("/netease/rss.xml"), 2u);
  EXPECT_EQ(server.requests("/gov/list.html"), 2u);
  const auto rss_request = server.last_request("/netease/rss.xml");
  ASSERT_TRUE(rss_request);
  EXPECT_EQ(rss_request->header("If-None-Match"), feed_etag(rss_body_)) << "the second poll is a conditional GET";
  const auto refetched = second->events("feed-fetched");
  ASSERT_NE(FindFeedLine(refetched, "netease"), nullptr) << DaemonLog(*second);
  EXPECT_EQ(FindFeedLine(refetched, "netease")->get("http_status"), "304");
  EXPECT_EQ(FindFeedLine(refetched, "netease")->get("unchanged"), "true");
  EXPECT_EQ(FindFeedLine(refetched, "netease")->get("items"), "0");
  for (const Article& a : articles_) EXPECT_EQ(server.requests(a.path), 1u) << a.path << " fetched again";
  EXPECT_EQ(sandbox.new_files().size(), articles_.size());
  EXPECT_TRUE(second->events("spooled").empty()) << DaemonLog(*second);
  const auto done2 = second->events("once-done");
  ASSERT_EQ(done2.size(), 1u) << DaemonLog(*second);
  EXPECT_EQ(done2[0].get("spooled"), "0");
  EXPECT_EQ(done2[0].get("failed"), "0");
}

TEST_F(OnceTest, PagesThatAreNoArticlesAreSkippedAndNotFetchedAgain) {
  put_netease("/netease/a/1.html", park_story());
  serve_page(server, "/netease/a/gone.html", error_page());
  serve_page(server, "/netease/a/stub.html", stub_page());
  // No ETag: the second run parses the feed again and must decide from its
  // state that the two pages are known.
  serve_feed(server, "/netease/rss.xml",
             rss_feed("网易号", url("/"),
                      {entry("/netease/a/1.html", park_story()),
                       {.title = "已删除的文章", .link = url("/netease/a/gone.html"), .pub_date = kFirstPubDate},
                       {.title = "专栏", .link = url("/netease/a/stub.html"), .pub_date = kFirstPubDate}}),
             /*etag=*/false);
  config.feeds = {rss_spec("netease", "/netease/rss.xml")};

  auto first = run_once("run1");
  ASSERT_TRUE(ExitedWith(*first, 0)) << StatusOf(*first) << "\n" << DaemonLog(*first);
  const std::vector<SpoolRecord> records = new_records();
  ASSERT_EQ(records.size(), 1u) << DaemonLog(*first);
  ExpectStoryRecord(records[0], url("/netease/a/1.html"), "netease", park_story(), netease_chrome());
  for (const std::string path : {"/netease/a/gone.html", "/netease/a/stub.html"}) {
    SCOPED_TRACE(path);
    const auto skipped =
        first->wait_for_log("skipped", [&](const LogLine& l) { return l.get("url") == url(path); }, Millis{0});
    ASSERT_TRUE(skipped) << DaemonLog(*first);
    EXPECT_EQ(skipped->get("feed"), "netease");
    EXPECT_TRUE(skipped->get("reason").starts_with("not-article")) << skipped->raw;
    EXPECT_EQ(server.requests(path), 1u);
  }
  const auto done = first->events("once-done");
  ASSERT_EQ(done.size(), 1u);
  EXPECT_EQ(done[0].get("skipped"), "2");
  EXPECT_EQ(done[0].get("spooled"), "1");

  auto second = run_once("run2");
  ASSERT_TRUE(ExitedWith(*second, 0)) << StatusOf(*second) << "\n" << DaemonLog(*second);
  EXPECT_EQ(server.requests("/netease/rss.xml"), 2u);
  EXPECT_EQ(server.requests("/netease/a/gone.html"), 1u) << "a page known to be no article is not fetched again";
  EXPECT_EQ(server.requests("/netease/a/stub.html"), 1u);
  EXPECT_EQ(server.requests("/netease/a/1.html"), 1u);
  EXPECT_TRUE(second->events("skipped").empty()) << DaemonLog(*second);
  EXPECT_EQ(sandbox.new_files().size(), 1u);
}

TEST_F(OnceTest, AFailingFeedMakesTheRunFailButTheOthersAreSpooled) {
  put_netease("/netease/a/1.html", park_story());
  put_netease("/netease/a/2.html", library_story());
  serve_feed(server, "/netease/rss.xml",
             rss_feed("网易号", url("/"), {entry("/netease/a/1.html", park_story()),
                                           entry("/netease/a/2.html", library_story())}));
  // /missing/rss.xml has no route: 404.
  config.feeds = {rss_spec("missing", "/missing/rss.xml"), rss_spec("netease", "/netease/rss.xml")};

  auto run = run_once("run");
  ASSERT_TRUE(ExitedWith(*run, 1)) << StatusOf(*run) << "\n" << DaemonLog(*run);
  const std::vector<SpoolRecord> records = new_records();
  ASSERT_EQ(records.size(), 2u) << DaemonLog(*run);
  const SpoolRecord* park = find_record(records, url("/netease/a/1.html"));
  const SpoolRecord* library = find_record(records, url("/netease/a/2.html"));
  ASSERT_TRUE(park != nullptr && library != nullptr) << DaemonLog(*run);
  ExpectStoryRecord(*park, url("/netease/a/1.html"), "netease", park_story(), netease_chrome());
  ExpectStoryRecord(*library, url("/netease/a/2.html"), "netease", library_story(), netease_chrome());

  const auto failed = run->events("feed-failed");
  ASSERT_EQ(failed.size(), 1u) << DaemonLog(*run);
  EXPECT_EQ(failed[0].get("feed"), "missing");
  EXPECT_EQ(failed[0].get("url"), url("/missing/rss.xml"));
  EXPECT_EQ(failed[0].get("level"), "warning");
  EXPECT_EQ(failed[0].get("reason"), "http-status");
  EXPECT_EQ(failed[0].get("http_status"), "404");
  EXPECT_EQ(failed[0].get("failures"), "1");
  const auto done = run->events("once-done");
  ASSERT_EQ(done.size(), 1u) << DaemonLog(*run);
  EXPECT_EQ(done[0].get("feeds"), "2");
  EXPECT_EQ(done[0].get("failed"), "1");
  EXPECT_EQ(done[0].get("spooled"), "2");
}

// file:// feeds: a folder of saved pages, the feed URL relative to the
// config file; items outside the feed's folder are refused.
TEST_F(OnceTest, AFileFeedSpoolsLocalPagesUnderItsFolderOnly) {
  const fs::path site = sandbox.root() / "site";
  sandbox.write_file(site / "a" / "1.html", netease_page(park_story()));
  sandbox.write_file(site / "b" / "2.html", netease_page(library_story()));
  sandbox.write_file(sandbox.root() / "outside.html", netease_page(hydrogen_story()));
  const std::string page1 = "file://" + (site / "a" / "1.html").string();
  const std::string page2 = "file://" + (site / "b" / "2.html").string();
  const std::string outside = "file://" + (sandbox.root() / "outside.html").string();
  sandbox.write_file(site / "feed.xml",
                     rss_feed("本地", "file://" + site.string() + "/",
                              {{.title = park_story().title, .link = page1, .pub_date = kFirstPubDate},
                               {.title = library_story().title, .link = page2, .pub_date = kFirstPubDate},
                               {.title = hydrogen_story().title, .link = outside, .pub_date = kFirstPubDate}}));
  config.feeds = {FeedSpec{.name = "local", .url = "file:site/feed.xml", .kind = "rss"}};

  auto run = run_once("run");
  ASSERT_TRUE(ExitedWith(*run, 0)) << StatusOf(*run) << "\n" << DaemonLog(*run);
  const std::vector<SpoolRecord> records = new_records();
  ASSERT_EQ(records.size(), 2u) << DaemonLog(*run);
  ASSERT_NE(find_record(records, page1), nullptr) << DaemonLog(*run);
  ASSERT_NE(find_record(records, page2), nullptr) << DaemonLog(*run);
  ExpectStoryRecord(*find_record(records, page1), page1, "local", park_story(), netease_chrome());
  ExpectStoryRecord(*find_record(records, page2), page2, "local", library_story(), netease_chrome());
  for (const SpoolRecord& r : records) EXPECT_EQ(r.str("text").find("海上风电"), std::string::npos);
}

}  // namespace
}  // namespace e2e
