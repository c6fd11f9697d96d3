// Client against a real HTTP server on 127.0.0.1: robots.txt, per-host
// politeness, retries with backoff and Retry-After, conditional GET, URL
// policy and cancellation. The transport itself is tested in engine_test.cc.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "fetch/fetch.h"
#include "tests/support/http_server.h"

namespace {

using fetch::ErrorCode;
using std::chrono::milliseconds;
using testsupport::HttpServer;
using testsupport::ServerRequest;
using testsupport::ServerResponse;
using Clock = std::chrono::steady_clock;

// The loopback server stands for the feed's own origin, which links may
// reach though it is a loopback address (Request::own_origin).
constexpr const char* kLoopbackAddress = "127.0.0.1";

// The origin of `url` as a feed fetched from `address` would have it.
fetch::Origin OriginOf(const std::string& url, const std::string& address = kLoopbackAddress) {
  const auto parsed = fetch::parse_url(url);
  if (!parsed) return {};
  return {.scheme = parsed->scheme, .host = parsed->host, .port = parsed->port, .address = address};
}

// Options that keep tests quick: no per-host delay, millisecond backoff.
fetch::Options QuickOptions() {
  fetch::Options o;
  o.per_host_delay = milliseconds(0);
  o.backoff_base = milliseconds(5);
  o.backoff_max = milliseconds(20);
  o.connect_timeout = milliseconds(2000);
  o.total_timeout = milliseconds(10000);
  o.max_attempts = 3;
  return o;
}

class ClientTest : public ::testing::Test {
 protected:
  // Runs one request to completion on the test thread.
  fetch::Response Get(fetch::Request request) {
    fetch::Response out;
    bool done = false;
    client().get(std::move(request), [&](fetch::Response r) {
      out = std::move(r);
      done = true;
    });
    io_.restart();
    io_.run();
    EXPECT_TRUE(done) << "the io_context ran out of work before the callback";
    return out;
  }
  fetch::Response Get(const std::string& url) {
    return Get(Local(url));
  }
  // Runs many requests at once; results in request order.
  std::vector<fetch::Response> GetAll(const std::vector<std::string>& urls) {
    std::vector<fetch::Response> out(urls.size());
    for (std::size_t i = 0; i < urls.size(); ++i) {
      client().get(Local(urls[i]), [&out, i](fetch::Response resp) { out[i] = std::move(resp); });
    }
    io_.restart();
    io_.run();
    return out;
  }
  // A request for `url` whose origin counts as the feed's own, fetched from
  // the loopback server's address.
  static fetch::Request Local(const std::string& url) {
    fetch::Request r;
    r.url = url;
    r.own_origin = OriginOf(url);
    return r;
  }
  // The loopback server as a feed's own origin.
  fetch::Origin ServerOrigin() const { return OriginOf(server_.url("/")); }
  fetch::Client& client() {
    if (!client_) client_ = std::make_unique<fetch::Client>(io_, options_);
    return *client_;
  }
  void ServeRobots(std::string body) {
    server_.on("/robots.txt", ServerResponse::text(200, std::move(body)));
  }

  HttpServer server_;
  fetch::Options options_ = QuickOptions();
  boost::asio::io_context io_;
  std::unique_ptr<fetch::Client> client_;
};

// Answers the listed statuses in turn, then 200 "done" forever.
testsupport::Handler Sequence(std::vector<ServerResponse> first) {
  auto state = std::make_shared<std::pair<std::mutex, std::size_t>>();
  return [state, first](const ServerRequest&) {
    std::lock_guard<std::mutex> lock(state->first);
    const std::size_t n = state->second++;
    return n < first.size() ? first[n] : ServerResponse::text(200, "done");
  };
}

ServerResponse WithHeader(ServerResponse r, std::string name, std::string value) {
  r.headers.emplace_back(std::move(name), std::move(value));
  return r;
}

TEST_F(ClientTest, RetriesA503ThenSucceeds) {
  server_.on("/flaky", Sequence({ServerResponse::text(503, "busy"),
                                 ServerResponse::text(502, "bad gateway")}));
  const fetch::Response r = Get(server_.url("/flaky"));
  EXPECT_TRUE(r.ok()) << r.error.message;
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "done");
  EXPECT_EQ(r.attempts, 3);
  EXPECT_EQ(server_.requests("/flaky"), 3u);
}

TEST_F(ClientTest, A429WaitsForRetryAfterSeconds) {
  std::mutex mu;
  std::vector<Clock::time_point> seen;
  auto sequence = Sequence({WithHeader(ServerResponse::text(429, "slow down"), "Retry-After", "1")});
  server_.on("/limited", [&](const ServerRequest& req) {
    {
      std::lock_guard<std::mutex> lock(mu);
      seen.push_back(Clock::now());
    }
    return sequence(req);
  });
  const fetch::Response r = Get(server_.url("/limited"));
  EXPECT_TRUE(r.ok()) << r.error.message;
  EXPECT_EQ(r.attempts, 2);
  ASSERT_EQ(seen.size(), 2u);
  // Backoff alone would retry within 20 ms; the server asked for a second.
  EXPECT_GE(seen[1] - seen[0], milliseconds(950));
}

TEST_F(ClientTest, GivesUpAfterMaxAttemptsWithATypedError) {
  server_.on("/down", ServerResponse::text(500, "broken"));
  const fetch::Response r = Get(server_.url("/down"));
  EXPECT_EQ(r.error.code, ErrorCode::kHttpStatus);
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.attempts, 3);
  EXPECT_EQ(server_.requests("/down"), 3u);
  EXPECT_NE(r.error.message.find("/down"), std::string::npos) << r.error.message;
}

TEST_F(ClientTest, ClientErrorsAndAntiBotWallsAreNotRetried) {
  server_.on("/gone", ServerResponse::text(404, "no"));
  server_.on("/wall", ServerResponse::text(412, "<script>anti-bot</script>"));
  EXPECT_EQ(Get(server_.url("/gone")).attempts, 1);
  const fetch::Response wall = Get(server_.url("/wall"));
  EXPECT_EQ(wall.error.code, ErrorCode::kAntiBot);
  EXPECT_EQ(wall.attempts, 1);
}

TEST_F(ClientTest, RobotsDisallowRefusesWithoutTouchingThePage) {
  ServeRobots("User-agent: *\nDisallow: /private/\n");
  server_.on("/private/a.html", ServerResponse::text(200, "secret"));
  server_.on("/public/b.html", ServerResponse::text(200, "open"));
  const fetch::Response denied = Get(server_.url("/private/a.html"));
  EXPECT_EQ(denied.error.code, ErrorCode::kRobotsDisallowed);
  EXPECT_NE(denied.error.message.find("/private/a.html"), std::string::npos);
  EXPECT_EQ(server_.requests("/private/a.html"), 0u);
  EXPECT_EQ(Get(server_.url("/public/b.html")).body, "open");
  EXPECT_EQ(server_.requests("/robots.txt"), 1u) << "robots.txt is cached per host";
}

TEST_F(ClientTest, RobotsGroupForOurAgentBeatsTheStarGroup) {
  ServeRobots("User-agent: *\nAllow: /\n\nUser-agent: Jingwen\nDisallow: /news/\n");
  server_.on("/news/1.html", ServerResponse::text(200, "x"));
  EXPECT_EQ(Get(server_.url("/news/1.html")).error.code, ErrorCode::kRobotsDisallowed);
}

TEST_F(ClientTest, ConcurrentRequestsShareOneRobotsFetch) {
  ServeRobots("User-agent: *\nDisallow: /no/\n");
  server_.on("/yes.html", ServerResponse::text(200, "ok"));
  const auto results = GetAll({server_.url("/yes.html"), server_.url("/yes.html"),
                               server_.url("/no/x.html"), server_.url("/yes.html")});
  EXPECT_TRUE(results[0].ok());
  EXPECT_TRUE(results[3].ok());
  EXPECT_EQ(results[2].error.code, ErrorCode::kRobotsDisallowed);
  EXPECT_EQ(server_.requests("/robots.txt"), 1u);
}

TEST_F(ClientTest, Robots404AllowsEverything) {
  server_.on("/page.html", ServerResponse::text(200, "page"));
  const fetch::Response r = Get(server_.url("/page.html"));
  EXPECT_TRUE(r.ok()) << r.error.message;
  EXPECT_EQ(server_.requests("/robots.txt"), 1u);
}

TEST_F(ClientTest, Robots500DisallowsEverything) {
  server_.on("/robots.txt", ServerResponse::text(500, "oops"));
  server_.on("/page.html", ServerResponse::text(200, "page"));
  const fetch::Response r = Get(server_.url("/page.html"));
  EXPECT_EQ(r.error.code, ErrorCode::kRobotsDisallowed);
  EXPECT_EQ(server_.requests("/page.html"), 0u);
}

TEST_F(ClientTest, UnreachableRobotsReportsTheTransportError) {
  // A port that was just free: bind, read it, close.
  unsigned short port = 0;
  {
    boost::asio::ip::tcp::acceptor probe(io_, {boost::asio::ip::make_address_v4("127.0.0.1"), 0});
    port = probe.local_endpoint().port();
  }
  options_.max_attempts = 1;
  const fetch::Response r = Get("http://127.0.0.1:" + std::to_string(port) + "/news/1.html");
  EXPECT_EQ(r.error.code, ErrorCode::kConnect) << "the cause, not a robots verdict";
  EXPECT_NE(r.error.message.find("robots.txt unreachable"), std::string::npos) << r.error.message;
  EXPECT_NE(r.error.message.find("/news/1.html"), std::string::npos) << r.error.message;
}

TEST_F(ClientTest, Robots429DisallowsForNow) {
  server_.on("/robots.txt", ServerResponse::text(429, "slow down"));
  server_.on("/page.html", ServerResponse::text(200, "page"));
  options_.max_attempts = 1;
  const fetch::Response r = Get(server_.url("/page.html"));
  EXPECT_EQ(r.error.code, ErrorCode::kRobotsDisallowed);
  EXPECT_NE(r.error.message.find("answered 429"), std::string::npos) << r.error.message;
  EXPECT_EQ(server_.requests("/page.html"), 0u);
}

TEST_F(ClientTest, RobotsCanBeSwitchedOffPerRequest) {
  ServeRobots("User-agent: *\nDisallow: /\n");
  server_.on("/page.html", ServerResponse::text(200, "page"));
  fetch::Request request;
  request.own_origin = ServerOrigin();
  request.url = server_.url("/page.html");
  request.honour_robots = false;
  EXPECT_TRUE(Get(request).ok());
  EXPECT_EQ(server_.requests("/robots.txt"), 0u);
}

// Holds each request long enough that the client could overlap many.
ServerResponse Slow(std::string body) {
  ServerResponse r = ServerResponse::text(200, std::move(body));
  r.delay = milliseconds(100);
  return r;
}

TEST_F(ClientTest, PerHostConcurrencyIsNeverExceeded) {
  options_.per_host_concurrency = 2;
  server_.on("/slow", Slow("s"));
  const auto results = GetAll(std::vector<std::string>(12, server_.url("/slow")));
  for (const auto& r : results) EXPECT_TRUE(r.ok()) << r.error.message;
  EXPECT_EQ(server_.max_in_flight(), 2u) << "two at a time, and never more";
}

TEST_F(ClientTest, ConcurrencyLimitIsPerHost) {
  options_.per_host_concurrency = 1;
  server_.on("/slow", Slow("s"));
  std::vector<std::string> urls;
  for (int i = 0; i < 6; ++i) {
    urls.push_back(server_.url("/slow"));
    urls.push_back(server_.url_for_host("localhost", "/slow"));
  }
  const auto results = GetAll(urls);
  for (const auto& r : results) EXPECT_TRUE(r.ok()) << r.error.message;
  EXPECT_EQ(server_.max_in_flight(), 2u) << "one per host, two hosts";
}

TEST_F(ClientTest, PerHostDelaySpacesStarts) {
  options_.per_host_delay = milliseconds(150);
  std::mutex mu;
  std::vector<Clock::time_point> seen;
  server_.on("/p", [&](const ServerRequest&) {
    std::lock_guard<std::mutex> lock(mu);
    seen.push_back(Clock::now());
    return ServerResponse::text(200, "p");
  });
  GetAll({server_.url("/p"), server_.url("/p"), server_.url("/p")});
  ASSERT_EQ(seen.size(), 3u);
  // robots.txt took the first slot, so every page start is spaced too. The
  // server stamps arrival, not the client's start: slack for a busy machine
  // (unspaced, the gaps are a few ms).
  EXPECT_GE(seen[1] - seen[0], milliseconds(100));
  EXPECT_GE(seen[2] - seen[1], milliseconds(100));
}

TEST_F(ClientTest, ConditionalGetReportsUnchanged) {
  server_.on("/feed.xml", [](const ServerRequest& req) {
    if (req.header("If-None-Match") == "\"v7\"") return ServerResponse::text(304, "");
    return WithHeader(WithHeader(ServerResponse::text(200, "<rss/>"), "ETag", "\"v7\""),
                      "Last-Modified", "Mon, 02 Nov 2026 08:00:00 GMT");
  });
  const fetch::Response first = Get(server_.url("/feed.xml"));
  ASSERT_TRUE(first.ok());
  EXPECT_FALSE(first.unchanged);
  EXPECT_EQ(first.validators.etag, "\"v7\"");
  EXPECT_EQ(first.validators.last_modified, "Mon, 02 Nov 2026 08:00:00 GMT");

  fetch::Request again = Local(server_.url("/feed.xml"));
  again.validators = first.validators;
  const fetch::Response second = Get(again);
  EXPECT_TRUE(second.ok()) << "304 is not an error";
  EXPECT_TRUE(second.unchanged);
  EXPECT_EQ(second.status, 304);
  const auto seen = server_.last_request("/feed.xml");
  ASSERT_TRUE(seen.has_value());
  EXPECT_EQ(seen->header("If-Modified-Since"), "Mon, 02 Nov 2026 08:00:00 GMT");
}

TEST_F(ClientTest, RequestsGoThroughTheConfiguredProxy) {
  // The loopback server plays the proxy: it sees absolute-form targets for a
  // host that does not resolve here, so only the proxy can have answered.
  const std::string page = "http://news.example.gov.cn/art/2026/11/1.html";
  server_.on("http://news.example.gov.cn/robots.txt", ServerResponse::text(404, ""));
  server_.on(page, ServerResponse::text(200, "via proxy"));
  options_.proxy = server_.url("/");
  const fetch::Response r = Get(page);
  EXPECT_TRUE(r.ok()) << r.error.message;
  EXPECT_EQ(r.body, "via proxy");
  EXPECT_EQ(r.final_url, page);
  const auto seen = server_.last_request(page);
  ASSERT_TRUE(seen.has_value());
  EXPECT_EQ(seen->header("Host"), "news.example.gov.cn");
}

TEST_F(ClientTest, InternationalisedHostsAreFetchedAsPunycode) {
  server_.on("http://xn--fiqs8sirgfmh.cn/a.html", ServerResponse::text(200, "idn"));
  options_.proxy = server_.url("/");
  const fetch::Response r = Get("http://中国政府.cn/a.html");
  EXPECT_TRUE(r.ok()) << r.error.message;
  EXPECT_EQ(r.body, "idn");
  const auto seen = server_.last_request("http://xn--fiqs8sirgfmh.cn/a.html");
  ASSERT_TRUE(seen.has_value());
  EXPECT_EQ(seen->header("Host"), "xn--fiqs8sirgfmh.cn");
}

TEST_F(ClientTest, FileUrlsOnlyWhenConfigured) {
  fetch::Request found;
  found.url = "file://" + std::string(JINGWEN_TESTDATA) + "/cli/article.html";
  EXPECT_EQ(Get(found).error.code, ErrorCode::kBadUrl);
  EXPECT_EQ(server_.requests(), 0u);
  fetch::Request configured = found;
  configured.configured = true;
  const fetch::Response r = Get(configured);
  EXPECT_TRUE(r.ok()) << r.error.message;
  EXPECT_NE(r.body.find("<title>清水县推进老旧小区改造工作纪实"), std::string::npos);
}

TEST_F(ClientTest, BadUrlsFailWithoutCallingBackInsideGet) {
  bool inside_get = true;
  int calls = 0;
  for (const char* url : {"ftp://example.gov.cn/x", "not a url", ""}) {
    fetch::Request r;
    r.own_origin = ServerOrigin();
    r.url = url;
    client().get(r, [&](fetch::Response resp) {
      EXPECT_FALSE(inside_get);
      EXPECT_EQ(resp.error.code, ErrorCode::kBadUrl) << url;
      ++calls;
    });
  }
  inside_get = false;
  io_.run();
  EXPECT_EQ(calls, 3);
}

TEST_F(ClientTest, CancelAllCompletesQueuedAndRunningRequests) {
  options_.per_host_concurrency = 1;
  ServerResponse stuck = ServerResponse::text(200, "late");
  stuck.delay = milliseconds(5000);
  server_.on("/stuck", stuck);
  std::vector<ErrorCode> codes;
  for (int i = 0; i < 5; ++i) {
    fetch::Request r;
    r.own_origin = ServerOrigin();
    r.url = server_.url("/stuck");
    r.honour_robots = false;
    client().get(r, [&](fetch::Response resp) { codes.push_back(resp.error.code); });
  }
  // Let the first transfer start, then cancel everything.
  while (client().in_flight() == 0) io_.run_one();
  EXPECT_EQ(client().queued(), 4u);
  client().cancel_all();
  io_.run();
  ASSERT_EQ(codes.size(), 5u);
  for (ErrorCode c : codes) EXPECT_EQ(c, ErrorCode::kCancelled);
  EXPECT_LE(server_.requests("/stuck"), 1u) << "no queued request started after cancel_all";
}

TEST_F(ClientTest, DestroyingTheClientCancelsWhatIsPending) {
  ServerResponse stuck = ServerResponse::text(200, "late");
  stuck.delay = milliseconds(5000);
  server_.on("/stuck", stuck);
  int cancelled = 0;
  for (int i = 0; i < 3; ++i) {
    fetch::Request r;
    r.own_origin = ServerOrigin();
    r.url = server_.url("/stuck");
    client().get(r, [&](fetch::Response resp) {
      cancelled += resp.error.code == ErrorCode::kCancelled;
    });
  }
  io_.poll();
  client_.reset();
  io_.run();
  EXPECT_EQ(cancelled, 3);
}

TEST(ErrorName, EveryCodeHasItsOwnName) {
  std::vector<std::string_view> names;
  for (int c = static_cast<int>(ErrorCode::kNone); c <= static_cast<int>(ErrorCode::kCancelled); ++c) {
    names.push_back(fetch::error_name(static_cast<ErrorCode>(c)));
  }
  for (std::size_t i = 0; i < names.size(); ++i) {
    EXPECT_NE(names[i], "unknown") << "code " << i;
    for (std::size_t j = 0; j < i; ++j) EXPECT_NE(names[i], names[j]);
  }
  EXPECT_EQ(fetch::error_name(ErrorCode::kRobotsDisallowed), "robots-disallowed");
}

}  // namespace

// ---- Links to reserved addresses (Request::own_origin) ----------------------
// The server listens on 127.0.0.1; "localhost" names the same server under
// another host name, so it stands for a private host the feed does not own.

TEST_F(ClientTest, ALinkToAnotherLoopbackHostIsRefusedBeforeAnyRequest) {
  server_.on("/secret", ServerResponse::text(200, "internal"));
  fetch::Request r;
  r.url = server_.url_for_host("localhost", "/secret");
  r.own_origin = ServerOrigin();
  const fetch::Response resp = Get(std::move(r));
  EXPECT_EQ(resp.error.code, fetch::ErrorCode::kBlockedAddress) << resp.error.message;
  EXPECT_NE(resp.error.message.find("(loopback)"), std::string::npos) << resp.error.message;
  EXPECT_NE(resp.error.message.find("localhost"), std::string::npos) << resp.error.message;
  EXPECT_EQ(server_.requests("/robots.txt"), 0u) << "robots.txt is asked for on the same terms";
  EXPECT_EQ(server_.requests("/secret"), 0u);
}

TEST_F(ClientTest, ARedirectFromTheFeedsHostToAnotherPrivateHostIsRefused) {
  server_.on("/jump", ServerResponse::redirect(server_.url_for_host("localhost", "/secret")));
  server_.on("/secret", ServerResponse::text(200, "internal"));
  const fetch::Response resp = Get(server_.url("/jump"));
  EXPECT_EQ(resp.error.code, fetch::ErrorCode::kBlockedAddress) << resp.error.message;
  EXPECT_EQ(server_.requests("/jump"), 1u);
  EXPECT_EQ(server_.requests("/secret"), 0u);
}

TEST_F(ClientTest, APooledConnectionToAnotherFeedsHostIsNoWayAround) {
  server_.on("/a", ServerResponse::text(200, "a"));
  server_.on("/secret", ServerResponse::text(200, "internal"));
  fetch::Request own;  // a feed whose own host is "localhost": allowed, and pooled
  own.url = server_.url_for_host("localhost", "/a");
  own.own_origin = OriginOf(own.url);
  ASSERT_TRUE(Get(std::move(own)).ok());
  fetch::Request other;  // another feed's link to that host
  other.url = server_.url_for_host("localhost", "/secret");
  other.own_origin = ServerOrigin();
  const fetch::Response resp = Get(std::move(other));
  EXPECT_EQ(resp.error.code, fetch::ErrorCode::kBlockedAddress) << resp.error.message;
  EXPECT_EQ(server_.requests("/secret"), 0u);
}

TEST_F(ClientTest, AConfiguredUrlMayReachAnyAddress) {
  server_.on("/feed", ServerResponse::text(200, "feed"));
  fetch::Request configured;
  configured.url = server_.url_for_host("localhost", "/feed");
  configured.configured = true;
  const fetch::Response resp = Get(std::move(configured));
  EXPECT_TRUE(resp.ok()) << resp.error.message;
  EXPECT_EQ(resp.body, "feed");
}

// ---- The feed's own origin, and only that (issue 18 item 5) ---------------

TEST_F(ClientTest, TheOwnOriginExceptionIsOneSchemeHostAndPort) {
  HttpServer other_port;  // the same loopback host on another port (":2375", ":6379")
  server_.on("/x", ServerResponse::text(200, "own"));
  other_port.on("/x", ServerResponse::text(200, "internal"));
  fetch::Request own;
  own.url = server_.url("/x");
  own.own_origin = ServerOrigin();
  const fetch::Response ok = Get(std::move(own));
  EXPECT_TRUE(ok.ok()) << ok.error.message;
  fetch::Request elsewhere;
  elsewhere.url = other_port.url("/x");
  elsewhere.own_origin = ServerOrigin();
  const fetch::Response refused = Get(std::move(elsewhere));
  EXPECT_EQ(refused.error.code, ErrorCode::kBlockedAddress) << refused.error.message;
  EXPECT_EQ(other_port.requests(), 0u) << "neither the page nor its robots.txt";
}

TEST_F(ClientTest, ARedirectFromTheOwnOriginToAnotherPortIsRefused) {
  HttpServer other_port;
  other_port.on("/secret", ServerResponse::text(200, "internal"));
  server_.on("/jump", ServerResponse::redirect(other_port.url("/secret")));
  const fetch::Response r = Get(server_.url("/jump"));
  EXPECT_EQ(r.error.code, ErrorCode::kBlockedAddress) << r.error.message;
  EXPECT_EQ(other_port.requests(), 0u);
}

// DNS rebinding: the feed's name answered with one address when the feed was
// fetched and answers with another (here: 127.0.0.1) for its links.
TEST_F(ClientTest, TheOwnOriginIsAllowedOnlyAtTheAddressTheFeedCameFrom) {
  server_.on("/x", ServerResponse::text(200, "internal"));
  fetch::Request r;
  r.url = server_.url_for_host("localhost", "/x");
  r.own_origin = OriginOf(r.url, "10.1.2.3");
  const fetch::Response resp = Get(std::move(r));
  EXPECT_EQ(resp.error.code, ErrorCode::kBlockedAddress) << resp.error.message;
  EXPECT_EQ(server_.requests(), 0u);
}

TEST_F(ClientTest, AnHttpsRequestToAPlainServerIsATlsFailure) {
  server_.on("/x", ServerResponse::text(200, "plain"));
  std::string url = server_.url("/x");
  url.insert(4, 1, 's');  // "http://" -> "https://"
  fetch::Request r;
  r.url = url;
  r.own_origin = OriginOf(url);
  r.honour_robots = false;
  const fetch::Response resp = Get(std::move(r));
  EXPECT_EQ(resp.error.code, ErrorCode::kTls) << resp.error.message;
}

TEST_F(ClientTest, AResponseNamesItsOriginAndAddress) {
  server_.on("/feed.xml", ServerResponse::text(200, "<rss/>"));
  fetch::Request feed;
  feed.url = server_.url("/feed.xml");
  feed.configured = true;
  const fetch::Response r = Get(std::move(feed));
  ASSERT_TRUE(r.ok()) << r.error.message;
  EXPECT_EQ(r.address, kLoopbackAddress);
  const fetch::Origin origin = fetch::origin_of(r);
  EXPECT_EQ(origin.scheme, "http");
  EXPECT_EQ(origin.host, "127.0.0.1");
  EXPECT_EQ(origin.port, server_.port());
  EXPECT_EQ(origin.address, kLoopbackAddress);
}

// ---- Through a proxy (issue 18 item 5) -------------------------------------
// `proxy` is a loopback HttpServer that answers absolute-form requests itself;
// its log is every request the daemon let through.

class ProxyTest : public ClientTest {
 protected:
  void SetUp() override { options_.proxy = proxy_.url("/"); }
  HttpServer proxy_;
};

TEST_F(ProxyTest, PrivateTargetsAreRefusedBeforeTheProxyIsAsked) {
  const std::string port = std::to_string(server_.port());
  for (const std::string& url : std::vector<std::string>{"http://127.0.0.2:" + port + "/x", "http://[::1]:" + port + "/x",
                                "http://[::127.0.0.1]:" + port + "/x", "http://[::ffff:10.0.0.1]/x",
                                "http://169.254.169.254/latest/meta-data/", "http://localhost:" + port + "/x",
                                "http://127.0.0.1:" + port + "/x"}) {
    fetch::Request r;
    r.url = url;
    r.own_origin = OriginOf("http://127.0.0.1:1/feed.xml", "");  // the feed's origin: another port
    const fetch::Response resp = Get(std::move(r));
    EXPECT_EQ(resp.error.code, ErrorCode::kBlockedAddress) << url << ": " << resp.error.message;
  }
  EXPECT_EQ(proxy_.requests(), 0u);
}

TEST_F(ProxyTest, TheOwnOriginAndUnresolvableNamesGoToTheProxy) {
  const std::string own = "http://127.0.0.1:" + std::to_string(server_.port()) + "/a.html";
  const std::string remote = "http://news.example.invalid/b.html";
  proxy_.set_fallback([](const ServerRequest& r) {
    return r.path.ends_with("/robots.txt") ? ServerResponse::text(404, "") : ServerResponse::text(200, r.target);
  });
  fetch::Request first;
  first.url = own;
  first.own_origin = OriginOf(own, "");
  const fetch::Response a = Get(std::move(first));
  EXPECT_TRUE(a.ok()) << a.error.message;
  EXPECT_EQ(a.body, own);
  fetch::Request second;
  second.url = remote;
  second.own_origin = OriginOf(own, "");
  const fetch::Response b = Get(std::move(second));
  EXPECT_TRUE(b.ok()) << b.error.message;
  EXPECT_EQ(b.body, remote);
  EXPECT_EQ(b.address, "") << "through a proxy the address is the proxy's";
}

TEST_F(ProxyTest, ARedirectToAPrivateTargetIsRefusedBeforeTheProxyIsAsked) {
  const std::string own = "http://127.0.0.1:" + std::to_string(server_.port());
  proxy_.on(own + "/robots.txt", ServerResponse::text(404, ""));
  proxy_.on(own + "/jump", ServerResponse::redirect("http://[::1]:6379/"));
  proxy_.on(own + "/hop", ServerResponse::redirect("/jump", 301));
  fetch::Request r;
  r.url = own + "/hop";
  r.own_origin = OriginOf(r.url, "");
  const fetch::Response resp = Get(std::move(r));
  EXPECT_EQ(resp.error.code, ErrorCode::kBlockedAddress) << resp.error.message;
  EXPECT_EQ(proxy_.requests(own + "/hop"), 1u);
  EXPECT_EQ(proxy_.requests(own + "/jump"), 1u);
  for (const auto& seen : proxy_.log()) EXPECT_EQ(seen.target.find("6379"), std::string::npos) << seen.target;
}

TEST_F(ProxyTest, RedirectsFollowedThroughTheProxyKeepTheirBounds) {
  const std::string own = "http://127.0.0.1:" + std::to_string(server_.port());
  proxy_.on(own + "/robots.txt", ServerResponse::text(404, ""));
  proxy_.on(own + "/loop", ServerResponse::redirect(own + "/loop"));
  proxy_.on(own + "/one", ServerResponse::redirect(own + "/done"));
  proxy_.on(own + "/done", ServerResponse::text(200, "done"));
  proxy_.on(own + "/ftp", ServerResponse::redirect("ftp://127.0.0.1/x"));
  fetch::Request r;
  r.own_origin = OriginOf(own + "/", "");
  r.url = own + "/one";
  const fetch::Response one = Get(r);
  EXPECT_TRUE(one.ok()) << one.error.message;
  EXPECT_EQ(one.body, "done");
  EXPECT_EQ(one.final_url, own + "/done");
  EXPECT_EQ(one.redirects, 1);
  r.url = own + "/loop";
  const fetch::Response loop = Get(r);
  EXPECT_EQ(loop.error.code, ErrorCode::kRedirect) << loop.error.message;
  EXPECT_EQ(proxy_.requests(own + "/loop"), static_cast<std::size_t>(options_.max_redirects) + 1);
  r.url = own + "/ftp";
  EXPECT_EQ(Get(r).error.code, ErrorCode::kRedirect);
}
