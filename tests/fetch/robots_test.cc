// robots.txt parsing and matching (fetch/robots.h). One test per kind of
// rule, with the negative case beside it.
#include "fetch/robots.h"

#include <gtest/gtest.h>

#include <string>

namespace fetch {
namespace {

constexpr std::string_view kAgent = "jingwen";

Robots Parse(std::string_view body) { return Robots::parse(body, kAgent); }

Response WithStatus(long status, ErrorCode code, std::string body = "") {
  Response r;
  r.status = status;
  r.error.code = code;
  r.body = std::move(body);
  return r;
}

// ---- group selection ------------------------------------------------------

TEST(Robots, OurGroupBeatsStarGroup) {
  const Robots r = Parse(
      "User-agent: *\n"
      "Disallow: /\n"
      "\n"
      "User-agent: jingwen\n"
      "Disallow: /private/\n");
  EXPECT_TRUE(r.allowed("/news/1.html"));
  EXPECT_FALSE(r.allowed("/private/a.html"));
  EXPECT_EQ(r.rule_count(), 1u);
}

TEST(Robots, StarGroupWhenNoGroupNamesUs) {
  const Robots r = Parse(
      "User-agent: Baiduspider\n"
      "Disallow: /\n"
      "User-agent: *\n"
      "Disallow: /admin/\n");
  EXPECT_TRUE(r.allowed("/news/1.html"));
  EXPECT_FALSE(r.allowed("/admin/login"));
}

TEST(Robots, AgentMatchIsCaseInsensitive) {
  const Robots r = Parse("User-agent: JingWen\nDisallow: /x\n");
  EXPECT_FALSE(r.allowed("/x"));
  EXPECT_FALSE(Robots::parse("User-agent: jingwen\nDisallow: /x\n", "JINGWEN").allowed("/x"));
}

TEST(Robots, AgentValueIsReducedToItsProductToken) {
  EXPECT_FALSE(Parse("User-agent: jingwen/1.0\nDisallow: /x\n").allowed("/x"));
  EXPECT_FALSE(Parse("User-agent: jingwen (+https://example.cn)\nDisallow: /x\n").allowed("/x"));
  // Our own agent may be given as a whole User-Agent string.
  EXPECT_FALSE(Robots::parse("User-agent: jingwen\nDisallow: /x\n", "jingwen/0.1 (+https://x)").allowed("/x"));
}

TEST(Robots, OtherProductTokensDoNotMatch) {
  // "jingwen-bot" is another crawler's token, and tokens are not prefixes.
  EXPECT_TRUE(Parse("User-agent: jingwen-bot/1.0\nDisallow: /x\n").allowed("/x"));
  EXPECT_TRUE(Parse("User-agent: jingwenbot\nDisallow: /x\n").allowed("/x"));
  EXPECT_TRUE(Parse("User-agent: jing\nDisallow: /x\n").allowed("/x"));
}

TEST(Robots, GroupsNamingUsAreMerged) {
  const Robots r = Parse(
      "User-agent: jingwen\n"
      "Disallow: /a/\n"
      "User-agent: other\n"
      "Disallow: /b/\n"
      "User-agent: jingwen\n"
      "Disallow: /c/\n");
  EXPECT_FALSE(r.allowed("/a/1"));
  EXPECT_TRUE(r.allowed("/b/1"));
  EXPECT_FALSE(r.allowed("/c/1"));
  EXPECT_EQ(r.rule_count(), 2u);
}

TEST(Robots, StarGroupsAreMerged) {
  const Robots r = Parse(
      "User-agent: *\nDisallow: /a/\n"
      "User-agent: other\nDisallow: /b/\n"
      "User-agent: *\nDisallow: /c/\n");
  EXPECT_FALSE(r.allowed("/a/1"));
  EXPECT_TRUE(r.allowed("/b/1"));
  EXPECT_FALSE(r.allowed("/c/1"));
}

TEST(Robots, ConsecutiveAgentLinesShareOneGroup) {
  const Robots r = Parse(
      "User-agent: googlebot\n"
      "User-agent: jingwen\n"
      "User-agent: bingbot\n"
      "Disallow: /shared/\n");
  EXPECT_FALSE(r.allowed("/shared/x"));
}

TEST(Robots, OurGroupWithoutRulesAllowsAllInsteadOfFallingBackToStar) {
  const Robots r = Parse(
      "User-agent: *\nDisallow: /\n"
      "User-agent: jingwen\nDisallow:\n");
  EXPECT_TRUE(r.allowed("/anything"));
  EXPECT_EQ(r.rule_count(), 0u);
}

TEST(Robots, OtherRecordsEndTheAgentRun) {
  // Crawl-delay closes the `*` group; the Disallow belongs to Baiduspider only.
  const Robots r = Parse(
      "User-agent: *\n"
      "Crawl-delay: 10\n"
      "User-agent: Baiduspider\n"
      "Disallow: /\n");
  EXPECT_TRUE(r.allowed("/news/1.html"));
}

TEST(Robots, RulesBeforeAnyAgentAreIgnored) {
  const Robots r = Parse("Disallow: /\nUser-agent: *\nDisallow: /tmp/\n");
  EXPECT_TRUE(r.allowed("/news/"));
  EXPECT_FALSE(r.allowed("/tmp/x"));
}

TEST(Robots, NoMatchingGroupAllowsAll) {
  const Robots r = Parse("User-agent: Baiduspider\nDisallow: /\n");
  EXPECT_TRUE(r.allowed("/"));
  EXPECT_EQ(r.rule_count(), 0u);
}

// ---- precedence -----------------------------------------------------------

TEST(Robots, LongestMatchWins) {
  const Robots r = Parse(
      "User-agent: *\n"
      "Disallow: /news/\n"
      "Allow: /news/public/\n"
      "Disallow: /news/public/draft\n");
  EXPECT_FALSE(r.allowed("/news/1.html"));
  EXPECT_TRUE(r.allowed("/news/public/1.html"));
  EXPECT_FALSE(r.allowed("/news/public/draft-2.html"));
  EXPECT_TRUE(r.allowed("/other"));
}

TEST(Robots, LongestMatchIgnoresRuleOrder) {
  const Robots r = Parse("User-agent: *\nAllow: /news/public/\nDisallow: /news/\n");
  EXPECT_TRUE(r.allowed("/news/public/1.html"));
  EXPECT_FALSE(r.allowed("/news/2.html"));
}

TEST(Robots, AllowWinsATie) {
  const Robots r = Parse("User-agent: *\nDisallow: /page\nAllow: /page\n");
  EXPECT_TRUE(r.allowed("/page.html"));
  const Robots starred = Parse("User-agent: *\nDisallow: /a*.htm\nAllow: /*b.htm\n");
  EXPECT_TRUE(starred.allowed("/ab.html"));  // both 7 octets
  EXPECT_FALSE(starred.allowed("/ac.html"));
}

TEST(Robots, RepeatedPatternIsKeptOnceAllowWinning) {
  const Robots r = Parse("User-agent: *\nDisallow: /a\nAllow: /b\nDisallow: /a\nAllow: /a\nDisallow: /a\n");
  EXPECT_EQ(r.rule_count(), 2u);
  EXPECT_TRUE(r.allowed("/a"));
  const Robots disallowed = Parse("User-agent: *\nDisallow: /a\nDisallow: /a\n");
  EXPECT_EQ(disallowed.rule_count(), 1u);
  EXPECT_FALSE(disallowed.allowed("/a"));
}

TEST(Robots, MatchingIsCaseSensitiveInPaths) {
  const Robots r = Parse("User-agent: *\nDisallow: /Private\n");
  EXPECT_FALSE(r.allowed("/Private/x"));
  EXPECT_TRUE(r.allowed("/private/x"));
}

// ---- pattern syntax -------------------------------------------------------

TEST(Robots, WildcardMatchesAnyRun) {
  const Robots r = Parse("User-agent: *\nDisallow: /*/print/\nDisallow: /*.pdf\n");
  EXPECT_FALSE(r.allowed("/2023/05/print/1.html"));
  EXPECT_FALSE(r.allowed("/files/report.pdf"));
  EXPECT_FALSE(r.allowed("/files/report.pdf?download=1"));
  EXPECT_TRUE(r.allowed("/2023/05/1.html"));
  EXPECT_TRUE(r.allowed("/print"));
}

TEST(Robots, LeadingWildcardAndRepeatedStars) {
  const Robots r = Parse("User-agent: *\nDisallow: *private**x\n");
  EXPECT_FALSE(r.allowed("/a/private/b/x"));
  EXPECT_TRUE(r.allowed("/a/x/private"));
}

TEST(Robots, DollarAnchorsTheEnd) {
  const Robots r = Parse("User-agent: *\nDisallow: /*.php$\nDisallow: /exact$\n");
  EXPECT_FALSE(r.allowed("/index.php"));
  EXPECT_TRUE(r.allowed("/index.php?id=1"));
  EXPECT_TRUE(r.allowed("/index.php5"));
  EXPECT_FALSE(r.allowed("/exact"));
  EXPECT_TRUE(r.allowed("/exact/"));
}

TEST(Robots, DollarInsidePatternIsLiteral) {
  const Robots r = Parse("User-agent: *\nDisallow: /a$b\n");
  EXPECT_FALSE(r.allowed("/a$b/c"));
  EXPECT_FALSE(r.allowed("/a%24b"));
  EXPECT_TRUE(r.allowed("/a"));
}

TEST(Robots, EncodedStarInPatternMatchesLiteralStar) {
  const Robots r = Parse("User-agent: *\nDisallow: /file-%2A.html\n");
  EXPECT_FALSE(r.allowed("/file-*.html"));
  EXPECT_TRUE(r.allowed("/file-x.html"));
}

TEST(Robots, QueryStringsAreMatched) {
  const Robots r = Parse("User-agent: *\nDisallow: /search?\nDisallow: /*?sessionid=\n");
  EXPECT_FALSE(r.allowed("/search?q=news"));
  EXPECT_TRUE(r.allowed("/search"));
  EXPECT_TRUE(r.allowed("/searching"));
  EXPECT_FALSE(r.allowed("/list.html?sessionid=42"));
  EXPECT_TRUE(r.allowed("/list.html?page=2"));
}

// ---- percent-encoding -----------------------------------------------------

TEST(Robots, UnreservedEscapesEqualTheirCharacters) {
  const Robots r = Parse("User-agent: *\nDisallow: /%7Euser/\nDisallow: /a-b\n");
  EXPECT_FALSE(r.allowed("/~user/home"));
  EXPECT_FALSE(r.allowed("/%61%2D%62"));  // "/a-b" spelled out
}

TEST(Robots, ReservedEscapesAreCaseInsensitiveButNotDecoded) {
  const Robots r = Parse("User-agent: *\nDisallow: /a%2fb\n");
  EXPECT_FALSE(r.allowed("/a%2Fb"));
  EXPECT_FALSE(r.allowed("/a%2fb"));
  EXPECT_TRUE(r.allowed("/a/b"));  // %2F is not '/'
}

TEST(Robots, NonAsciiPatternsMatchTheirUtf8Encoding) {
  // "/新闻/" as UTF-8 in the file; the URL arrives percent-encoded.
  const Robots r = Parse("User-agent: *\nDisallow: /\xE6\x96\xB0\xE9\x97\xBB/\n");
  EXPECT_FALSE(r.allowed("/%E6%96%B0%E9%97%BB/1.html"));
  EXPECT_FALSE(r.allowed("/%e6%96%b0%e9%97%bb/1.html"));
  EXPECT_FALSE(r.allowed("/\xE6\x96\xB0\xE9\x97\xBB/1.html"));
  EXPECT_TRUE(r.allowed("/%E6%96%B0/1.html"));
}

TEST(Robots, SpaceInPatternMatchesEncodedSpace) {
  const Robots r = Parse("User-agent: *\nDisallow: /a b\n");
  EXPECT_FALSE(r.allowed("/a%20b"));
}

// ---- values and lines -----------------------------------------------------

TEST(Robots, EmptyDisallowMeansNothing) {
  const Robots r = Parse("User-agent: *\nDisallow:\nDisallow:   \n");
  EXPECT_TRUE(r.allowed("/"));
  EXPECT_TRUE(r.allowed("/anything"));
  EXPECT_EQ(r.rule_count(), 0u);
}

TEST(Robots, DisallowRootBlocksEverythingButRobotsTxt) {
  const Robots r = Parse("User-agent: *\nDisallow: /\n");
  EXPECT_FALSE(r.allowed("/"));
  EXPECT_FALSE(r.allowed("/news/1.html"));
  EXPECT_TRUE(r.allowed("/robots.txt"));
}

TEST(Robots, PatternWithoutLeadingSlashGetsOne) {
  const Robots r = Parse("User-agent: *\nDisallow: private/\n");
  EXPECT_FALSE(r.allowed("/private/x"));
  EXPECT_TRUE(r.allowed("/a/private/x"));
}

TEST(Robots, EmptyOrCommentOnlyFileAllowsAll) {
  EXPECT_TRUE(Parse("").allowed("/x"));
  EXPECT_EQ(Parse("# nothing here\n\n   \n").rule_count(), 0u);
  EXPECT_TRUE(Parse("User-agent: *\n").allowed("/x"));
}

TEST(Robots, CommentsAreStripped) {
  const Robots r = Parse(
      "# robots for example.cn\n"
      "User-agent: * # everyone\n"
      "Disallow: /tmp/ # scratch\n"
      "Disallow: # nothing\n");
  EXPECT_FALSE(r.allowed("/tmp/a"));
  EXPECT_TRUE(r.allowed("/tmp"));
  EXPECT_EQ(r.rule_count(), 1u);
}

TEST(Robots, KeysAreCaseInsensitiveAndCommonTyposAccepted) {
  EXPECT_FALSE(Parse("USER-AGENT: *\nDISALLOW: /a\n").allowed("/a"));
  EXPECT_FALSE(Parse("useragent: *\nDisallow: /a\n").allowed("/a"));
  EXPECT_FALSE(Parse("User agent: *\nDisallow: /a\n").allowed("/a"));
  EXPECT_FALSE(Parse("User-agent: *\nDisalow: /a\n").allowed("/a"));
  EXPECT_FALSE(Parse("User-agent: *\nDissallow: /a\n").allowed("/a"));
}

TEST(Robots, MissingColonAcceptedOnlyForOneWordValues) {
  EXPECT_FALSE(Parse("User-agent *\nDisallow /a\n").allowed("/a"));
  EXPECT_FALSE(Parse("User agent jingwen\nDisallow /a\n").allowed("/a"));
  // Prose is not a rule: "Disallow all bots please" has several words.
  EXPECT_TRUE(Parse("User-agent: *\nDisallow all bots please\n").allowed("/all"));
}

TEST(Robots, GarbageLinesAreSkipped) {
  const Robots r = Parse(
      "<html><body>Not Found</body></html>\n"
      "User-agent: *\n"
      "\x01\x02\xFF garbage ::: \n"
      "this line means nothing\n"
      ": no key\n"
      "Disallow: /secret\n");
  EXPECT_FALSE(r.allowed("/secret"));
  EXPECT_TRUE(r.allowed("/public"));
}

TEST(Robots, HtmlErrorPageServedAs200AllowsAll) {
  const Robots r = Parse("<!DOCTYPE html><html><head><title>404</title></head><body>页面不存在</body></html>");
  EXPECT_TRUE(r.allowed("/news/"));
  EXPECT_EQ(r.rule_count(), 0u);
}

TEST(Robots, CrLfAndBareCrLineEnds) {
  const Robots crlf = Parse("User-agent: *\r\nDisallow: /a\r\nDisallow: /b\r\n");
  EXPECT_FALSE(crlf.allowed("/a"));
  EXPECT_FALSE(crlf.allowed("/b"));
  EXPECT_EQ(crlf.rule_count(), 2u);
  const Robots cr = Parse("User-agent: *\rDisallow: /a\rDisallow: /b");
  EXPECT_FALSE(cr.allowed("/a"));
  EXPECT_FALSE(cr.allowed("/b"));
}

TEST(Robots, ByteOrderMarkIsSkipped) {
  const Robots r = Parse("\xEF\xBB\xBFUser-agent: *\nDisallow: /a\n");
  EXPECT_FALSE(r.allowed("/a"));
}

TEST(Robots, BodyIsReadOnlyUpToMaxBytes) {
  std::string body = "User-agent: *\nDisallow: /early\n";
  body.append(1000, '#');
  body += "\nDisallow: /late\n";
  const Robots r = Robots::parse(body, kAgent, 200);
  EXPECT_FALSE(r.allowed("/early"));
  EXPECT_TRUE(r.allowed("/late"));
}

TEST(Robots, LineCutByMaxBytesIsDropped) {
  const std::string body = "User-agent: *\nDisallow: /private-area\n";
  // The cut falls inside "/private-area": "/pr" must not become a rule.
  const Robots r = Robots::parse(body, kAgent, body.find("/private") + 3);
  EXPECT_TRUE(r.allowed("/press"));
  EXPECT_EQ(r.rule_count(), 0u);
}

TEST(Robots, RuleCountIsCapped) {
  std::string body = "User-agent: *\n";
  for (int i = 0; i < 12'000; ++i) body += "Disallow: /d" + std::to_string(i) + "$\n";
  const Robots r = Parse(body);
  EXPECT_EQ(r.rule_count(), 10'000u);
  EXPECT_FALSE(r.allowed("/d9999"));
  EXPECT_TRUE(r.allowed("/d11999"));
}

TEST(Robots, PathologicalPatternDoesNotBacktrack) {
  // Exponential for a backtracking matcher: 40 stars, then a 'b' the path
  // lacks. Only the result is checked; the run time is the bench's business.
  std::string pattern = "/";
  for (int i = 0; i < 40; ++i) pattern += "a*";
  pattern += "b";
  const Robots r = Parse("User-agent: *\nDisallow: " + pattern + "\nDisallow: " + pattern + "$\n");
  const std::string path = "/" + std::string(4096, 'a');
  EXPECT_TRUE(r.allowed(path));
  EXPECT_FALSE(r.allowed(path + "b"));
  EXPECT_FALSE(r.allowed(path + "bc"));
}

// ---- from_response --------------------------------------------------------

TEST(Robots, FromResponse200ParsesTheBody) {
  const Robots r =
      Robots::from_response(WithStatus(200, ErrorCode::kNone, "User-agent: *\nDisallow: /x\n"), kAgent);
  EXPECT_FALSE(r.allowed("/x"));
  EXPECT_TRUE(r.allowed("/y"));
}

TEST(Robots, FromResponse4xxAllowsAll) {
  for (long status : {400L, 401L, 403L, 404L, 410L}) {
    const Robots r = Robots::from_response(
        WithStatus(status, ErrorCode::kHttpStatus, "User-agent: *\nDisallow: /\n"), kAgent);
    EXPECT_TRUE(r.allowed("/x")) << status;
  }
  EXPECT_TRUE(Robots::from_response(WithStatus(412, ErrorCode::kAntiBot), kAgent).allowed("/x"));
}

TEST(Robots, FromResponse5xxDisallowsAll) {
  for (long status : {500L, 502L, 503L}) {
    const Robots r = Robots::from_response(WithStatus(status, ErrorCode::kHttpStatus), kAgent);
    EXPECT_FALSE(r.allowed("/x")) << status;
    EXPECT_TRUE(r.allowed("/robots.txt")) << status;
  }
}

TEST(Robots, FromResponse429DisallowsAll) {
  EXPECT_FALSE(Robots::from_response(WithStatus(429, ErrorCode::kHttpStatus), kAgent).allowed("/x"));
}

TEST(Robots, FromResponseNetworkErrorDisallowsAll) {
  for (ErrorCode code : {ErrorCode::kDns, ErrorCode::kConnect, ErrorCode::kTimeout, ErrorCode::kNetwork}) {
    EXPECT_FALSE(Robots::from_response(WithStatus(0, code), kAgent).allowed("/x"));
  }
  // A 200 whose body broke off is not a file we can trust either.
  EXPECT_FALSE(Robots::from_response(WithStatus(200, ErrorCode::kNetwork, "User-agent: *\n"), kAgent)
                   .allowed("/x"));
}

TEST(Robots, FromResponseTooManyRedirectsAllowsAll) {
  EXPECT_TRUE(Robots::from_response(WithStatus(301, ErrorCode::kRedirect), kAgent).allowed("/x"));
}

TEST(Robots, FromResponseOversizeBodyIsReadUpToTheCap) {
  const Robots r = Robots::from_response(
      WithStatus(200, ErrorCode::kTooLarge, "User-agent: *\nDisallow: /x\n" + std::string(100, '#')), kAgent,
      64);
  EXPECT_FALSE(r.allowed("/x"));
}

TEST(Robots, AllowAllAndDisallowAll) {
  EXPECT_TRUE(Robots::allow_all().allowed("/x"));
  EXPECT_FALSE(Robots::disallow_all().allowed("/x"));
  EXPECT_TRUE(Robots::disallow_all().allowed("/robots.txt"));
}

}  // namespace
}  // namespace fetch
