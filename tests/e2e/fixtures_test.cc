// The test support itself: the pages clean to exactly their stories (so an
// e2e failure is the daemon's, not the fixture's), the feeds parse to the
// entries, and the JSON and logfmt readers accept and refuse what they should.
#include <gtest/gtest.h>

#include <string>

#include "clean/clean.h"
#include "daemon/digest.h"
#include "fetch/fetch.h"
#include "tests/e2e/json.h"
#include "tests/e2e/logfmt.h"
#include "tests/e2e/pages.h"

namespace e2e {
namespace {

constexpr const char* kNeteaseUrl = "http://127.0.0.1:8080/netease/a/1.html";
constexpr const char* kGovUrl = "http://127.0.0.1:8080/gov/art/t20240301_1.html";

clean::Article Clean(const std::string& html, const std::string& url) {
  clean::Input input;
  input.bytes = html;
  input.url = url;
  return clean::extract(input);
}

void ExpectCleansTo(const std::string& html, const std::string& url, const Story& story,
                    const std::vector<std::string>& chrome) {
  const clean::Article a = Clean(html, url);
  EXPECT_EQ(a.title, story.title);
  EXPECT_EQ(a.paragraphs, story.paragraphs) << "reasons: " << testing::PrintToString(a.reasons);
  for (const std::string& c : chrome) EXPECT_EQ(a.text().find(c), std::string::npos) << c;
  EXPECT_GE(a.text().size(), 300u * 3) << "at least 300 Han characters (3 bytes each)";
}

TEST(Fixtures, NeteasePagesCleanToTheirStories) {
  for (const Story* s : {&park_story(), &library_story(), &hydrogen_story()}) {
    SCOPED_TRACE(s->title);
    ExpectCleansTo(netease_page(*s), kNeteaseUrl, *s, netease_chrome());
  }
}

TEST(Fixtures, GovPagesCleanToTheirStoriesWithOpenInfoFields) {
  const std::pair<const Story*, OpenInfo> pages[] = {{&irrigation_notice(), irrigation_info()},
                                                     {&elderly_care_notice(), elderly_care_info()}};
  for (const auto& [story, info] : pages) {
    SCOPED_TRACE(story->title);
    const std::string html = gov_page(*story, info);
    ExpectCleansTo(html, kGovUrl, *story, gov_chrome());
    const clean::Article a = Clean(html, kGovUrl);
    bool found = false;
    for (const auto& [k, v] : a.fields) found = found || (k == "发布机构" && v == info.publisher);
    EXPECT_TRUE(found) << testing::PrintToString(a.fields);
  }
}

TEST(Fixtures, ChromeOnlyChangesCleanTheSame) {
  const std::string a = Clean(netease_page(park_story()), kNeteaseUrl).text();
  const std::string b =
      Clean(netease_page(park_story(), {"另一条完全不同的推荐标题：湖边新开了一家书店"}), kNeteaseUrl).text();
  EXPECT_EQ(a, b);
  EXPECT_EQ(a, park_story().text());
}

// The dedup e2e tests rest on these distances: the re-post is a near
// duplicate of the original (SimHash within the default 3 bits), and no two
// different stories are.
TEST(Fixtures, OnlyTheRepostIsNearTheOriginal) {
  constexpr int kNearDuplicateDistance = 3;  // config's default near_duplicate_distance
  const auto hash = [](const Story& s) { return jingwend::simhash(s.text()); };
  EXPECT_LE(jingwend::hamming_distance(hash(park_story()), hash(park_story_reposted())), kNearDuplicateDistance);
  const Story* stories[] = {&park_story(), &library_story(), &hydrogen_story(), &irrigation_notice(),
                            &elderly_care_notice()};
  for (const Story* a : stories) {
    for (const Story* b : stories) {
      if (a == b) continue;
      EXPECT_GT(jingwend::hamming_distance(hash(*a), hash(*b)), kNearDuplicateDistance + 8) << a->title << " / " << b->title;
    }
  }
}

TEST(Fixtures, ErrorAndStubPagesAreNoArticles) {
  for (const std::string& html : {error_page(), stub_page()}) {
    const clean::Article a = Clean(html, kNeteaseUrl);
    EXPECT_TRUE(a.empty()) << a.text();
    bool said = false;
    for (const std::string& r : a.reasons) said = said || r.starts_with("not an article");
    EXPECT_TRUE(said) << testing::PrintToString(a.reasons);
  }
}

TEST(Fixtures, FeedsParseToTheirEntries) {
  const std::vector<FeedEntry> entries = {
      {.title = "甲", .link = "http://127.0.0.1:8080/netease/a/1.html", .pub_date = "Tue, 05 Mar 2024 09:30:00 +0800"},
      {.title = "乙", .link = "http://127.0.0.1:8080/netease/a/2.html", .pub_date = "Wed, 06 Mar 2024 14:10:00 +0800"}};
  const fetch::Feed rss = fetch::parse_feed(rss_feed("频道", "http://127.0.0.1:8080/", entries),
                                            "http://127.0.0.1:8080/netease/rss.xml", "");
  ASSERT_TRUE(rss.error.ok()) << rss.error.message;
  ASSERT_EQ(rss.items.size(), 2u);
  EXPECT_EQ(rss.items[0].url, entries[0].link);
  EXPECT_EQ(rss.items[1].title, "乙");
  EXPECT_FALSE(rss.items[0].published.empty());

  const std::vector<FeedEntry> gov = {{.title = "通知一", .link = "/gov/art/t20240301_1.html", .pub_date = "2024-03-01"},
                                      {.title = "公告二", .link = "/gov/art/t20240220_2.html", .pub_date = "2024-02-20"}};
  const fetch::Feed list = fetch::parse_feed(html_list_page("通知公告", gov), "http://127.0.0.1:8080/gov/list.html", "",
                                             {.link_pattern = std::string(kGovListLinkPattern)});
  ASSERT_TRUE(list.error.ok()) << list.error.message;
  ASSERT_EQ(list.items.size(), 2u);
  EXPECT_EQ(list.items[0].url, "http://127.0.0.1:8080/gov/art/t20240301_1.html");
  EXPECT_EQ(list.items[1].title, "公告二");
}

TEST(JsonReader, ReadsObjectsStringsAndEscapes) {
  std::string error;
  const auto j = parse_json(R"( {"a": "x\"y\u00e9\ud83d\ude00", "n": -1.5e2, "b": [true, false, null], "o": {}} )",
                            &error);
  ASSERT_TRUE(j) << error;
  EXPECT_EQ(j->find("a")->string, "x\"y\xC3\xA9\xF0\x9F\x98\x80");
  EXPECT_EQ(j->find("n")->number, -150);
  EXPECT_EQ(j->find("b")->array.size(), 3u);
  EXPECT_EQ(j->find("o")->type, Json::Type::kObject);
  EXPECT_EQ(j->find("missing"), nullptr);
}

TEST(JsonReader, RefusesMalformedRecords) {
  for (const std::string bad : {"{\"a\":1,}", "{\"a\":1} x", "{\"a\":1,\"a\":2}", "{\"a\":\"\x01\"}",
                                "{\"a\":\"\xC3\"}", "{\"a\":\"\xED\xA0\x80\"}", "{\"a\":\"\\ud800\"}", "[01]",
                                "{\"a\" 1}", "\"unterminated", ""}) {
    std::string error;
    EXPECT_FALSE(parse_json(bad, &error)) << bad;
    EXPECT_FALSE(error.empty()) << bad;
  }
  std::string deep(kMaxJsonDepth + 2, '[');
  std::string error;
  EXPECT_FALSE(parse_json(deep + std::string(kMaxJsonDepth + 2, ']'), &error));
}

TEST(LogfmtReader, ReadsQuotedAndBareValues) {
  const auto line = parse_logfmt(
      R"(time=2026-11-23T18:04:01.123Z level=info event=spooled feed=gov title="城南 \"旧\" 厂房" chars=1520)");
  ASSERT_TRUE(line);
  EXPECT_EQ(line->event(), "spooled");
  EXPECT_EQ(line->get("title"), "城南 \"旧\" 厂房");
  EXPECT_EQ(line->get("chars"), "1520");
  EXPECT_EQ(line->get("absent"), "");
}

TEST(LogfmtReader, SkipsLinesThatAreNotEvents) {
  std::vector<std::string> bad;
  const auto lines = parse_log(
      "time=1 level=info event=start\n==123==ERROR: AddressSanitizer\nlevel=info event=x\n"
      "time=2 level=info event=ready\ntime=3 level=info event=partial",
      &bad);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1].event(), "ready");
  EXPECT_EQ(bad.size(), 2u);
}

}  // namespace
}  // namespace e2e
