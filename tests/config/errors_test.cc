// Every kind of config error: where it is reported (LINE:COLUMN, 1-based,
// columns in characters), under which key, and what the message says.
#include <sys/stat.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "config/config.h"
#include "tests/config/helpers.h"

namespace {

using configtest::kRequired;
using configtest::OnlyError;
using configtest::Parse;
using configtest::Where;
using configtest::Wheres;
using testing::ElementsAre;
using testing::HasSubstr;

// One config with one fault: where it must be reported and a part of the
// message that says what is wrong.
struct OneFault {
  const char* what;
  std::string text;
  std::string where;  // "LINE:COLUMN KEY"
  std::string message;
};

void ExpectOneFault(const OneFault& c) {
  SCOPED_TRACE(c.what);
  const config::ConfigError e = OnlyError(Parse(c.text));
  EXPECT_EQ(Where(e), c.where);
  EXPECT_THAT(e.message, HasSubstr(c.message));
  EXPECT_EQ(e.file, configtest::kEtcConfig);
}

// A feed around `lines`, starting at line 3 (after kRequired): [[feed]] is
// line 3, name line 4, url line 5, `lines` from line 6.
std::string Feed(const std::string& lines) {
  return kRequired + "[[feed]]\nname = \"f\"\nurl = \"https://f.example.cn/\"\n" + lines;
}

// ---- TOML syntax ---------------------------------------------------------------

TEST(ConfigErrors, SyntaxErrorsStopTheLoadWithTomlsPosition) {
  ExpectOneFault({"no value", kRequired + "workers = = 2\nwokers = 1\n", "3:11 ",
                  "could not determine value type"});
  ExpectOneFault({"unterminated string", kRequired + "\nuser_agent = \"abc\n", "4:18 ",
                  "unescaped control characters"});
  ExpectOneFault({"key defined twice", kRequired + "workers = 1\nworkers = 2\n", "4:11 ",
                  "cannot redefine existing integer 'workers'"});
  ExpectOneFault(
      {"invalid UTF-8", kRequired + "user_agent = \"\xff\"\n", "3:14 ", "invalid utf-8"});
}

// ---- unknown keys ------------------------------------------------------------------

TEST(ConfigErrors, UnknownKeysAtTheKey) {
  ExpectOneFault({"typo", kRequired + "wokers = 3\n", "3:1 wokers",
                  "unknown key \"wokers\" (did you mean \"workers\"?)"});
  ExpectOneFault({"indented typo", kRequired + "  max_inflight = 3\n", "3:3 max_inflight",
                  "(did you mean \"max_in_flight\"?)"});
  ExpectOneFault({"feed key at the top", kRequired + "interval = \"5m\"\n", "3:1 interval",
                  "unknown key \"interval\": it belongs in a [[feed]] table"});
  ExpectOneFault({"global key in a feed", Feed("workers = 4\n"), "6:1 feed[1].workers",
                  "unknown key \"workers\": a global key, which goes above the first [[feed]]"});
  ExpectOneFault({"feed typo", Feed("intervall = \"5m\"\n"), "6:1 feed[1].intervall",
                  "(did you mean \"interval\"?)"});
  ExpectOneFault({"table header", kRequired + "[logging]\nlevel = 1\n", "3:2 logging",
                  "unknown key \"logging\""});
}

TEST(ConfigErrors, UnknownQuotedKeysStayOnOneLine) {
  const config::ConfigError e = OnlyError(Parse(kRequired + "\"bad\\nkey\" = 1\n"));
  EXPECT_EQ(Where(e), "3:1 \"bad\\x0akey\"");
  EXPECT_EQ(e.to_string().find('\n'), std::string::npos) << e.to_string();
}

TEST(ConfigErrors, UnknownKeyFarFromAnyHasNoSuggestion) {
  const config::ConfigError e = OnlyError(Parse(kRequired + "colour = \"red\"\n"));
  EXPECT_EQ(e.message, "unknown key \"colour\"");
}

// ---- types ---------------------------------------------------------------------------

TEST(ConfigErrors, WrongTypesAtTheValue) {
  ExpectOneFault({"string for integer", kRequired + "workers = \"2\"\n", "3:11 workers",
                  "must be an integer, not a string"});
  ExpectOneFault({"float for integer", kRequired + "max_pending = 2.0\n", "3:15 max_pending",
                  "must be an integer, not a float"});
  ExpectOneFault({"integer for path", "spool_dir = 5\nstate_dir = \"s\"\n", "1:13 spool_dir",
                  "must be a string, not an integer"});
  ExpectOneFault({"integer for duration", Feed("interval = 900\n"), "6:12 feed[1].interval",
                  "must be a string, not an integer"});
  ExpectOneFault({"string for boolean", Feed("robots = \"yes\"\n"), "6:10 feed[1].robots",
                  "must be true or false, not a string"});
  ExpectOneFault({"boolean for size", kRequired + "max_body = true\n", "3:12 max_body",
                  "must be a size string like \"16MiB\" or an integer of bytes, not a boolean"});
  ExpectOneFault({"string for headers", kRequired + "headers = \"Referer: x\"\n", "3:11 headers",
                  "must be a table of header values"});
  ExpectOneFault({"array for string", kRequired + "user_agent = [\"a\"]\n", "3:14 user_agent",
                  "must be a string, not an array"});
  ExpectOneFault({"date for duration", kRequired + "max_backoff = 2024-01-01\n", "3:15 max_backoff",
                  "must be a string, not a date"});
}

TEST(ConfigErrors, FeedMustBeAnArrayOfTables) {
  ExpectOneFault({"string", kRequired + "feed = \"news\"\n", "3:1 feed",
                  "must be [[feed]] tables (an array of tables), not a string"});
  ExpectOneFault({"single table", kRequired + "[feed]\nname = \"a\"\n", "3:2 feed",
                  "not a [feed] table: write [[feed]]"});
  ExpectOneFault({"array of integers",
                  kRequired + "feed = [{ name = \"a\", url = \"https://a.cn/\" }, 7]\n",
                  "3:48 feed[2]", "must be a table, not an integer"});
}

// ---- ranges ----------------------------------------------------------------------

TEST(ConfigErrors, IntegersOutOfRange) {
  const struct {
    const char* key;
    const char* value;
    const char* message;
  } cases[] = {
      {"workers", "0", "0 is out of range: must be 1 to 64"},
      {"workers", "65", "65 is out of range: must be 1 to 64"},
      {"per_host_concurrency", "0", "must be 1 to 64"},
      {"per_host_concurrency", "65", "must be 1 to 64"},
      {"max_in_flight", "0", "must be 1 to 4096"},
      {"max_in_flight", "4097", "must be 1 to 4096"},
      {"max_pending", "0", "0 is out of range: must be at least 1"},
      {"max_pending", "-5", "-5 is out of range: must be at least 1"},
      {"near_duplicate_distance", "-2", "must be -1 to 3"},
      {"near_duplicate_distance", "4", "must be -1 to 3"},
      {"workers", "9223372036854775807", "must be 1 to 64"},
  };
  for (const auto& c : cases) {
    const std::string key = c.key;
    ExpectOneFault({c.key, kRequired + key + " = " + c.value + "\n",
                    "3:" + std::to_string(key.size() + 4) + " " + key, c.message});
  }
}

// ---- durations ------------------------------------------------------------------------

TEST(ConfigErrors, BadDurations) {
  ExpectOneFault({"interval zero", Feed("interval = \"0s\"\n"), "6:12 feed[1].interval",
                  "\"0s\" is too short: the minimum is 1s"});
  ExpectOneFault({"interval under a second", Feed("interval = \"999ms\"\n"),
                  "6:12 feed[1].interval", "the minimum is 1s"});
  ExpectOneFault({"shutdown zero", kRequired + "shutdown_timeout = \"0s\"\n",
                  "3:20 shutdown_timeout", "the minimum is 1s"});
  ExpectOneFault({"shutdown over 10m", kRequired + "shutdown_timeout = \"10m1s\"\n",
                  "3:20 shutdown_timeout", "\"10m1s\" is too long: the maximum is 10m"});
  ExpectOneFault({"shutdown fraction", kRequired + "shutdown_timeout = \"1500ms\"\n",
                  "3:20 shutdown_timeout", "\"1500ms\" is not a whole number of seconds"});
  ExpectOneFault(
      {"unknown unit", kRequired + "timeout = \"1x\"\n", "3:11 timeout",
       "\"1x\" is not a duration (like \"500ms\", \"90s\", \"15m\", \"1h30m\" or \"2d\""});
  ExpectOneFault({"timeout too short", kRequired + "timeout = \"50ms\"\n", "3:11 timeout",
                  "the minimum is 100ms"});
  ExpectOneFault({"negative", kRequired + "per_host_delay = \"-1s\"\n", "3:18 per_host_delay",
                  "\"-1s\" is not a duration"});
  ExpectOneFault(
      {"over a year", kRequired + "max_backoff = \"366d\"\n", "3:15 max_backoff", "at most 365d"});
  ExpectOneFault({"empty", kRequired + "summary_interval = \"\"\n", "3:20 summary_interval",
                  "\"\" is not a duration"});
  ExpectOneFault({"overflow", kRequired + "connect_timeout = \"99999999999999999999999s\"\n",
                  "3:19 connect_timeout", "is not a duration"});
}

// ---- sizes ---------------------------------------------------------------------------

TEST(ConfigErrors, BadSizes) {
  ExpectOneFault(
      {"space", kRequired + "max_body = \"16 MB\"\n", "3:12 max_body",
       "\"16 MB\" is not a size (like \"16MiB\", \"1GB\", \"500k\" or a number of bytes)"});
  ExpectOneFault({"negative", kRequired + "min_free = -1\n", "3:12 min_free",
                  "-1 is not a size: it is negative"});
  ExpectOneFault({"too small", kRequired + "max_body = \"1000B\"\n", "3:12 max_body",
                  "1kB is out of range: must be 1KiB to 1GiB"});
  ExpectOneFault({"too large", kRequired + "max_body = \"2GiB\"\n", "3:12 max_body",
                  "2GiB is out of range: must be 1KiB to 1GiB"});
  ExpectOneFault({"float", kRequired + "min_free = 1.5\n", "3:12 min_free", "not a float"});
}

// ---- enums -----------------------------------------------------------------------------

TEST(ConfigErrors, BadEnumStrings) {
  ExpectOneFault({"format", kRequired + "format = \"xml\"\n", "3:10 format",
                  "\"xml\" is not one of \"json\" or \"txt\""});
  ExpectOneFault({"log_format", kRequired + "log_format = \"syslog\"\n", "3:14 log_format",
                  "\"syslog\" is not one of \"auto\", \"journal\" or \"logfmt\""});
  ExpectOneFault({"kind", Feed("kind = \"json\"\n"), "6:8 feed[1].kind",
                  "\"json\" is not one of \"guess\", \"rss\", \"atom\" or \"html\""});
  ExpectOneFault(
      {"case matters", kRequired + "format = \"JSON\"\n", "3:10 format", "\"JSON\" is not one of"});
}

// ---- names --------------------------------------------------------------------------------

TEST(ConfigErrors, BadFeedNames) {
  const std::string url = "url = \"https://a.cn/\"\n";
  const std::string rule = "is not a valid name: use 1 to 64 characters from A-Z a-z 0-9 . _ -";
  ExpectOneFault({"space", kRequired + "[[feed]]\nname = \"bad name\"\n" + url, "4:8 feed[1].name",
                  "\"bad name\" " + rule});
  ExpectOneFault(
      {"empty", kRequired + "[[feed]]\nname = \"\"\n" + url, "4:8 feed[1].name", "\"\" " + rule});
  ExpectOneFault({"65 characters",
                  kRequired + "[[feed]]\nname = \"" + std::string(65, 'a') + "\"\n" + url,
                  "4:8 feed[1].name", rule});
  ExpectOneFault(
      {"non-ASCII", kRequired + "[[feed]]\nname = \"新闻\"\n" + url, "4:8 feed[1].name", rule});
  ExpectOneFault(
      {"slash", kRequired + "[[feed]]\nname = \"a/b\"\n" + url, "4:8 feed[1].name", rule});
  const config::LoadResult longest =
      Parse(kRequired + "[[feed]]\nname = \"" + std::string(64, 'a') + "\"\n" + url);
  EXPECT_TRUE(longest.ok()) << configtest::Dump(longest);
}

TEST(ConfigErrors, DuplicateFeedNamesAtTheSecondName) {
  const config::LoadResult result = Parse(kRequired +
                                          "[[feed]]\n"
                                          "name = \"gov\"\n"
                                          "url = \"https://a.gov.cn/\"\n"
                                          "[[feed]]\n"
                                          "url = \"https://b.gov.cn/\"\n"
                                          "  name = \"gov\"\n"
                                          "[[feed]]\n"
                                          "name = \"gov\"\n"
                                          "url = \"https://c.gov.cn/\"\n");
  EXPECT_THAT(Wheres(result), ElementsAre("8:10 feed[2].name", "10:8 feed[3].name"));
  ASSERT_EQ(result.errors.size(), 2u);
  EXPECT_EQ(result.errors[0].message,
            "duplicate feed name \"gov\" (first used by feed[1] at line 4)");
  EXPECT_EQ(result.errors[1].message,
            "duplicate feed name \"gov\" (first used by feed[1] at line 4)");
}

TEST(ConfigErrors, NamesAreCaseSensitive) {
  const config::LoadResult result =
      Parse(kRequired +
            "[[feed]]\nname = \"Gov\"\nurl = \"https://a.gov.cn/\"\n"
            "[[feed]]\nname = \"gov\"\nurl = \"https://b.gov.cn/\"\n");
  EXPECT_TRUE(result.ok()) << configtest::Dump(result);
}

TEST(ConfigErrors, BadOtherNames) {
  ExpectOneFault({"charset", Feed("charset = \"utf 8\"\n"), "6:11 feed[1].charset",
                  "\"utf 8\" is not a valid name: use 0 to 40 characters"});
  ExpectOneFault({"opencc path", kRequired + "opencc = \"../../etc/t2s\"\n", "3:10 opencc",
                  "is not a valid name"});
  ExpectOneFault({"opencc empty", kRequired + "opencc = \"\"\n", "3:10 opencc",
                  "is not a valid name: use 1 to 64"});
}

// ---- required keys ------------------------------------------------------------------

TEST(ConfigErrors, MissingGlobalsAtTheStart) {
  const config::LoadResult result = Parse("# nothing yet\n\nworkers = 2\n");
  EXPECT_THAT(Wheres(result), ElementsAre("1:1 spool_dir", "1:1 state_dir"));
  ASSERT_EQ(result.errors.size(), 2u);
  EXPECT_EQ(result.errors[0].message, "missing (where articles are written)");
  EXPECT_EQ(result.errors[1].message, "missing (where state.sqlite3 lives)");
  EXPECT_THAT(Wheres(Parse("")), ElementsAre("1:1 spool_dir", "1:1 state_dir"));
}

TEST(ConfigErrors, MissingFeedKeysAtTheFeedsTable) {
  const config::LoadResult result = Parse(kRequired +
                                          "[[feed]]\nname = \"a\"\nurl = \"https://a.cn/\"\n"
                                          "\n  [[feed]]\ninterval = \"5m\"\n"
                                          "[[feed]]\nname = \"c\"\n");
  EXPECT_THAT(Wheres(result),
              ElementsAre("7:3 feed[2].name", "7:3 feed[2].url", "9:1 feed[3].url"));
  ASSERT_EQ(result.errors.size(), 3u);
  EXPECT_EQ(result.errors[0].message, "missing (every [[feed]] needs one)");
}

TEST(ConfigErrors, MissingKeyOfAnInlineFeedAtItsBrace) {
  ExpectOneFault(
      {"inline", kRequired + "feed = [ { name = \"a\" } ]\n", "3:10 feed[1].url", "missing"});
}

TEST(ConfigErrors, BadDirectories) {
  ExpectOneFault(
      {"empty", "spool_dir = \"\"\nstate_dir = \"s\"\n", "1:13 spool_dir", "must not be empty"});
  ExpectOneFault({"tilde", "spool_dir = \"s\"\nstate_dir = \"~/state\"\n", "2:13 state_dir",
                  "\"~/state\": \"~\" is not expanded; write the full path"});
  ExpectOneFault(
      {"NUL", "spool_dir = \"a\\u0000b\"\nstate_dir = \"s\"\n", "1:13 spool_dir", "contains NUL"});
}

// ---- URLs ---------------------------------------------------------------------------------

TEST(ConfigErrors, BadUrls) {
  const std::string head = kRequired + "[[feed]]\nname = \"a\"\n";
  ExpectOneFault({"ftp", head + "url = \"ftp://ftp.example.cn/feed.xml\"\n", "5:7 feed[1].url",
                  "\"ftp://ftp.example.cn/feed.xml\": scheme \"ftp\" is not supported: feeds are "
                  "http://, https:// or file: URLs"});
  ExpectOneFault({"no scheme", head + "url = \"www.gov.cn/zhengce/\"\n", "5:7 feed[1].url",
                  "\"www.gov.cn/zhengce/\": not an absolute URL"});
  ExpectOneFault({"no host", head + "url = \"https://\"\n", "5:7 feed[1].url", "not a valid URL"});
  ExpectOneFault(
      {"bad port", head + "url = \"http://a.cn:99999/\"\n", "5:7 feed[1].url", "not a valid URL"});
  ExpectOneFault({"control character", head + "url = \"https://a.cn/\\n\"\n", "5:7 feed[1].url",
                  "contains a control character"});
  ExpectOneFault(
      {"remote file", head + "url = \"file://server/share/feed.xml\"\n", "5:7 feed[1].url",
       "a file: URL names a local file: write file:///ABSOLUTE/PATH or file:RELATIVE/PATH"});
  ExpectOneFault({"missing file", head + "url = \"file:///nonexistent-jingwen/feed.xml\"\n",
                  "5:7 feed[1].url",
                  "cannot read /nonexistent-jingwen/feed.xml: No such file or directory"});
  ExpectOneFault({"relative missing file", head + "url = \"file:feeds/none.xml\"\n",
                  "5:7 feed[1].url",
                  "cannot read /etc/jingwen/feeds/none.xml: No such file or directory"});
  ExpectOneFault({"directory", head + "url = \"file:///tmp\"\n", "5:7 feed[1].url",
                  "/tmp is a directory, not a file"});
  ExpectOneFault({"javascript", head + "url = \"javascript:alert(1)\"\n", "5:7 feed[1].url",
                  "scheme \"javascript\" is not supported"});
}

// ---- headers -----------------------------------------------------------------------------

TEST(ConfigErrors, BadHeaders) {
  ExpectOneFault({"name with a space", kRequired + "headers = { \"Bad Name\" = \"x\" }\n",
                  "3:13 headers.\"Bad Name\"", "\"Bad Name\" is not an HTTP header name"});
  ExpectOneFault({"name with a colon", Feed("headers = { \"X:Y\" = \"x\" }\n"),
                  "6:13 feed[1].headers.\"X:Y\"", "\"X:Y\" is not an HTTP header name"});
  ExpectOneFault({"value with CR LF", kRequired + "headers = { Ok = \"a\\r\\nInjected: 1\" }\n",
                  "3:18 headers.Ok", "contains CR, LF or NUL, which would split the HTTP header"});
  ExpectOneFault({"value not a string", kRequired + "headers = { DNT = 1 }\n", "3:19 headers.DNT",
                  "must be a string, not an integer"});
  ExpectOneFault({"user_agent with LF", kRequired + "user_agent = \"a\\nb\"\n", "3:14 user_agent",
                  "contains CR, LF or NUL"});
  ExpectOneFault({"proxy with a control character", kRequired + "proxy = \"http://p\\u0007\"\n",
                  "3:9 proxy", "\"http://p\\x07\" contains a control character"});
}

// ---- list-page options ------------------------------------------------------------------------

TEST(ConfigErrors, BadLinkPatternAndSelectors) {
  ExpectOneFault(
      {"link_pattern", Feed("link_pattern = \"content_(\\\\d+\"\n"), "6:16 feed[1].link_pattern",
       "\"content_(\\\\d+\" is not a valid ICU regex: U_REGEX_MISMATCHED_PAREN at offset"});
  ExpectOneFault({"selector", Feed("selector = \"div[class]\"\n"), "6:12 feed[1].selector",
                  "selector \"div[class]\" does not parse"});
  ExpectOneFault({"content_selector", Feed("content_selector = \"div >\"\n"),
                  "6:20 feed[1].content_selector", "selector \"div >\" does not parse"});
}

// ---- all of them ----------------------------------------------------------------------------

TEST(ConfigErrors, EveryErrorIsReportedInFileOrder) {
  const config::LoadResult result = Parse(
      "state_dir = 7\n"                         // 1
      "workers = 0\n"                           // 2
      "zzz = 1\n"                               // 3
      "headers = { \"A B\" = \"1\", C = 2 }\n"  // 4
      "[[feed]]\n"                              // 5
      "name = \"x\"\n"                          // 6
      "url = \"gopher://x\"\n"                  // 7
      "interval = \"0s\"\n"                     // 8
      "[[feed]]\n"                              // 9
      "name = \"x\"\n"                          // 10
      "url = \"https://x.cn/\"\n"               // 11
      "aaa = true\n");                          // 12
  EXPECT_THAT(Wheres(result),
              ElementsAre("1:1 spool_dir", "1:13 state_dir", "2:11 workers", "3:1 zzz",
                          "4:13 headers.\"A B\"", "4:30 headers.C", "7:7 feed[1].url",
                          "8:12 feed[1].interval", "10:8 feed[2].name", "12:1 feed[2].aaa"));
}

// ---- messages -------------------------------------------------------------------------------

TEST(ConfigError, ToStringLeavesOutEmptyParts) {
  EXPECT_EQ((config::ConfigError{"/etc/j.toml", 3, 11, "workers", "bad"}).to_string(),
            "/etc/j.toml:3:11: workers: bad");
  EXPECT_EQ((config::ConfigError{"/etc/j.toml", 2, 5, "", "syntax"}).to_string(),
            "/etc/j.toml:2:5: syntax");
  EXPECT_EQ((config::ConfigError{"/etc/j.toml", 0, 0, "", "cannot read: gone"}).to_string(),
            "/etc/j.toml: cannot read: gone");
}

}  // namespace
