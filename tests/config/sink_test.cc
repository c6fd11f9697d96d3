// The [sink] table and its redis:// url.
#include <gtest/gtest.h>

#include <string>

#include "config/config.h"
#include "tests/config/helpers.h"

namespace config {
namespace {

TEST(RedisUrl, HostPortAndDatabase) {
  SinkConfig s;
  EXPECT_EQ(parse_redis_url("redis://10.0.0.5:6380/2", s), "");
  EXPECT_EQ(s.host, "10.0.0.5");
  EXPECT_EQ(s.port, 6380);
  EXPECT_EQ(s.db, 2);
  EXPECT_EQ(parse_redis_url("redis://cache.internal", s), "");
  EXPECT_EQ(redis_url(s), "redis://cache.internal:6379/0");  // the defaults filled in
  EXPECT_EQ(parse_redis_url("redis://[::1]:7000", s), "");
  EXPECT_EQ(s.host, "::1");
  EXPECT_EQ(redis_url(s), "redis://[::1]:7000/0");
}

TEST(RedisUrl, RefusesWhatItCannotUse) {
  SinkConfig s;
  EXPECT_EQ(parse_redis_url("http://127.0.0.1:6379", s), "must start with redis:// (redis://HOST[:PORT][/DB])");
  EXPECT_EQ(parse_redis_url("redis://:secret@127.0.0.1", s), "user info (a password) is not supported");
  EXPECT_EQ(parse_redis_url("redis://127.0.0.1:0", s), "port \"0\" is not 1..65535");
  EXPECT_EQ(parse_redis_url("redis://127.0.0.1:", s), "port \"\" is not 1..65535");
  EXPECT_EQ(parse_redis_url("redis://127.0.0.1/16", s), "database \"16\" is not 0..15");
  EXPECT_EQ(parse_redis_url("redis://", s), "no host");
  EXPECT_EQ(parse_redis_url("redis://a b", s), "\"a b\" is not a host name");
  EXPECT_EQ(parse_redis_url("redis://[::1", s), "unclosed [ in the host");
  EXPECT_EQ(parse_redis_url("redis://[zz]:1", s), "\"zz\" is not an IPv6 address");
}

TEST(SinkTable, ReadWithDefaults) {
  const LoadResult r = parse_config(configtest::kRequired +
                                        "[sink]\nkind = \"redis\"\nurl = \"redis://127.0.0.1:7001\"\nmaxlen = 0\n",
                                    configtest::kEtcConfig);
  ASSERT_TRUE(r.ok()) << r.errors.front().to_string();
  EXPECT_EQ(r.config->sink.kind, SinkKind::kRedis);
  EXPECT_EQ(r.config->sink.port, 7001);
  EXPECT_EQ(r.config->sink.maxlen, 0u);
  EXPECT_EQ(r.config->sink.stream, "jingwen:articles");
  EXPECT_EQ(r.config->sink.timeout, Millis{5000});
  const LoadResult none = parse_config(configtest::kRequired, configtest::kEtcConfig);
  EXPECT_EQ(none.config->sink.kind, SinkKind::kSpool);
}

TEST(SinkTable, ErrorsNameTheKey) {
  const LoadResult r = parse_config(configtest::kRequired +
                                        "[sink]\nkind = \"kafka\"\nurl = \"redis://h:99999\"\nstream = \"\"\n"
                                        "streem = \"x\"\n",
                                    configtest::kEtcConfig);
  ASSERT_EQ(r.errors.size(), 4u);
  EXPECT_EQ(r.errors[0].to_string(), "/etc/jingwen/jingwen.toml:4:8: sink.kind: \"kafka\" is not one of \"redis\" or \"spool\"");
  EXPECT_EQ(r.errors[1].to_string(),
            "/etc/jingwen/jingwen.toml:5:7: sink.url: \"redis://h:99999\": port \"99999\" is not 1..65535");
  EXPECT_EQ(r.errors[2].to_string(), "/etc/jingwen/jingwen.toml:6:10: sink.stream: must be a stream name of 1..200 bytes");
  EXPECT_EQ(r.errors[3].to_string(),
            "/etc/jingwen/jingwen.toml:7:1: sink.streem: unknown key \"streem\" (did you mean \"stream\"?)");
}

TEST(SinkTable, ARedisSinkNeedsAUrl) {
  const LoadResult r = parse_config(configtest::kRequired + "[sink]\nkind = \"redis\"\n", configtest::kEtcConfig);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].to_string(), "/etc/jingwen/jingwen.toml:3:1: sink.url: missing (a redis sink needs one)");
  const LoadResult not_table = parse_config(configtest::kRequired + "sink = \"redis\"\n", configtest::kEtcConfig);
  ASSERT_EQ(not_table.errors.size(), 1u);
  EXPECT_EQ(not_table.errors[0].to_string(), "/etc/jingwen/jingwen.toml:3:1: sink: must be a [sink] table, not a string");
}

}  // namespace
}  // namespace config

namespace config {
namespace {

TEST(MetricsListen, LoopbackOnly) {
  std::string host;
  int port = -1;
  EXPECT_EQ(parse_loopback_listen("127.0.0.1:9464", host, port), "");
  EXPECT_EQ(host, "127.0.0.1");
  EXPECT_EQ(port, 9464);
  EXPECT_EQ(parse_loopback_listen("localhost:0", host, port), "");
  EXPECT_EQ(host, "127.0.0.1");
  EXPECT_EQ(port, 0);
  EXPECT_EQ(parse_loopback_listen("[::1]:80", host, port), "");
  EXPECT_EQ(host, "::1");
  EXPECT_EQ(parse_loopback_listen("127.1.2.3:1", host, port), "");
  const std::string refused =
      "is not a loopback address (127.x.y.z, localhost or [::1]): the listener has no authentication";
  EXPECT_EQ(parse_loopback_listen("0.0.0.0:9464", host, port), "\"0.0.0.0\" " + refused);
  EXPECT_EQ(parse_loopback_listen("10.0.0.1:9464", host, port), "\"10.0.0.1\" " + refused);
  EXPECT_EQ(parse_loopback_listen("127.0.0:9464", host, port), "\"127.0.0\" " + refused);
  EXPECT_EQ(parse_loopback_listen("127.0.0.1", host, port), "expected HOST:PORT (127.0.0.1:9464)");
  EXPECT_EQ(parse_loopback_listen("127.0.0.1:65536", host, port), "port \"65536\" is not 0..65535");
}

TEST(MetricsListen, KeyInTheConfig) {
  const LoadResult r = parse_config(configtest::kRequired + "metrics_listen = \"0.0.0.0:1\"\n", configtest::kEtcConfig);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].key, "metrics_listen");
  const LoadResult off = parse_config(configtest::kRequired + "metrics_listen = \"\"\n", configtest::kEtcConfig);
  ASSERT_TRUE(off.ok());
  EXPECT_EQ(off.config->metrics_host, "");
}

}  // namespace
}  // namespace config
