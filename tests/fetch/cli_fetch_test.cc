// `jingwen fetch` end to end: the real binary (JINGWEN_CLI) against the
// loopback server, fixtures from testdata/cli/.
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/http_server.h"
#include "tests/support/run_process.h"

namespace {

namespace fs = std::filesystem;
using testsupport::HttpServer;
using testsupport::ServerResponse;


std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string Fixture(const std::string& name) {
  return ReadFile(fs::path(JINGWEN_TESTDATA) / "cli" / name);
}

using CliRun = testsupport::ProcessRun;

// Runs `jingwen ARGS...`.
CliRun RunCli(const std::vector<std::string>& args) {
  static int counter = 0;
  const fs::path dir = fs::path(testing::TempDir()) /
                       ("cli_fetch_" + std::to_string(getpid()) + "_" + std::to_string(counter++));
  std::vector<std::string> argv = {JINGWEN_CLI};
  argv.insert(argv.end(), args.begin(), args.end());
  CliRun run = testsupport::run_process(argv, dir);
  if (!run.failure.empty()) ADD_FAILURE() << "jingwen: " << run.failure;
  fs::remove_all(dir);
  return run;
}

// `jingwen fetch ARGS...`
CliRun Fetch(std::vector<std::string> args) {
  args.insert(args.begin(), "fetch");
  return RunCli(args);
}

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> lines;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t at; (at = s.find(sep, start)) != std::string::npos; start = at + 1) {
    parts.push_back(s.substr(start, at - start));
  }
  parts.push_back(s.substr(start));
  return parts;
}

ServerResponse Html(std::string body, std::string charset = "utf-8") {
  return ServerResponse::text(200, std::move(body), "text/html; charset=" + charset);
}

constexpr const char* kArticleTitle = "清水县推进老旧小区改造工作纪实";
constexpr const char* kArticleSentence = "现在终于不用再提着水桶上楼了";

// ---- articles -------------------------------------------------------------

TEST(CliFetch, PrintsArticleAsText) {
  HttpServer server;
  server.on("/xwzx/1001.html", Html(Fixture("article.html")));
  const CliRun r = Fetch({server.url("/xwzx/1001.html")});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_NE(r.out.find(std::string("Title: ") + kArticleTitle + "\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Published: 2024-03-18T09:30:00+08:00\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(kArticleSentence), std::string::npos) << r.out;
  // Page chrome is not part of the article.
  EXPECT_EQ(r.out.find("版权所有"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("新闻中心"), std::string::npos) << r.out;
}

TEST(CliFetch, PrintsArticleAsJson) {
  HttpServer server;
  server.on("/xwzx/1001.html", Html(Fixture("article.html")));
  const CliRun r = Fetch({"--format", "json", server.url("/xwzx/1001.html")});
  EXPECT_EQ(r.status, 0) << r.err;
  ASSERT_FALSE(r.out.empty());
  EXPECT_EQ(r.out.front(), '{');
  EXPECT_NE(r.out.find(std::string("\"title\":\"") + kArticleTitle + "\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"charset\":\"utf-8\""), std::string::npos) << r.out;
  const std::size_t text = r.out.find("\"text\":\"");
  ASSERT_NE(text, std::string::npos) << r.out;
  EXPECT_NE(r.out.find(kArticleSentence, text), std::string::npos) << r.out;
}

TEST(CliFetch, RawPrintsTheBodyByteForByte) {
  HttpServer server;
  std::string bytes = "<p>\xC9\xBD\xC4\xCF</p>\r\n";  // "山南" in GBK
  bytes += std::string("\0\x01\xFF", 3);
  bytes += "no newline at the end";
  server.on("/raw", ServerResponse::text(200, bytes, "application/octet-stream"));
  const CliRun r = Fetch({"--raw", server.url("/raw")});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, bytes);
}

TEST(CliFetch, GbkPageWithCharsetOnlyInTheHeaderIsDecoded) {
  HttpServer server;
  server.on("/gbk.html", Html(Fixture("article_gbk.html"), "gbk"));
  const CliRun r = Fetch({server.url("/gbk.html")});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("Title: 山南镇举办农民丰收节庆祝活动\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Charset: gb18030\n"), std::string::npos) << r.out;  // gbk reads as GB18030
  EXPECT_NE(r.out.find("她家的柑橘产量比去年增加了三成"), std::string::npos) << r.out;
}

TEST(CliFetch, HeaderCharsetReachesTheCleaner) {
  // The same GBK bytes labelled Big5: ICU detection alone would say GB18030,
  // so a Big5 decode proves the HTTP charset was handed to clean::extract.
  HttpServer server;
  server.on("/big5.html", Html(Fixture("article_gbk.html"), "big5"));
  const CliRun r = Fetch({server.url("/big5.html")});
  EXPECT_NE(r.out.find("Charset: big5"), std::string::npos) << r.out;
}

TEST(CliFetch, FileUrlOnTheCommandLineIsAllowed) {
  const std::string url = "file://" + (fs::path(JINGWEN_TESTDATA) / "cli" / "article.html").string();
  const CliRun r = Fetch({url});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find(std::string("Title: ") + kArticleTitle), std::string::npos) << r.out;
}

TEST(CliFetch, ALocalFeedListsThePagesInItsOwnFolder) {
  const fs::path rss = fs::path(JINGWEN_SOURCE_DIR) / "demo" / "site" / "netease" / "rss.xml";
  const CliRun r = Fetch({"--feed", "file://" + rss.string()});
  EXPECT_EQ(r.status, 0) << r.err;
  const std::vector<std::string> lines = Lines(r.out);
  ASSERT_FALSE(lines.empty()) << r.err;
  for (const std::string& line : lines) {
    EXPECT_TRUE(line.starts_with("file://" + rss.parent_path().string() + "/")) << line;
  }
}

TEST(CliFetch, SendsUserAgentAndExtraHeaders) {
  HttpServer server;
  server.on("/raw", ServerResponse::text(200, "ok"));
  const CliRun r = Fetch({"--raw", "--user-agent", "cli-test/2.0", "--header", "X-Jingwen-Test: 42", "--header",
                       "Accept-Language: zh-CN", server.url("/raw")});
  EXPECT_EQ(r.status, 0) << r.err;
  const auto seen = server.last_request("/raw");
  ASSERT_TRUE(seen.has_value());
  EXPECT_EQ(seen->header("User-Agent"), "cli-test/2.0");
  EXPECT_EQ(seen->header("X-Jingwen-Test"), "42");
  EXPECT_EQ(seen->header("Accept-Language"), "zh-CN");
}

TEST(CliFetch, PageThatIsNotAnArticlePrintsReasonsAndExitsOne) {
  HttpServer server;
  server.on("/xxgk/index.htm", Html(Fixture("list.html")));
  const CliRun r = Fetch({server.url("/xxgk/index.htm")});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("Reason: "), std::string::npos) << r.out;
  EXPECT_EQ(r.err.rfind("jingwen fetch: not-an-article: ", 0), 0u) << r.err;
  EXPECT_EQ(Lines(r.err).size(), 1u) << r.err;
}

// ---- feeds ----------------------------------------------------------------

TEST(CliFetch, FeedListsRssItems) {
  HttpServer server;
  server.on("/rss.xml", ServerResponse::text(200, Fixture("feed.rss"), "application/rss+xml"));
  const CliRun r = Fetch({"--feed", server.url("/rss.xml")});
  EXPECT_EQ(r.status, 0) << r.err;
  const std::vector<std::string> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 2u) << r.out;
  const std::vector<std::string> first = Split(lines[0], '\t');
  ASSERT_EQ(first.size(), 3u) << lines[0];
  EXPECT_EQ(first[0], "http://www.qingshui.example.gov.cn/xwzx/202403/t20240318_1001.html");
  EXPECT_EQ(first[1].rfind("2024-03-18T09:30:00", 0), 0u) << first[1];
  EXPECT_EQ(first[2], kArticleTitle);
  const std::vector<std::string> second = Split(lines[1], '\t');
  ASSERT_EQ(second.size(), 3u) << lines[1];
  EXPECT_EQ(second[0], "http://www.qingshui.example.gov.cn/xwzx/202403/t20240315_1000.html");
  EXPECT_EQ(second[2], "县政府召开春耕备耕工作会议");
}

TEST(CliFetch, FeedAsJsonLines) {
  HttpServer server;
  server.on("/rss.xml", ServerResponse::text(200, Fixture("feed.rss"), "application/rss+xml"));
  const CliRun r = Fetch({"--feed", "--format", "json", server.url("/rss.xml")});
  EXPECT_EQ(r.status, 0) << r.err;
  const std::vector<std::string> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 2u) << r.out;
  EXPECT_EQ(lines[0].front(), '{');
  EXPECT_EQ(lines[0].back(), '}');
  EXPECT_NE(lines[0].find("\"url\":\"http://www.qingshui.example.gov.cn/xwzx/202403/t20240318_1001.html\""),
            std::string::npos)
      << lines[0];
  EXPECT_NE(lines[0].find(std::string("\"title\":\"") + kArticleTitle + "\""), std::string::npos) << lines[0];
  EXPECT_NE(lines[0].find("\"guid\":\"qs-1001\""), std::string::npos) << lines[0];
}

TEST(CliFetch, FeedOnHtmlListPageWithLinkPattern) {
  HttpServer server;
  server.on("/xxgk/index.htm", Html(Fixture("list.html")));
  const CliRun r = Fetch({"--feed", "--link-pattern", R"(content_\d+\.htm)", server.url("/xxgk/index.htm")});
  EXPECT_EQ(r.status, 0) << r.err;
  const std::vector<std::string> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 3u) << r.out;  // not the nav, paging or footer links
  std::vector<std::string> urls, titles;
  for (const std::string& line : lines) {
    const std::vector<std::string> f = Split(line, '\t');
    ASSERT_EQ(f.size(), 3u) << line;
    urls.push_back(f[0]);
    titles.push_back(f[2]);
  }
  EXPECT_EQ(urls[0], server.url("/xxgk/202403/content_1003.htm"));
  EXPECT_EQ(urls[1], server.url("/xxgk/202403/content_1002.htm"));
  EXPECT_EQ(urls[2], server.url("/xxgk/content_1001.htm"));  // relative href resolved
  EXPECT_EQ(titles[0], "关于做好2024年春季森林防火工作的通知");
}

// ---- failures -------------------------------------------------------------

TEST(CliFetch, NotFoundExitsOneAndNamesTheError) {
  HttpServer server;  // every path is a 404
  const CliRun r = Fetch({server.url("/missing.html")});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err.rfind("jingwen fetch: http-status: ", 0), 0u) << r.err;
  EXPECT_EQ(Lines(r.err).size(), 1u) << r.err;
}

TEST(CliFetch, RobotsDisallowRefusesAndNoRobotsFetches) {
  HttpServer server;
  server.on("/robots.txt", ServerResponse::text(200, "User-agent: *\nDisallow: /private/\n"));
  server.on("/private/1001.html", Html(Fixture("article.html")));

  const CliRun refused = Fetch({server.url("/private/1001.html")});
  EXPECT_EQ(refused.status, 1);
  EXPECT_EQ(refused.out, "");
  EXPECT_EQ(refused.err.rfind("jingwen fetch: robots-disallowed: ", 0), 0u) << refused.err;
  EXPECT_EQ(server.requests("/robots.txt"), 1u);
  EXPECT_EQ(server.requests("/private/1001.html"), 0u);

  const CliRun fetched = Fetch({"--no-robots", server.url("/private/1001.html")});
  EXPECT_EQ(fetched.status, 0) << fetched.err;
  EXPECT_NE(fetched.out.find(kArticleSentence), std::string::npos) << fetched.out;
  EXPECT_EQ(server.requests("/robots.txt"), 1u);  // not asked again
  EXPECT_EQ(server.requests("/private/1001.html"), 1u);
}

TEST(CliFetch, BodyOverMaxBytesFails) {
  HttpServer server;
  server.on("/big", ServerResponse::text(200, std::string(4096, 'x')));
  const CliRun r = Fetch({"--raw", "--max-bytes", "1000", server.url("/big")});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err.rfind("jingwen fetch: too-large: ", 0), 0u) << r.err;
}

TEST(CliFetch, BadUsageExitsTwo) {
  const std::vector<std::vector<std::string>> bad = {
      {},                                              // no URL
      {"http://a.example/", "http://b.example/"},      // two URLs
      {"--bogus", "http://a.example/"},                // unknown flag
      {"--format", "xml", "http://a.example/"},        // bad format
      {"--format"},                                    // missing value
      {"--link-pattern", "x", "http://a.example/"},    // list-page flag without --feed
      {"--header", "no colon", "http://a.example/"},   // malformed header
      {"--timeout", "-3", "http://a.example/"},        // bad number
      {"--max-bytes", "lots", "http://a.example/"},    // bad number
  };
  for (const auto& args : bad) {
    const CliRun r = Fetch(args);
    std::string joined;
    for (const auto& a : args) joined += a + " ";
    EXPECT_EQ(r.status, 2) << joined;
    EXPECT_EQ(r.out, "") << joined;
    EXPECT_EQ(r.err.rfind("jingwen fetch: ", 0), 0u) << joined << r.err;
  }
}

TEST(CliFetch, HelpExitsZeroAndMainUsageNamesFetch) {
  const CliRun help = Fetch({"--help"});
  EXPECT_EQ(help.status, 0);
  EXPECT_EQ(help.out.rfind("usage: jingwen fetch", 0), 0u) << help.out;
  const CliRun main_help = RunCli({"--help"});
  EXPECT_NE(main_help.out.find("  fetch "), std::string::npos) << main_help.out;
}

}  // namespace
