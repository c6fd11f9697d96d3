// fetch::site_key(): the politeness bucket shared by fetch/'s host queue and
// the daemon's article queue (issue 18 item 4).
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "fetch/fetch.h"

namespace fetch {
namespace {

std::string site_of_url(const std::string& url) {
  const std::optional<ParsedUrl> parsed = parse_url(url);
  return parsed ? site_key(parsed->host) : "(unparsable)";
}

TEST(SiteKey, SubdomainsOfOneRegistrableDomainShareABucket) {
  EXPECT_EQ(site_key("news.163.com"), "163.com");
  EXPECT_EQ(site_key("dy.163.com"), "163.com");
  EXPECT_EQ(site_key("163.com"), "163.com");
  // gov.cn is a public suffix: each government site is its own registrant.
  EXPECT_EQ(site_key("www.beijing.gov.cn"), "beijing.gov.cn");
  EXPECT_EQ(site_key("fgw.beijing.gov.cn"), "beijing.gov.cn");
  EXPECT_EQ(site_key("www.gov.cn"), "www.gov.cn");
  EXPECT_NE(site_key("www.shanghai.gov.cn"), site_key("www.beijing.gov.cn"));
}

TEST(SiteKey, WildcardNamesOfOneServerAreOneSite) {
  for (const char* url : {"http://u1.evil.example.com/a", "http://u2.evil.example.com/a",
                          "http://x.y.z.evil.example.com:8080/a"}) {
    EXPECT_EQ(site_of_url(url), "example.com") << url;
  }
}

TEST(SiteKey, UserinfoAndPortAreNotPartOfTheSite) {
  EXPECT_EQ(site_of_url("http://u1@127.0.0.1:8080/a"), "127.0.0.1");
  EXPECT_EQ(site_of_url("http://u2:pw@127.0.0.1:9090/a"), "127.0.0.1");
  EXPECT_EQ(site_of_url("https://u3@news.163.com/a"), "163.com");
}

TEST(SiteKey, AddressesAndPublicSuffixesAreThemselves) {
  EXPECT_EQ(site_key("127.0.0.1"), "127.0.0.1");  // not "0.1"
  EXPECT_EQ(site_key("10.1.2.3"), "10.1.2.3");
  EXPECT_EQ(site_key("::1"), "::1");
  EXPECT_EQ(site_key("2001:db8::1"), "2001:db8::1");
  EXPECT_EQ(site_key("localhost"), "localhost");
  EXPECT_EQ(site_key("gov.cn"), "gov.cn");
  EXPECT_EQ(site_key(""), "");
}

}  // namespace
}  // namespace fetch
