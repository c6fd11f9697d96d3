// Tests for fetch::url_key(): one per kind of tracking-table entry, the
// normalisation it inherits from parse_url(), and negatives for the
// parameters that select content and must stay.
#include <gtest/gtest.h>

#include <string>

#include "fetch/fetch.h"

namespace fetch {
namespace {

TEST(UrlKey, NormalisesSchemeHostPortAndFragment) {
  EXPECT_EQ(url_key("HTTPS://WWW.163.COM:443/dy/article/J1ABC.html#comments"),
            "https://www.163.com/dy/article/J1ABC.html");
  EXPECT_EQ(url_key("http://www.gov.cn:80/zhengce/"), "http://www.gov.cn/zhengce/");
  EXPECT_EQ(url_key("http://www.gov.cn:8080/zhengce/"), "http://www.gov.cn:8080/zhengce/");
}

TEST(UrlKey, PathCaseIsKept) {
  EXPECT_EQ(url_key("https://www.163.com/DY/Article/X.html"), "https://www.163.com/DY/Article/X.html");
}

TEST(UrlKey, NotAnAbsoluteUrlIsEmpty) {
  EXPECT_EQ(url_key(""), "");
  EXPECT_EQ(url_key("/dy/article/X.html"), "");
  EXPECT_EQ(url_key("www.163.com/dy/article/X.html"), "");
}

TEST(UrlKey, UtmPrefixDropsEveryCampaignTag) {
  EXPECT_EQ(url_key("https://www.163.com/a.html?utm_source=wx&utm_medium=share&utm_campaign=x"
                    "&utm_term=t&utm_content=c&utm_id=9&utm_source_platform=p"),
            "https://www.163.com/a.html");
}

TEST(UrlKey, ExactEntriesAreDropped) {
  // One URL per exact entry of the table.
  constexpr const char* kTracking[] = {"_hsenc=p2A", "_hsmi=123", "fbclid=IwAR0x",   "gclid=Cj0K",
                                       "mc_cid=ab1", "mc_eid=cd2", "msclkid=f00d",   "spm=a2c4g.1.0.0",
                                       "spss=newsapp", "yclid=77"};
  for (const char* parameter : kTracking) {
    EXPECT_EQ(url_key(std::string("https://www.163.com/a.html?") + parameter), "https://www.163.com/a.html")
        << parameter;
  }
}

TEST(UrlKey, NetEaseShareLinkKeepsOnlyTheArticle) {
  EXPECT_EQ(url_key("https://www.163.com/dy/article/J1ABC.html?spss=adap_pc&spm=a.b.c#post_comment"),
            "https://www.163.com/dy/article/J1ABC.html");
}

TEST(UrlKey, OtherParametersKeepTheirOrder) {
  EXPECT_EQ(url_key("http://www.example.gov.cn/view.jsp?utm_source=x&id=42&gclid=g&lang=zh&spm=s"),
            "http://www.example.gov.cn/view.jsp?id=42&lang=zh");
  // Order is not normalised: some CMSs read parameters by position.
  EXPECT_EQ(url_key("http://www.example.gov.cn/view.jsp?lang=zh&id=42"),
            "http://www.example.gov.cn/view.jsp?lang=zh&id=42");
}

TEST(UrlKey, EmptyQueryAndEmptyParametersAreDropped) {
  EXPECT_EQ(url_key("http://www.example.gov.cn/a.html?"), "http://www.example.gov.cn/a.html");
  EXPECT_EQ(url_key("http://www.example.gov.cn/a.html?&&id=1&&"), "http://www.example.gov.cn/a.html?id=1");
}

// Negatives: parameters that look like tracking but select content on some
// sites stay in the key.
TEST(UrlKey, ContentSelectingParametersStay) {
  constexpr const char* kContent[] = {"id=42",       "aid=42",    "docid=J1ABC", "p=2",
                                      "page=3",      "from=20",   "source=rss",  "ref=7",
                                      "channel=gov", "scene=1"};
  for (const char* parameter : kContent) {
    const std::string url = std::string("http://www.example.gov.cn/list.jsp?") + parameter;
    EXPECT_EQ(url_key(url), url) << parameter;
  }
}

TEST(UrlKey, MatchingIsOnNamesNotValuesOrNearNames) {
  // "spm" as a value, and names that merely start like a table entry.
  EXPECT_EQ(url_key("http://x.gov.cn/a?tag=spm"), "http://x.gov.cn/a?tag=spm");
  EXPECT_EQ(url_key("http://x.gov.cn/a?spmid=5&gclid2=1&utm=3"), "http://x.gov.cn/a?spmid=5&gclid2=1&utm=3");
  // Case-sensitive: the tools write these names in lower case.
  EXPECT_EQ(url_key("http://x.gov.cn/a?SPM=5"), "http://x.gov.cn/a?SPM=5");
}

TEST(UrlKey, ATrackingParameterWithoutValueIsDropped) {
  EXPECT_EQ(url_key("http://x.gov.cn/a?id=1&spm"), "http://x.gov.cn/a?id=1");
}

TEST(UrlKey, SameArticleFromTwoSharesHasOneKey) {
  EXPECT_EQ(url_key("https://www.163.com/dy/article/J1ABC.html?spss=newsapp"),
            url_key("https://WWW.163.com/dy/article/J1ABC.html?utm_source=weibo#top"));
}

}  // namespace
}  // namespace fetch

namespace fetch {
namespace {

// Found by fuzz/url_fuzz: curl decoded the escaped host "u%7F" to a raw DEL,
// so the key did not parse again and the key of the key was "". A host with
// a control character is no URL; every key is its own key.
TEST(UrlKey, AHostThatDecodesToAControlCharacterIsNoUrl) {
  const std::string crash = "utp:/u%7F/?spm=a%8bx&=.E\xa5" "B8%AD";
  EXPECT_EQ(url_key(crash), "");
  EXPECT_FALSE(parse_url("http://a%01b.example/"));
  EXPECT_FALSE(parse_url("https://exa%0Ample.com/x"));
  for (const std::string url : {"http://u%41.example/a?spm=1&x=2", "utp://u/?=.E%A5B8%AD", "HTTP://Example.COM:80/A/../b"}) {
    const std::string key = url_key(url);
    ASSERT_FALSE(key.empty()) << url;
    EXPECT_EQ(url_key(key), key) << url;
  }
}

// Found by fuzz/url_fuzz: the IDN mapping turned the host "¹" into "1",
// which curl reads as the IPv4 address 0.0.0.1 only when it parses a whole
// URL, so the key of the key differed.
TEST(UrlKey, AHostTheIdnMappingMakesNumericIsReadAsAnAddress) {
  EXPECT_EQ(url_key("u:/\xc2\xb9"), "u://0.0.0.1/");
  EXPECT_EQ(url_key("http://\xef\xbc\x91\xef\xbc\x92\xef\xbc\x97.0.0.1/a"), "http://127.0.0.1/a");  // full-width 127
  for (const std::string url : {"u:/\xc2\xb9", "http://x\xc2\xb9.com/", "http://\xe4\xb8\xad\xe5\x9b\xbd.cn/"}) {
    const std::string key = url_key(url);
    ASSERT_FALSE(key.empty()) << url;
    EXPECT_EQ(url_key(key), key) << url;
  }
}

// Found by fuzz/url_fuzz: curl decodes the escaped host "%37" to "7" but
// reads "7" as the address 0.0.0.7 only in a whole URL, so the key of the key
// differed. Every form that can reach a host is read twice to one answer.
TEST(UrlKey, AnEscapedHostIsReadAsTheWholeUrlWouldReadIt) {
  EXPECT_EQ(url_key("h:/%37"), "h://0.0.0.7/");
  EXPECT_EQ(url_key("http://%31%32%37.0.0.1/a"), "http://127.0.0.1/a");
  EXPECT_EQ(url_key("http://0x7f.1/"), "http://127.0.0.1/");
  EXPECT_EQ(url_key("http://www.%67ov.cn/a?spm=1"), "http://www.gov.cn/a");
  EXPECT_EQ(url_key("http://%30x7f.1/"), "http://127.0.0.1/");
  EXPECT_EQ(url_key("http://1.%32/"), "http://1.0.0.2/");
  EXPECT_EQ(url_key("http://a%2Eb.cn/x"), "http://a.b.cn/x");
  for (const std::string url : {"h:/%37", "http://%30x7f.1/", "http://1.%32/", "http://a%2Eb.cn/x"}) {
    const std::string key = url_key(url);
    EXPECT_EQ(url_key(key), key) << url;
  }
}

// Issue 18 item 4: "http://uN@host/..." made each link a page (and a host)
// of its own. Credentials select no page: one key, without them.
TEST(UrlKey, UserinfoIsDropped) {
  EXPECT_EQ(url_key("http://u1@www.gov.cn/a.html"), "http://www.gov.cn/a.html");
  EXPECT_EQ(url_key("http://u2:secret@www.gov.cn:8080/a.html?spm=1"), "http://www.gov.cn:8080/a.html");
  EXPECT_EQ(url_key("http://a%40b:c@www.gov.cn/a.html"), "http://www.gov.cn/a.html");
  EXPECT_EQ(url_key("http://www.gov.cn/a@b.html?x=@"), "http://www.gov.cn/a@b.html?x=@") << "only the authority's";
}

}  // namespace
}  // namespace fetch
