// Tests for fetch/url.h: parsing, normalising and resolving URLs as list
// pages and feeds write them.
#include "fetch/url.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>

namespace fetch {
namespace {

using namespace std::string_literals;

constexpr std::string_view kBase = "http://www.example.gov.cn/zwgk/tzgg/list.html?page=2#top";

std::string resolved(std::string_view ref, std::string_view base = kBase) {
  const std::optional<std::string> url = resolve_url(base, ref);
  return url ? *url : "<nullopt>";
}

// ---------------------------------------------------------------------------
// parse_url

TEST(UrlParse, SplitsAndNormalises) {
  const auto url = parse_url("HTTP://WWW.Example.GOV.cn/Zwgk/Index.html?a=1&B=2#frag");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->url, "http://www.example.gov.cn/Zwgk/Index.html?a=1&B=2");  // path case kept
  EXPECT_EQ(url->scheme, "http");
  EXPECT_EQ(url->host, "www.example.gov.cn");
  EXPECT_EQ(url->port, 80);
  EXPECT_EQ(url->path_and_query, "/Zwgk/Index.html?a=1&B=2");
}

TEST(UrlParse, DefaultPortsAreDroppedExplicitOnesKept) {
  auto url = parse_url("https://example.com:443/x");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->url, "https://example.com/x");
  EXPECT_EQ(url->port, 443);
  url = parse_url("http://example.com:80/");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->url, "http://example.com/");
  url = parse_url("http://example.com:8080/x");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->url, "http://example.com:8080/x");
  EXPECT_EQ(url->port, 8080);
  url = parse_url("https://example.com:80/");  // 80 is not https's default
  ASSERT_TRUE(url);
  EXPECT_EQ(url->url, "https://example.com:80/");
}

TEST(UrlParse, EmptyPathIsSlash) {
  const auto url = parse_url("https://www.163.com");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->url, "https://www.163.com/");
  EXPECT_EQ(url->path_and_query, "/");
  const auto query_only = parse_url("https://www.163.com?x=1");
  ASSERT_TRUE(query_only);
  EXPECT_EQ(query_only->path_and_query, "/?x=1");
}

TEST(UrlParse, Ipv6HostHasNoBrackets) {
  const auto url = parse_url("http://[::1]:8080/feed.xml");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->host, "::1");
  EXPECT_EQ(url->port, 8080);
  EXPECT_EQ(url->url, "http://[::1]:8080/feed.xml");
  const auto upper = parse_url("http://[2001:DB8::1]/");
  ASSERT_TRUE(upper);
  EXPECT_EQ(upper->host, "2001:db8::1");
}

TEST(UrlParse, ChinesePathIsPercentEncodedUpperCase) {
  const auto url = parse_url("http://www.example.gov.cn/政务公开/通知.html");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->url,
            "http://www.example.gov.cn/%E6%94%BF%E5%8A%A1%E5%85%AC%E5%BC%80/"
            "%E9%80%9A%E7%9F%A5.html");
  // Already-encoded input comes out the same, whatever its hex case.
  const auto encoded = parse_url(
      "http://www.example.gov.cn/%e6%94%bf%E5%8A%A1%e5%85%ac%E5%BC%80/"
      "%E9%80%9A%E7%9F%A5.html");
  ASSERT_TRUE(encoded);
  EXPECT_EQ(encoded->url, url->url);
}

TEST(UrlParse, InternationalisedHostsBecomePunycode) {
  const auto unicode = parse_url("http://中国政府.cn/a.html");
  ASSERT_TRUE(unicode.has_value());
  EXPECT_EQ(unicode->host, "xn--fiqs8sirgfmh.cn");
  EXPECT_EQ(unicode->url, "http://xn--fiqs8sirgfmh.cn/a.html");
  // One spelling per host: the per-host queue and robots cache see one site.
  const auto ascii = parse_url("http://XN--FIQS8SIRGFMH.cn/a.html");
  ASSERT_TRUE(ascii.has_value());
  EXPECT_EQ(ascii->url, unicode->url);
  // An ideographic full stop separates labels, as in browsers.
  const auto stop = parse_url("http://中国政府\u3002cn/a.html");
  ASSERT_TRUE(stop.has_value());
  EXPECT_EQ(stop->host, "xn--fiqs8sirgfmh.cn");
}

TEST(UrlParse, FileUrlHasNoHost) {
  const auto url = parse_url("file:///srv/feeds/list.html");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->scheme, "file");
  EXPECT_EQ(url->host, "");
  EXPECT_EQ(url->port, 0);
  EXPECT_EQ(url->path_and_query, "/srv/feeds/list.html");
}

TEST(UrlParse, OtherSchemesParse) {
  const auto url = parse_url("ftp://ftp.example.cn/pub/a.txt");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->scheme, "ftp");
  EXPECT_EQ(url->host, "ftp.example.cn");
}

TEST(UrlParse, Garbage) {
  for (std::string_view bad :
       {"", " ", "/relative/path", "relative.html", "www.example.gov.cn/x", "http://",
        "http://exa mple.com/", "http://example.com:99999/", "javascript:void(0)",
        "mailto:office@example.gov.cn", "://example.com", "\xFF\xFE", "http://a.com/\x01x"}) {
    EXPECT_FALSE(parse_url(bad)) << bad;
  }
  EXPECT_FALSE(parse_url("http://a.com/x\0y"s));
}

TEST(UrlParse, LongerThanTheLimitIsRefused) {
  const std::string path(kMaxUrlBytes, 'a');
  EXPECT_FALSE(parse_url("http://example.com/" + path));
  EXPECT_TRUE(parse_url("http://example.com/" + path.substr(0, kMaxUrlBytes - 100)));
}

// ---------------------------------------------------------------------------
// resolve_url

TEST(UrlResolve, RelativePaths) {
  EXPECT_EQ(resolved("t20240305_123.html"),
            "http://www.example.gov.cn/zwgk/tzgg/t20240305_123.html");
  EXPECT_EQ(resolved("./202403/t20240305_123.html"),
            "http://www.example.gov.cn/zwgk/tzgg/202403/t20240305_123.html");
  EXPECT_EQ(resolved("../xxgk/a.html"), "http://www.example.gov.cn/zwgk/xxgk/a.html");
  EXPECT_EQ(resolved("../../../../a.html"), "http://www.example.gov.cn/a.html");
  EXPECT_EQ(resolved("/art/2024/3/5/art_1229_6543210.html"),
            "http://www.example.gov.cn/art/2024/3/5/art_1229_6543210.html");
  EXPECT_EQ(resolved("a/./b/../c.html"), "http://www.example.gov.cn/zwgk/tzgg/a/c.html");
}

TEST(UrlResolve, QueryAndFragmentOnly) {
  EXPECT_EQ(resolved("?page=3"), "http://www.example.gov.cn/zwgk/tzgg/list.html?page=3");
  EXPECT_EQ(resolved("#content"), "http://www.example.gov.cn/zwgk/tzgg/list.html?page=2");
  EXPECT_EQ(resolved(""), "http://www.example.gov.cn/zwgk/tzgg/list.html?page=2");
  EXPECT_EQ(resolved("x.html#part2"), "http://www.example.gov.cn/zwgk/tzgg/x.html");
}

TEST(UrlResolve, DotSlashBeforeAQueryKeepsTheDirectory) {
  // libcurl 7.88 resolves these to ".../zwgk/tzgg?page=3" and ".../zwgk?x".
  EXPECT_EQ(resolved("./?page=3"), "http://www.example.gov.cn/zwgk/tzgg/?page=3");
  EXPECT_EQ(resolved("../?x=1"), "http://www.example.gov.cn/zwgk/?x=1");
  EXPECT_EQ(resolved("."), "http://www.example.gov.cn/zwgk/tzgg/");
  EXPECT_EQ(resolved(".."), "http://www.example.gov.cn/zwgk/");
}

TEST(UrlResolve, Rfc3986Examples) {
  // RFC 3986 5.4.1 "normal examples" (those with an authority-based result).
  constexpr std::string_view base = "http://a/b/c/d;p?q";
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"g", "http://a/b/c/g"},     {"./g", "http://a/b/c/g"},
      {"g/", "http://a/b/c/g/"},   {"/g", "http://a/g"},
      {"//g", "http://g/"},        {"?y", "http://a/b/c/d;p?y"},
      {"g?y", "http://a/b/c/g?y"}, {"#s", "http://a/b/c/d;p?q"},
      {"g#s", "http://a/b/c/g"},   {";x", "http://a/b/c/;x"},
      {"g;x", "http://a/b/c/g;x"}, {"", "http://a/b/c/d;p?q"},
      {".", "http://a/b/c/"},      {"./", "http://a/b/c/"},
      {"..", "http://a/b/"},       {"../", "http://a/b/"},
      {"../g", "http://a/b/g"},    {"../..", "http://a/"},
      {"../../g", "http://a/g"},   {"g?y/./x", "http://a/b/c/g?y/./x"},
  };
  for (const auto& [ref, want] : cases) EXPECT_EQ(resolved(ref, base), want) << ref;
}

TEST(UrlResolve, ProtocolRelativeTakesTheBaseScheme) {
  EXPECT_EQ(resolved("//static.example.gov.cn/a.html"), "http://static.example.gov.cn/a.html");
  EXPECT_EQ(resolved("//www.163.com/dy/article/X.html", "https://www.163.com/"),
            "https://www.163.com/dy/article/X.html");
}

TEST(UrlResolve, AbsoluteUrlsAreNormalised) {
  EXPECT_EQ(resolved("HTTPS://WWW.GOV.CN:443/zhengce/content_1.htm"),
            "https://www.gov.cn/zhengce/content_1.htm");
  EXPECT_EQ(resolved("http://[::1]:8080/a/../b"), "http://[::1]:8080/b");
  // Other schemes pass through: callers decide which they accept.
  EXPECT_EQ(resolved("ftp://ftp.example.cn/pub/a.txt"), "ftp://ftp.example.cn/pub/a.txt");
  EXPECT_EQ(resolved("file:///etc/passwd"), "file:///etc/passwd");
}

TEST(UrlResolve, WhitespaceIsTrimmedAndLineBreaksRemoved) {
  EXPECT_EQ(resolved("  \t a.html \r\n"), "http://www.example.gov.cn/zwgk/tzgg/a.html");
  EXPECT_EQ(resolved("t2024\n0305_1\t23.html"),
            "http://www.example.gov.cn/zwgk/tzgg/t20240305_123.html");
  EXPECT_EQ(resolved(" http://www.gov.cn/x.htm "), "http://www.gov.cn/x.htm");
}

TEST(UrlResolve, SpacesAndChineseArePercentEncoded) {
  EXPECT_EQ(resolved("通知 公告.html"),
            "http://www.example.gov.cn/zwgk/tzgg/%E9%80%9A%E7%9F%A5%20%E5%85%AC%E5%91%8A.html");
  // A space in the query is %20, as browsers write it (not curl's '+').
  EXPECT_EQ(resolved("/search?q=政务 公开"),
            "http://www.example.gov.cn/search?q=%E6%94%BF%E5%8A%A1%20%E5%85%AC%E5%BC%80");
}

TEST(UrlResolve, BackslashesAreSlashesInHttpPaths) {
  EXPECT_EQ(resolved("..\\2024\\t1.html"), "http://www.example.gov.cn/zwgk/2024/t1.html");
  EXPECT_EQ(resolved("a.html?dir=a\\b"), "http://www.example.gov.cn/zwgk/tzgg/a.html?dir=a%5Cb");
}

TEST(UrlResolve, NoDocumentSchemesAreNullopt) {
  for (std::string_view ref :
       {"javascript:void(0)", "JavaScript:openWin('a.html')", " javascript:;", "java\nscript:x()",
        "mailto:office@example.gov.cn", "tel:12345", "data:text/html,<p>x</p>", "vbscript:msgbox",
        "about:blank"}) {
    EXPECT_EQ(resolved(ref), "<nullopt>") << ref;
  }
}

TEST(UrlResolve, RelativeAgainstAFileBase) {
  EXPECT_EQ(resolved("a/b.html", "file:///srv/feeds/list.html"), "file:///srv/feeds/a/b.html");
  // curl refuses a file: URL naming a remote host.
  EXPECT_EQ(resolved("//www.gov.cn/x.htm", "file:///srv/feeds/list.html"), "<nullopt>");
  EXPECT_EQ(resolved("http://www.gov.cn/x.htm", "file:///srv/feeds/list.html"),
            "http://www.gov.cn/x.htm");
}

TEST(UrlResolve, Garbage) {
  EXPECT_EQ(resolved("a.html", "not a url"), "<nullopt>");
  EXPECT_EQ(resolved("a.html", ""), "<nullopt>");
  EXPECT_EQ(resolved("http://"), "<nullopt>");
  EXPECT_EQ(resolved("http://exa mple.com/"), "<nullopt>");
  EXPECT_EQ(resolved("http://example.com:70000/"), "<nullopt>");
  EXPECT_EQ(resolved("a:b.html"), "<nullopt>");  // a scheme "a" with no authority
  EXPECT_EQ(resolved("a\x01.html"), "<nullopt>");
  EXPECT_EQ(resolved("a\0b"s), "<nullopt>");
}

TEST(UrlResolve, BoundedByMaxUrlBytes) {
  EXPECT_EQ(resolved(std::string(kMaxUrlBytes + 1, 'a')), "<nullopt>");
  // A reference under the limit whose resolution goes over it.
  EXPECT_EQ(resolved(std::string(kMaxUrlBytes - 10, 'a')), "<nullopt>");
  EXPECT_NE(resolved(std::string(1000, 'a')), "<nullopt>");
}

// ---------------------------------------------------------------------------
// robots_url

TEST(UrlRobots, OriginPlusRobotsTxt) {
  auto robots = [](std::string_view url) { return robots_url(*parse_url(url)); };
  EXPECT_EQ(robots("https://www.163.com/dy/article/X.html?x=1"), "https://www.163.com/robots.txt");
  EXPECT_EQ(robots("http://user:pw@Example.gov.cn:8080/a"),
            "http://example.gov.cn:8080/robots.txt");
  EXPECT_EQ(robots("https://example.gov.cn:443/a"), "https://example.gov.cn/robots.txt");
  EXPECT_EQ(robots("http://[::1]:8080/x"), "http://[::1]:8080/robots.txt");
  EXPECT_EQ(robots("file:///srv/a.html"), "");
  EXPECT_EQ(robots("ftp://ftp.example.cn/a"), "");
}

}  // namespace
}  // namespace fetch
