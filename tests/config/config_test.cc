// parse_config / load_config on good configs: defaults, every key read,
// relative paths and file: URLs resolved, describe() output.
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "config/config.h"
#include "tests/config/helpers.h"

namespace {

namespace fs = std::filesystem;
using config::Config;
using config::FeedConfig;
using config::Millis;
using config::Seconds;
using configtest::kEtcConfig;
using configtest::kRequired;
using configtest::Parse;
using testing::ElementsAre;
using testing::HasSubstr;

using ConfigFiles = configtest::TempDirTest;

TEST(ParseConfig, RequiredKeysAloneGiveEveryDefault) {
  const config::LoadResult result = Parse(kRequired);
  ASSERT_TRUE(result.ok()) << configtest::Dump(result);
  const Config& c = *result.config;
  const Config d;
  EXPECT_EQ(c.path, kEtcConfig);
  EXPECT_EQ(c.spool_dir, "/etc/jingwen/spool");
  EXPECT_EQ(c.state_dir, "/etc/jingwen/state");
  EXPECT_EQ(c.workers, 2);
  EXPECT_EQ(c.user_agent, "");
  EXPECT_EQ(c.proxy, "");
  EXPECT_TRUE(c.headers.empty());
  EXPECT_EQ(c.per_host_concurrency, 2);
  EXPECT_EQ(c.per_host_delay, Millis(1000));
  EXPECT_EQ(c.max_in_flight, 64);
  EXPECT_EQ(c.timeout, Millis(60'000));
  EXPECT_EQ(c.connect_timeout, Millis(10'000));
  EXPECT_EQ(c.max_body, 16u << 20);
  EXPECT_EQ(c.shutdown_timeout, Seconds(10));
  EXPECT_EQ(c.max_pending, 10'000u);
  EXPECT_EQ(c.min_free, 64u << 20);
  EXPECT_EQ(c.format, config::RecordFormat::kJson);
  EXPECT_EQ(c.opencc, "t2s");
  EXPECT_EQ(c.log_format, config::LogFormat::kAuto);
  EXPECT_EQ(c.near_duplicate_distance, 3);
  EXPECT_EQ(c.max_backoff, Seconds(6 * 3600));
  EXPECT_EQ(c.summary_interval, Seconds(15 * 60));
  // A config without feeds is valid: a daemon with nothing to do yet.
  EXPECT_TRUE(c.feeds.empty());
  // The header's defaults are the ones documented above.
  EXPECT_EQ(c.workers, d.workers);
  EXPECT_EQ(c.max_body, d.max_body);
}

TEST(ParseConfig, ReadsEveryGlobalKey) {
  const config::LoadResult result = Parse(
      "spool_dir = \"/srv/spool\"\n"
      "state_dir = \"/srv/state\"\n"
      "workers = 8\n"
      "user_agent = \"jingwen-test/1.0\"\n"
      "proxy = \"http://proxy.example.cn:3128\"\n"
      "headers = { \"Accept-Language\" = \"zh-CN\", Cookie = \"a=1; b=2\" }\n"
      "per_host_concurrency = 4\n"
      "per_host_delay = \"0s\"\n"
      "max_in_flight = 4096\n"
      "timeout = \"90s\"\n"
      "connect_timeout = \"2s500ms\"\n"
      "max_body = \"2MiB\"\n"
      "shutdown_timeout = \"10m\"\n"
      "max_pending = 50\n"
      "min_free = \"1GB\"\n"
      "format = \"txt\"\n"
      "opencc = \"hk2s\"\n"
      "log_format = \"logfmt\"\n"
      "near_duplicate_distance = -1\n"
      "max_backoff = \"1d\"\n"
      "summary_interval = \"1h\"\n");
  ASSERT_TRUE(result.ok()) << configtest::Dump(result);
  const Config& c = *result.config;
  EXPECT_EQ(c.spool_dir, "/srv/spool");
  EXPECT_EQ(c.state_dir, "/srv/state");
  EXPECT_EQ(c.workers, 8);
  EXPECT_EQ(c.user_agent, "jingwen-test/1.0");
  EXPECT_EQ(c.proxy, "http://proxy.example.cn:3128");
  EXPECT_THAT(c.headers, ElementsAre("Accept-Language: zh-CN", "Cookie: a=1; b=2"));
  EXPECT_EQ(c.per_host_concurrency, 4);
  EXPECT_EQ(c.per_host_delay, Millis(0));
  EXPECT_EQ(c.max_in_flight, 4096);
  EXPECT_EQ(c.timeout, Millis(90'000));
  EXPECT_EQ(c.connect_timeout, Millis(2'500));
  EXPECT_EQ(c.max_body, 2u << 20);
  EXPECT_EQ(c.shutdown_timeout, Seconds(600));
  EXPECT_EQ(c.max_pending, 50u);
  EXPECT_EQ(c.min_free, 1'000'000'000u);
  EXPECT_EQ(c.format, config::RecordFormat::kTxt);
  EXPECT_EQ(c.opencc, "hk2s");
  EXPECT_EQ(c.log_format, config::LogFormat::kLogfmt);
  EXPECT_EQ(c.near_duplicate_distance, -1);
  EXPECT_EQ(c.max_backoff, Seconds(24 * 3600));
  EXPECT_EQ(c.summary_interval, Seconds(3600));
}

TEST(ParseConfig, SizesMayBeIntegersOfBytes) {
  const config::LoadResult result = Parse(kRequired + "max_body = 1048576\nmin_free = 0\n");
  ASSERT_TRUE(result.ok()) << configtest::Dump(result);
  EXPECT_EQ(result.config->max_body, 1048576u);
  EXPECT_EQ(result.config->min_free, 0u);
}

TEST(ParseConfig, RangeLimitsAreAccepted) {
  const config::LoadResult low = Parse(kRequired +
                                       "workers = 1\nper_host_concurrency = 1\nmax_in_flight = 1\n"
                                       "max_pending = 1\nnear_duplicate_distance = 0\n"
                                       "shutdown_timeout = \"1s\"\nmax_body = \"1KiB\"\n");
  ASSERT_TRUE(low.ok()) << configtest::Dump(low);
  EXPECT_EQ(low.config->workers, 1);
  EXPECT_EQ(low.config->max_body, 1024u);
  const config::LoadResult high = Parse(kRequired +
                                        "workers = 64\nper_host_concurrency = 64\n"
                                        "near_duplicate_distance = 3\nmax_body = \"1GiB\"\n");
  ASSERT_TRUE(high.ok()) << configtest::Dump(high);
  EXPECT_EQ(high.config->per_host_concurrency, 64);
  EXPECT_EQ(high.config->max_body, 1u << 30);
}

TEST(ParseConfig, FeedDefaults) {
  const config::LoadResult result =
      Parse(kRequired + "\n[[feed]]\nname = \"news\"\nurl = \"https://news.example.cn/rss.xml\"\n");
  ASSERT_TRUE(result.ok()) << configtest::Dump(result);
  ASSERT_EQ(result.config->feeds.size(), 1u);
  const FeedConfig& f = result.config->feeds[0];
  EXPECT_EQ(f.name, "news");
  EXPECT_EQ(f.url, "https://news.example.cn/rss.xml");
  EXPECT_EQ(f.kind, config::FeedKind::kGuess);
  EXPECT_EQ(f.interval, Seconds(15 * 60));
  EXPECT_EQ(f.link_pattern, "");
  EXPECT_EQ(f.selector, "");
  EXPECT_EQ(f.content_selector, "");
  EXPECT_EQ(f.charset, "");
  EXPECT_TRUE(f.headers.empty());
  EXPECT_TRUE(f.robots);
  EXPECT_TRUE(f.enabled);
  EXPECT_EQ(f.line, 4);  // the [[feed]] header
}

TEST(ParseConfig, ReadsEveryFeedKeyInFileOrder) {
  const config::LoadResult result =
      Parse(kRequired +
            "[[feed]]\n"
            "name = \"gov.list_1\"\n"
            "url = \"https://www.example.gov.cn/zwgk/\"\n"
            "kind = \"html\"\n"
            "interval = \"1h30m\"\n"
            "link_pattern = '/t\\d{8}_\\d+\\.html$'\n"
            "selector = \"#list, .news ul\"\n"
            "content_selector = \"div.TRS_Editor\"\n"
            "charset = \"gb18030\"\n"
            "headers = { Referer = \"https://www.example.gov.cn/\" }\n"
            "robots = false\n"
            "enabled = false\n"
            "[[feed]]\n"
            "name = \"atom\"\n"
            "url = \"http://blog.example.cn/atom.xml\"\n"
            "kind = \"atom\"\n"
            "interval = \"1s\"\n"
            "[[feed]]\n"
            "name = \"rss\"\n"
            "url = \"https://example.cn/rss\"\n"
            "kind = \"rss\"\n");
  ASSERT_TRUE(result.ok()) << configtest::Dump(result);
  ASSERT_EQ(result.config->feeds.size(), 3u);
  const FeedConfig& f = result.config->feeds[0];
  EXPECT_EQ(f.name, "gov.list_1");
  EXPECT_EQ(f.kind, config::FeedKind::kHtml);
  EXPECT_EQ(f.interval, Seconds(5400));
  EXPECT_EQ(f.link_pattern, "/t\\d{8}_\\d+\\.html$");
  EXPECT_EQ(f.selector, "#list, .news ul");
  EXPECT_EQ(f.content_selector, "div.TRS_Editor");
  EXPECT_EQ(f.charset, "gb18030");
  EXPECT_THAT(f.headers, ElementsAre("Referer: https://www.example.gov.cn/"));
  EXPECT_FALSE(f.robots);
  EXPECT_FALSE(f.enabled);
  EXPECT_EQ(f.line, 3);
  EXPECT_EQ(result.config->feeds[1].name, "atom");
  EXPECT_EQ(result.config->feeds[1].kind, config::FeedKind::kAtom);
  EXPECT_EQ(result.config->feeds[1].interval, Seconds(1));
  EXPECT_EQ(result.config->feeds[1].line, 15);
  EXPECT_EQ(result.config->feeds[2].kind, config::FeedKind::kRss);
}

TEST(ParseConfig, HeadersAsStandardTablesToo) {
  const config::LoadResult result = Parse(kRequired +
                                          "[headers]\n"
                                          "X-Global = \"1\"\n"
                                          "[[feed]]\n"
                                          "name = \"a\"\n"
                                          "url = \"https://a.example.cn/\"\n"
                                          "[feed.headers]\n"
                                          "X-Feed = \"2\"\n");
  ASSERT_TRUE(result.ok()) << configtest::Dump(result);
  EXPECT_THAT(result.config->headers, ElementsAre("X-Global: 1"));
  EXPECT_THAT(result.config->feeds.at(0).headers, ElementsAre("X-Feed: 2"));
}

TEST(ParseConfig, InlineFeedArrayAndEmptyFeedArray) {
  const config::LoadResult inline_feeds = Parse(kRequired +
                                                "feed = [{ name = \"a\", url = \"https://a.cn/\" "
                                                "}, { name = \"b\", url = \"https://b.cn/\" }]\n");
  ASSERT_TRUE(inline_feeds.ok()) << configtest::Dump(inline_feeds);
  ASSERT_EQ(inline_feeds.config->feeds.size(), 2u);
  EXPECT_EQ(inline_feeds.config->feeds[1].name, "b");
  const config::LoadResult none = Parse(kRequired + "feed = []\n");
  ASSERT_TRUE(none.ok()) << configtest::Dump(none);
  EXPECT_TRUE(none.config->feeds.empty());
}

TEST(ParseConfig, GuessIsAcceptedAsAKind) {
  const config::LoadResult result =
      Parse(kRequired + "[[feed]]\nname = \"a\"\nurl = \"https://a.cn/\"\nkind = \"guess\"\n");
  ASSERT_TRUE(result.ok()) << configtest::Dump(result);
  EXPECT_EQ(result.config->feeds.at(0).kind, config::FeedKind::kGuess);
}

// ---- paths ------------------------------------------------------------------

TEST(ParseConfig, RelativeDirectoriesResolveAgainstTheConfigsDirectory) {
  const config::LoadResult result =
      Parse("spool_dir = \"./a/./b/../spool/\"\nstate_dir = \"../lib/jingwen\"\n");
  ASSERT_TRUE(result.ok()) << configtest::Dump(result);
  EXPECT_EQ(result.config->spool_dir, "/etc/jingwen/a/spool");
  EXPECT_EQ(result.config->state_dir, "/etc/lib/jingwen");
}

TEST(ParseConfig, AbsoluteDirectoriesAreNormalised) {
  const config::LoadResult result =
      Parse("spool_dir = \"/var/spool/jingwen/\"\nstate_dir = \"/var//lib/x/../jingwen\"\n");
  ASSERT_TRUE(result.ok()) << configtest::Dump(result);
  EXPECT_EQ(result.config->spool_dir, "/var/spool/jingwen");
  EXPECT_EQ(result.config->state_dir, "/var/lib/jingwen");
}

TEST(ParseConfig, RelativeConfigPathIsMadeAbsolute) {
  const config::LoadResult result = config::parse_config(kRequired, "conf.d/../etc/jingwen.toml");
  ASSERT_TRUE(result.ok()) << configtest::Dump(result);
  const fs::path cwd = fs::current_path();
  EXPECT_EQ(result.config->path, (cwd / "etc/jingwen.toml").string());
  EXPECT_EQ(result.config->spool_dir, (cwd / "etc/spool").string());
}

// ---- feed URLs ----------------------------------------------------------------

TEST(ParseConfig, HttpUrlsAreNormalised) {
  const config::LoadResult result =
      Parse(kRequired +
            "[[feed]]\nname = \"a\"\nurl = \"HTTPS://WWW.Example.CN:443/list/a b.html#top\"\n"
            "[[feed]]\nname = \"b\"\nurl = \"http://中国政府.cn/zhengce/\"\n");
  ASSERT_TRUE(result.ok()) << configtest::Dump(result);
  EXPECT_EQ(result.config->feeds[0].url, "https://www.example.cn/list/a%20b.html");
  EXPECT_EQ(result.config->feeds[1].url, "http://xn--fiqs8sirgfmh.cn/zhengce/");
}

TEST_F(ConfigFiles, RelativeFileUrlResolvesAgainstTheConfigsDirectory) {
  Write("feeds/local.xml", "<rss/>");
  const std::string path = Write("jingwen.toml", kRequired +
                                                     "[[feed]]\n"
                                                     "name = \"local\"\n"
                                                     "url = \"file:feeds/local.xml\"\n");
  const config::LoadResult result = config::load_config(path);
  ASSERT_TRUE(result.ok()) << configtest::Dump(result);
  EXPECT_EQ(result.config->feeds.at(0).url, "file://" + (dir_ / "feeds/local.xml").string());
  EXPECT_EQ(result.config->path, path);
  EXPECT_EQ(result.config->spool_dir, (dir_ / "spool").string());
}

TEST_F(ConfigFiles, AbsoluteFileUrlsInEverySpelling) {
  const std::string feed = Write("abs/feed.xml", "<rss/>");
  const std::string path =
      Write("jingwen.toml", kRequired + "[[feed]]\nname = \"a\"\nurl = \"file://" + feed +
                                "\"\n"
                                "[[feed]]\nname = \"b\"\nurl = \"file:" +
                                feed +
                                "\"\n"
                                "[[feed]]\nname = \"c\"\nurl = \"file://localhost" +
                                feed +
                                "\"\n"
                                "[[feed]]\nname = \"d\"\nurl = \"file:../" +
                                dir_.filename().string() + "/abs/./feed.xml\"\n");
  const config::LoadResult result = config::load_config(path);
  ASSERT_TRUE(result.ok()) << configtest::Dump(result);
  for (const FeedConfig& f : result.config->feeds) EXPECT_EQ(f.url, "file://" + feed) << f.name;
}

TEST_F(ConfigFiles, FileUrlWithASpaceIsEncodedAndTheFileFound) {
  Write("my feeds/a.xml", "<rss/>");
  const std::string path =
      Write("jingwen.toml", kRequired + "[[feed]]\nname = \"a\"\nurl = \"file:my feeds/a.xml\"\n");
  const config::LoadResult result = config::load_config(path);
  ASSERT_TRUE(result.ok()) << configtest::Dump(result);
  EXPECT_EQ(result.config->feeds.at(0).url, "file://" + dir_.string() + "/my%20feeds/a.xml");
}

// ---- describe ---------------------------------------------------------------------

constexpr const char* kDescribed =
    "spool_dir = \"/srv/spool\"\n"
    "state_dir = \"state\"\n"
    "per_host_delay = \"0s\"\n"
    "timeout = \"1m30s\"\n"
    "max_body = 2000\n"
    "headers = { \"Accept-Language\" = \"zh-CN\" }\n"
    "[[feed]]\n"
    "name = \"gov\"\n"
    "url = \"https://www.example.gov.cn/list/\"\n"
    "kind = \"html\"\n"
    "link_pattern = '/t\\d+\\.html$'\n";

TEST(Describe, EveryKeyWithItsEffectiveValue) {
  const config::LoadResult result = Parse(kDescribed);
  ASSERT_TRUE(result.ok()) << configtest::Dump(result);
  const std::string described = config::describe(*result.config);
  EXPECT_EQ(described,
            "# /etc/jingwen/jingwen.toml, resolved: every key with its effective value\n"
            "spool_dir = \"/srv/spool\"\n"
            "state_dir = \"/etc/jingwen/state\"\n"
            "workers = 2\n"
            "user_agent = \"jingwen/0.1 (+https://github.com/jingwen/jingwen)\"\n"
            "proxy = \"\"\n"
            "headers = { \"Accept-Language\" = \"zh-CN\" }\n"
            "per_host_concurrency = 2\n"
            "per_host_delay = \"0s\"\n"
            "max_in_flight = 64\n"
            "timeout = \"1m30s\"\n"
            "connect_timeout = \"10s\"\n"
            "max_body = \"2kB\"\n"
            "shutdown_timeout = \"10s\"\n"
            "max_pending = 10000\n"
            "min_free = \"64MiB\"\n"
            "format = \"json\"\n"
            "opencc = \"t2s\"\n"
            "log_format = \"auto\"\n"
            "near_duplicate_distance = 3\n"
            "max_backoff = \"6h\"\n"
            "summary_interval = \"15m\"\n"
            "shard = \"0/1\"\n"
            "metrics_listen = \"\"\n"
            "\n"
            "[sink]\n"
            "kind = \"spool\"\n"
            "url = \"redis://127.0.0.1:6379/0\"\n"
            "stream = \"jingwen:articles\"\n"
            "maxlen = 1000000\n"
            "timeout = \"5s\"\n"
            "\n"
            "[[feed]]\n"
            "name = \"gov\"\n"
            "url = \"https://www.example.gov.cn/list/\"\n"
            "kind = \"html\"\n"
            "interval = \"15m\"\n"
            "link_pattern = '/t\\d+\\.html$'\n"
            "selector = \"\"\n"
            "content_selector = \"\"\n"
            "charset = \"\"\n"
            "headers = {}\n"
            "robots = true\n"
            "enabled = true\n");
}

TEST(Describe, OutputReadsBackAsTheSameConfig) {
  const config::LoadResult first =
      Parse(kRequired +
            "user_agent = \"say \\\"hi\\\"\\tplease\"\n"
            "shutdown_timeout = \"1m5s\"\n"
            "min_free = 12345\n"
            "[[feed]]\nname = \"a\"\nurl = \"https://a.example.cn/x?y=1\"\n"
            "selector = \"div.list\"\ninterval = \"1d1s\"\nenabled = false\n"
            "headers = { \"X-Quote\" = \"it's \\\\ fine\" }\n"
            "[[feed]]\nname = \"b\"\nurl = \"http://b.example.cn/\"\nkind = \"rss\"\n");
  ASSERT_TRUE(first.ok()) << configtest::Dump(first);
  const std::string described = config::describe(*first.config);
  const config::LoadResult second = Parse(described);
  ASSERT_TRUE(second.ok()) << configtest::Dump(second) << described;
  EXPECT_EQ(config::describe(*second.config), described);
  EXPECT_EQ(second.config->user_agent, "say \"hi\"\tplease");
  EXPECT_EQ(second.config->min_free, 12345u);
  EXPECT_EQ(second.config->shutdown_timeout, Seconds(65));
  EXPECT_THAT(second.config->feeds.at(0).headers, ElementsAre("X-Quote: it's \\ fine"));
  EXPECT_EQ(second.config->feeds.at(0).interval, Seconds(86401));
  EXPECT_FALSE(second.config->feeds.at(0).enabled);
}

TEST(FeedKindName, NamesEachKind) {
  EXPECT_EQ(config::feed_kind_name(config::FeedKind::kGuess), "guess");
  EXPECT_EQ(config::feed_kind_name(config::FeedKind::kRss), "rss");
  EXPECT_EQ(config::feed_kind_name(config::FeedKind::kAtom), "atom");
  EXPECT_EQ(config::feed_kind_name(config::FeedKind::kHtml), "html");
}

}  // namespace
