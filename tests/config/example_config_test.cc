// config/jingwen.example.toml, installed as /etc/jingwen/jingwen.toml: it
// loads, shows every global key with its default, and its feeds are what the
// comments say.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "config/config.h"
#include "tests/config/helpers.h"

namespace {

using config::Seconds;
using testing::ElementsAre;

const std::string kExample = std::string(JINGWEN_SOURCE_DIR) + "/config/jingwen.example.toml";

config::Config LoadExample() {
  const config::LoadResult result = config::load_config(kExample);
  EXPECT_TRUE(result.ok()) << configtest::Dump(result);
  return result.config.value_or(config::Config{});
}

TEST(ExampleConfig, LoadsWithProductionPaths) {
  const config::Config c = LoadExample();
  EXPECT_EQ(c.path, kExample);
  EXPECT_EQ(c.spool_dir, "/var/spool/jingwen");
  EXPECT_EQ(c.state_dir, "/var/lib/jingwen");
}

TEST(ExampleConfig, GlobalsAreTheDefaults) {
  const config::Config c = LoadExample();
  const config::Config d;
  EXPECT_EQ(c.workers, d.workers);
  EXPECT_EQ(c.user_agent, d.user_agent);
  EXPECT_EQ(c.proxy, d.proxy);
  EXPECT_EQ(c.headers, d.headers);
  EXPECT_EQ(c.per_host_concurrency, d.per_host_concurrency);
  EXPECT_EQ(c.per_host_delay, d.per_host_delay);
  EXPECT_EQ(c.max_in_flight, d.max_in_flight);
  EXPECT_EQ(c.timeout, d.timeout);
  EXPECT_EQ(c.connect_timeout, d.connect_timeout);
  EXPECT_EQ(c.max_body, d.max_body);
  EXPECT_EQ(c.shutdown_timeout, d.shutdown_timeout);
  EXPECT_EQ(c.max_pending, d.max_pending);
  EXPECT_EQ(c.min_free, d.min_free);
  EXPECT_EQ(c.format, d.format);
  EXPECT_EQ(c.opencc, d.opencc);
  EXPECT_EQ(c.log_format, d.log_format);
  EXPECT_EQ(c.near_duplicate_distance, d.near_duplicate_distance);
  EXPECT_EQ(c.max_backoff, d.max_backoff);
  EXPECT_EQ(c.summary_interval, d.summary_interval);
}

// Every global key describe() prints is written out in the example (not only
// in a comment), so an operator sees each one and its default.
TEST(ExampleConfig, ShowsEveryGlobalKey) {
  std::ifstream in(kExample);
  std::stringstream text;
  text << in.rdbuf();
  std::string example = "\n";  // not "\n" + ...: a false -Wrestrict in GCC 12
  example += text.str();
  std::istringstream described(config::describe(LoadExample()));
  int keys = 0;
  for (std::string line;
       std::getline(described, line) && !line.starts_with("[");) {
    const std::size_t equals = line.find(" = ");
    if (line.empty() || line[0] == '#' || equals == std::string::npos) continue;
    const std::string key = line.substr(0, equals);
    EXPECT_NE(example.find("\n" + key + " = "), std::string::npos) << key;
    ++keys;
  }
  EXPECT_EQ(keys, 23);
}

TEST(ExampleConfig, Feeds) {
  const config::Config c = LoadExample();
  ASSERT_EQ(c.feeds.size(), 3u);

  const config::FeedConfig& netease = c.feeds[0];
  EXPECT_EQ(netease.name, "163-news-top");
  EXPECT_EQ(netease.url, "https://news.163.com/special/00011K6L/rss_newstop.xml");
  EXPECT_EQ(netease.kind, config::FeedKind::kRss);
  EXPECT_EQ(netease.interval, Seconds(600));
  EXPECT_TRUE(netease.enabled);

  const config::FeedConfig& gov = c.feeds[1];
  EXPECT_EQ(gov.name, "gov-zhengce-zuixin");
  EXPECT_EQ(gov.url, "https://www.gov.cn/zhengce/zuixin/");
  EXPECT_EQ(gov.kind, config::FeedKind::kHtml);
  EXPECT_EQ(gov.interval, Seconds(1800));
  EXPECT_EQ(gov.link_pattern, "^https://www\\.gov\\.cn/zhengce/content/\\d{6}/content_\\d+\\.htm$");
  EXPECT_EQ(gov.selector, ".news_box .list");
  EXPECT_TRUE(gov.robots);
  EXPECT_TRUE(gov.enabled);

  const config::FeedConfig& city = c.feeds[2];
  EXPECT_EQ(city.name, "example-city-gkml");
  EXPECT_EQ(city.kind, config::FeedKind::kHtml);
  EXPECT_EQ(city.interval, Seconds(3600));
  EXPECT_EQ(city.content_selector, ".TRS_Editor");
  EXPECT_EQ(city.charset, "gb18030");
  EXPECT_THAT(city.headers, ElementsAre("Referer: https://www.example.gov.cn/"));
  EXPECT_FALSE(city.enabled);
}

}  // namespace
