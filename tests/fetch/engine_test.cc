// Engine over a real loopback HTTP server: each test proves one behaviour of
// the transport (status and error mapping, redirects, caps, timeouts,
// cancellation, concurrency) end to end through libcurl and asio.
#include "fetch/engine.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netdb.h>
#include <netinet/in.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "clean/clean.h"
#include "fetch/transfer.h"
#include "tests/support/http_server.h"

namespace {

using namespace std::chrono_literals;
using fetch::ErrorCode;
using testsupport::HttpServer;
using testsupport::ServerRequest;
using testsupport::ServerResponse;

constexpr auto kTestDeadline = 20s;  // a hung transfer fails the test, not the run

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

bool has_header(const fetch::Response& r, const std::string& name, const std::string& value) {
  return std::find(r.headers.begin(), r.headers.end(), std::pair{name, value}) != r.headers.end();
}

// Small limits so that failure cases end in milliseconds.
fetch::Options fast_options() {
  fetch::Options o;
  o.connect_timeout = 2s;
  o.total_timeout = 10s;
  return o;
}

class Engine : public ::testing::Test {
 protected:
  // Runs the io_context until `done` holds or the deadline passes.
  bool run_until(const std::function<bool()>& done,
                 std::chrono::milliseconds limit = kTestDeadline) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (!done() && std::chrono::steady_clock::now() < end) {
      if (io_.stopped()) io_.restart();
      io_.run_one_for(10ms);
    }
    return done();
  }

  // Starts one transfer on a fresh Engine and runs it to completion.
  fetch::Response fetch(fetch::Attempt attempt, const fetch::Options& options = fast_options()) {
    fetch::Engine engine(io_, options);
    std::optional<fetch::Response> got;
    engine.start(std::move(attempt), [&](fetch::Response r) { got = std::move(r); });
    if (!run_until([&] { return got.has_value(); })) {
      fetch::Response hung;
      hung.error = {ErrorCode::kNetwork, "test: no callback before the deadline"};
      return hung;
    }
    return *got;
  }
  fetch::Response fetch(const std::string& url, const fetch::Options& options = fast_options()) {
    return fetch(fetch::Attempt{.url = url}, options);
  }

  boost::asio::io_context io_;
  HttpServer server_;
};

// ---- Success ----------------------------------------------------------------

TEST_F(Engine, OkResponseHasStatusHeadersAndBody) {
  ServerResponse page = ServerResponse::text(200, "<p>hello</p>", "Text/HTML; Charset=\"UTF-8\"");
  page.headers.emplace_back("X-Test", "yes");
  server_.on("/hello", page);

  const fetch::Response r = fetch(server_.url("/hello"));

  ASSERT_TRUE(r.ok()) << r.error.message;
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "<p>hello</p>");
  EXPECT_EQ(r.url, server_.url("/hello"));
  EXPECT_EQ(r.final_url, server_.url("/hello"));
  EXPECT_EQ(r.content_type, "text/html");
  EXPECT_EQ(r.charset, "UTF-8");
  EXPECT_TRUE(has_header(r, "x-test", "yes"));
  EXPECT_EQ(r.attempts, 1);
  EXPECT_EQ(r.redirects, 0);
  EXPECT_FALSE(r.unchanged);
}

TEST_F(Engine, GbkPageDecodedWithCharsetFromHeaderOnly) {
  const std::string gbk = read_file(JINGWEN_TESTDATA "/engine/gbk-charset-in-header-only.html");
  ASSERT_FALSE(gbk.empty());
  server_.on("/gbk", ServerResponse::text(200, gbk, "text/html; charset=gbk"));

  const fetch::Response r = fetch(server_.url("/gbk"));

  ASSERT_TRUE(r.ok()) << r.error.message;
  EXPECT_EQ(r.charset, "gbk");
  EXPECT_EQ(r.body, gbk);  // bytes as sent: decoding is clean's job
  const clean::Article article =
      clean::extract({.bytes = r.body, .url = r.final_url, .http_charset = r.charset});
  EXPECT_EQ(article.title, "城东新区举办春季植树活动");
  const std::string text = article.text();
  EXPECT_NE(text.find("三月十二日上午，城东新区组织机关干部"), std::string::npos) << text;
  EXPECT_NE(text.find("新增公园绿地十五公顷"), std::string::npos) << text;
}

TEST_F(Engine, GzipBodyDecoded) {
  const std::string html = "<html><body><p>压缩正文 compressed body</p></body></html>";
  ServerResponse page = ServerResponse::text(200, testsupport::gzip(html), "text/html");
  page.headers.emplace_back("Content-Encoding", "gzip");
  server_.on("/gz", page);

  const fetch::Response r = fetch(server_.url("/gz"));

  ASSERT_TRUE(r.ok()) << r.error.message;
  EXPECT_EQ(r.body, html);
  const auto seen = server_.last_request("/gz");
  ASSERT_TRUE(seen.has_value());
  EXPECT_NE(seen->header("Accept-Encoding").find("gzip"), std::string::npos);
}

TEST_F(Engine, DeflateAndBrotliBodiesDecoded) {
  const std::string html = "<html><body><p>政务公开 deflate 与 br 压缩正文</p></body></html>";
  const std::pair<const char*, std::string> encodings[] = {
      {"deflate", testsupport::zlib_deflate(html)}, {"br", testsupport::brotli(html)}};
  for (const auto& [name, body] : encodings) {
    ASSERT_NE(body, html);
    ServerResponse page = ServerResponse::text(200, body, "text/html");
    page.headers.emplace_back("Content-Encoding", name);
    server_.on(std::string("/") + name, page);

    const fetch::Response r = fetch(server_.url(std::string("/") + name));

    ASSERT_TRUE(r.ok()) << name << ": " << r.error.message;
    EXPECT_EQ(r.body, html) << name;
    const auto seen = server_.last_request(std::string("/") + name);
    ASSERT_TRUE(seen.has_value());
    EXPECT_NE(seen->header("Accept-Encoding").find(name), std::string::npos) << name;
  }
}

TEST_F(Engine, RequestHeadersAndUserAgentReachServer) {
  server_.on("/h", ServerResponse::text(200, "ok"));
  fetch::Options options = fast_options();
  options.user_agent = "jingwen-test/1.0";
  options.headers = {"X-Global: g", "Accept-Language: zh-CN"};

  const fetch::Response r =
      fetch(fetch::Attempt{.url = server_.url("/h"), .headers = {"X-Extra: e"}}, options);

  ASSERT_TRUE(r.ok()) << r.error.message;
  const auto seen = server_.last_request("/h");
  ASSERT_TRUE(seen.has_value());
  EXPECT_EQ(seen->header("User-Agent"), "jingwen-test/1.0");
  EXPECT_EQ(seen->header("X-Global"), "g");
  EXPECT_EQ(seen->header("Accept-Language"), "zh-CN");
  EXPECT_EQ(seen->header("X-Extra"), "e");
  EXPECT_EQ(seen->header("If-None-Match"), "");
}

TEST_F(Engine, HeaderWithLineBreakIsDropped) {
  server_.on("/h", ServerResponse::text(200, "ok"));
  fetch::Attempt attempt{.url = server_.url("/h"),
                         .headers = {"X-Evil: a\r\nX-Injected: b", "X-Fine: f"}};
  attempt.validators.etag = "\"v1\"\r\nX-Injected: evil";
  const fetch::Response r = fetch(attempt);

  ASSERT_TRUE(r.ok()) << r.error.message;
  const auto seen = server_.last_request("/h");
  ASSERT_TRUE(seen.has_value());
  EXPECT_FALSE(seen->header("X-Fine").empty());
  EXPECT_EQ(seen->header("X-Injected"), "");
  EXPECT_EQ(seen->header("X-Evil"), "");
  EXPECT_EQ(seen->header("If-None-Match"), "");
}

TEST_F(Engine, ConnectionReusedAcrossTransfers) {
  server_.on("/a", ServerResponse::text(200, "a"));
  fetch::Engine engine(io_, fast_options());
  int done = 0;
  engine.start({.url = server_.url("/a")}, [&](fetch::Response r) {
    EXPECT_TRUE(r.ok()) << r.error.message;
    ++done;
    engine.start({.url = server_.url("/a")}, [&](fetch::Response again) {
      EXPECT_TRUE(again.ok()) << again.error.message;
      ++done;
    });
  });
  ASSERT_TRUE(run_until([&] { return done == 2; }));
  EXPECT_EQ(server_.requests("/a"), 2u);
  EXPECT_EQ(server_.connections(), 1u);  // keep-alive through our socket hooks
}

// A host name that resolves to 127.0.0.1 through the system resolver: this
// machine's own name when /etc/hosts maps it there (libcurl 7.88 answers
// "localhost" itself, without its resolver thread), else "localhost".
std::string loopback_host_name() {
  std::array<char, 256> name{};
  if (::gethostname(name.data(), name.size() - 1) == 0 && name[0] != '\0') {
    addrinfo hints{};
    hints.ai_family = AF_INET;
    addrinfo* found = nullptr;
    if (::getaddrinfo(name.data(), nullptr, &hints, &found) == 0) {
      const bool loopback = found != nullptr &&
                            reinterpret_cast<const sockaddr_in*>(found->ai_addr)->sin_addr.s_addr ==
                                htonl(INADDR_LOOPBACK);
      ::freeaddrinfo(found);
      if (loopback) return name.data();
    }
  }
  return "localhost";
}

TEST_F(Engine, HostNameResolvedThroughResolver) {
  // libcurl's threaded resolver wakes the multi through a socketpair: a
  // descriptor the engine did not open and must watch without owning.
  server_.on("/local", ServerResponse::text(200, "by name"));
  const fetch::Response r = fetch(server_.url_for_host(loopback_host_name(), "/local"));
  ASSERT_TRUE(r.ok()) << r.error.message;
  EXPECT_EQ(r.body, "by name");
}

TEST_F(Engine, ChunkedBodyAssembled) {
  ServerResponse page = ServerResponse::text(200, "<p>分块传输</p>", "text/html");
  page.chunked = true;
  server_.on("/chunked", page);
  const fetch::Response r = fetch(server_.url("/chunked"));
  ASSERT_TRUE(r.ok()) << r.error.message;
  EXPECT_EQ(r.body, "<p>分块传输</p>");
  EXPECT_TRUE(has_header(r, "transfer-encoding", "chunked"));
}

TEST_F(Engine, ConnectionCloseOpensNewConnection) {
  ServerResponse page = ServerResponse::text(200, "bye");
  page.close_after = true;
  server_.on("/close", page);
  fetch::Engine engine(io_, fast_options());
  int done = 0;
  engine.start({.url = server_.url("/close")}, [&](fetch::Response r) {
    EXPECT_EQ(r.body, "bye") << r.error.message;
    ++done;
    engine.start({.url = server_.url("/close")}, [&](fetch::Response again) {
      EXPECT_EQ(again.body, "bye") << again.error.message;
      ++done;
    });
  });
  ASSERT_TRUE(run_until([&] { return done == 2; }));
  EXPECT_EQ(server_.connections(), 2u);
}

// ---- Redirects --------------------------------------------------------------

TEST_F(Engine, FollowsRedirectChainOfThreeHops) {
  ServerResponse hop1 = ServerResponse::redirect(server_.url("/r2"), 301);
  hop1.headers.emplace_back("X-Hop", "1");
  server_.on("/r1", hop1);
  server_.on("/r2", ServerResponse::redirect("/r3", 302));  // relative Location
  server_.on("/r3", ServerResponse::redirect(server_.url("/final"), 307));
  ServerResponse final_page = ServerResponse::text(200, "arrived");
  final_page.headers.emplace_back("X-Final", "yes");
  server_.on("/final", final_page);

  const fetch::Response r = fetch(server_.url("/r1"));

  ASSERT_TRUE(r.ok()) << r.error.message;
  EXPECT_EQ(r.redirects, 3);
  EXPECT_EQ(r.url, server_.url("/r1"));
  EXPECT_EQ(r.final_url, server_.url("/final"));
  EXPECT_EQ(r.body, "arrived");
  EXPECT_TRUE(has_header(r, "x-final", "yes"));
  EXPECT_FALSE(has_header(r, "x-hop", "1"));  // a hop's headers are not the page's
}

TEST_F(Engine, RedirectLoopIsRedirectError) {
  server_.on("/loop", ServerResponse::redirect("/loop"));
  fetch::Options options = fast_options();
  options.max_redirects = 4;

  const fetch::Response r = fetch(server_.url("/loop"), options);

  EXPECT_EQ(r.error.code, ErrorCode::kRedirect) << r.error.message;
  EXPECT_NE(r.error.message.find("more than 4 redirects"), std::string::npos) << r.error.message;
  EXPECT_NE(r.error.message.find(server_.url("/loop")), std::string::npos);
  EXPECT_EQ(server_.requests("/loop"), 5u);
}

TEST_F(Engine, RedirectToFileUrlIsRedirectError) {
  server_.on("/tofile", ServerResponse::redirect("file:///etc/passwd"));
  // Even an operator-configured URL (file:// allowed) may not be redirected
  // into the file system.
  const fetch::Response r =
      fetch(fetch::Attempt{.url = server_.url("/tofile"), .allow_file = true});

  EXPECT_EQ(r.error.code, ErrorCode::kRedirect) << r.error.message;
  EXPECT_NE(r.error.message.find("non-http(s)"), std::string::npos) << r.error.message;
  EXPECT_EQ(r.body.find("root:"), std::string::npos);
}

// ---- file:// ----------------------------------------------------------------

// A small file in the temp directory, removed at scope exit.
class TempFile {
 public:
  explicit TempFile(const std::string& contents)
      : path_(std::filesystem::temp_directory_path() /
              ("jingwen-engine-test-" + std::to_string(::getpid()) + "-" +
               std::to_string(next_id_++) + ".html")) {
    std::ofstream(path_, std::ios::binary) << contents;
  }
  ~TempFile() { std::filesystem::remove(path_); }
  std::string url() const { return "file://" + path_.string(); }

 private:
  static inline int next_id_ = 0;
  std::filesystem::path path_;
};

TEST_F(Engine, FileUrlRefusedUnlessAllowed) {
  const TempFile file("<p>local feed</p>");
  const fetch::Response r = fetch(fetch::Attempt{.url = file.url(), .allow_file = false});
  EXPECT_EQ(r.error.code, ErrorCode::kBadUrl) << r.error.message;
  EXPECT_NE(r.error.message.find(file.url()), std::string::npos) << r.error.message;
  EXPECT_TRUE(r.body.empty());
}

TEST_F(Engine, FileUrlReadWhenAllowed) {
  const TempFile file("<p>local feed</p>");
  const fetch::Response r = fetch(fetch::Attempt{.url = file.url(), .allow_file = true});
  ASSERT_TRUE(r.ok()) << r.error.message;
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "<p>local feed</p>");
}

// ---- Conditional GET --------------------------------------------------------

constexpr char kEtag[] = "\"v1-abc\"";
constexpr char kLastModified[] = "Wed, 01 May 2024 08:00:00 GMT";

ServerResponse conditional_page(const ServerRequest& request) {
  ServerResponse r;
  r.headers = {{"ETag", kEtag}, {"Last-Modified", kLastModified}};
  if (request.header("If-None-Match") == kEtag) {
    r.status = 304;
    return r;
  }
  r.body = "fresh copy";
  return r;
}

TEST_F(Engine, ValidatorsOfOkResponseReported) {
  server_.on("/cond", conditional_page);
  const fetch::Response r = fetch(server_.url("/cond"));
  ASSERT_TRUE(r.ok()) << r.error.message;
  EXPECT_EQ(r.body, "fresh copy");
  EXPECT_EQ(r.validators.etag, kEtag);
  EXPECT_EQ(r.validators.last_modified, kLastModified);
  EXPECT_FALSE(r.unchanged);
}

TEST_F(Engine, NotModifiedIsOkAndUnchanged) {
  server_.on("/cond", conditional_page);
  fetch::Attempt attempt{.url = server_.url("/cond")};
  attempt.validators.etag = kEtag;
  attempt.validators.last_modified = kLastModified;
  const fetch::Response r = fetch(attempt);

  ASSERT_TRUE(r.ok()) << r.error.message;
  EXPECT_EQ(r.status, 304);
  EXPECT_TRUE(r.unchanged);
  EXPECT_TRUE(r.body.empty());
  const auto seen = server_.last_request("/cond");
  ASSERT_TRUE(seen.has_value());
  EXPECT_EQ(seen->header("If-None-Match"), kEtag);
  EXPECT_EQ(seen->header("If-Modified-Since"), kLastModified);
}

// ---- HTTP status errors -----------------------------------------------------

TEST_F(Engine, NotFoundIsHttpStatusError) {
  const fetch::Response r = fetch(server_.url("/missing"));
  EXPECT_EQ(r.error.code, ErrorCode::kHttpStatus);
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.error.message.find("HTTP 404 from " + server_.url("/missing")), std::string::npos)
      << r.error.message;
}

TEST_F(Engine, PreconditionFailedIsAntiBot) {
  server_.on("/wall", ServerResponse::text(412, "<script>challenge()</script>", "text/html"));
  const fetch::Response r = fetch(server_.url("/wall"));
  EXPECT_EQ(r.error.code, ErrorCode::kAntiBot) << r.error.message;
  EXPECT_EQ(r.status, 412);
  EXPECT_NE(r.error.message.find(server_.url("/wall")), std::string::npos);
}

TEST_F(Engine, ServiceUnavailableKeepsBodyAndRetryAfter) {
  ServerResponse busy = ServerResponse::text(503, "busy, come back later");
  busy.headers.emplace_back("Retry-After", "120");
  server_.on("/busy", busy);

  const fetch::Response r = fetch(server_.url("/busy"));

  EXPECT_EQ(r.error.code, ErrorCode::kHttpStatus);
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.body, "busy, come back later");
  EXPECT_EQ(r.retry_after, "120");
  EXPECT_NE(r.error.message.find("HTTP 503 from " + server_.url("/busy")), std::string::npos)
      << r.error.message;
}

// ---- Transport errors -------------------------------------------------------

TEST_F(Engine, ConnectionRefusedIsConnectError) {
  // A port that was just free: bind, read it, close.
  unsigned short port = 0;
  {
    boost::asio::ip::tcp::acceptor probe(io_, {boost::asio::ip::make_address_v4("127.0.0.1"), 0});
    port = probe.local_endpoint().port();
  }
  const std::string url = "http://127.0.0.1:" + std::to_string(port) + "/";

  const fetch::Response r = fetch(url);

  EXPECT_EQ(r.error.code, ErrorCode::kConnect) << r.error.message;
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.error.message.find(url), std::string::npos) << r.error.message;
}

TEST_F(Engine, UnsupportedSchemeIsBadUrl) {
  const fetch::Response r = fetch("ftp://127.0.0.1/pub/");
  EXPECT_EQ(r.error.code, ErrorCode::kBadUrl) << r.error.message;
  EXPECT_NE(r.error.message.find("ftp://127.0.0.1/pub/"), std::string::npos) << r.error.message;
}

TEST_F(Engine, MalformedUrlIsBadUrl) {
  const fetch::Response r = fetch("http://exa mple.com:99999999/");
  EXPECT_EQ(r.error.code, ErrorCode::kBadUrl) << r.error.message;
}

TEST_F(Engine, StartNeverCallsDoneInline) {
  fetch::Engine engine(io_, fast_options());
  std::optional<fetch::Response> got;
  engine.start({.url = "http://127.0.0.1/" + std::string(10'000, 'a')},
               [&](fetch::Response r) { got = std::move(r); });
  EXPECT_FALSE(got.has_value());  // not from inside start()
  ASSERT_TRUE(run_until([&] { return got.has_value(); }));
  EXPECT_EQ(got->error.code, ErrorCode::kBadUrl) << got->error.message;
}

TEST_F(Engine, ResponseHeadersTooLargeIsNetworkError) {
  ServerResponse noisy = ServerResponse::text(200, "ok");
  for (int i = 0; i < 300; ++i) noisy.headers.emplace_back("X-Filler-" + std::to_string(i), "v");
  server_.on("/noisy", noisy);

  const fetch::Response r = fetch(server_.url("/noisy"));

  EXPECT_EQ(r.error.code, ErrorCode::kNetwork) << r.error.message;
  EXPECT_NE(r.error.message.find("response headers too large"), std::string::npos)
      << r.error.message;
}

// ---- Timeouts -------------------------------------------------------------------

TEST_F(Engine, SlowDripCutByLowSpeedLimit) {
  ServerResponse drip = ServerResponse::text(200, std::string(100, 'd'));
  drip.drip = 200ms;  // 5 bytes/s
  server_.on("/drip", drip);
  fetch::Options options = fast_options();
  options.low_speed_bytes = 100;
  options.low_speed_time = 1000ms;

  const auto started = std::chrono::steady_clock::now();
  const fetch::Response r = fetch(server_.url("/drip"), options);

  EXPECT_EQ(r.error.code, ErrorCode::kTimeout) << r.error.message;
  EXPECT_NE(r.error.message.find("low-speed"), std::string::npos) << r.error.message;
  EXPECT_TRUE(r.body.empty());  // a cut-off body is never handed on
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
}

TEST_F(Engine, SlowlorisHeadersCutByTotalTimeout) {
  ServerResponse slowloris = ServerResponse::text(200, "never seen");
  slowloris.drip = 50ms;  // the status line alone takes most of a second
  slowloris.drip_head = true;
  server_.on("/slowloris", slowloris);
  fetch::Options options = fast_options();
  options.total_timeout = 300ms;

  const fetch::Response r = fetch(server_.url("/slowloris"), options);

  EXPECT_EQ(r.error.code, ErrorCode::kTimeout) << r.error.message;
  EXPECT_EQ(r.status, 0);  // no complete status line arrived
  EXPECT_TRUE(r.body.empty());
}

TEST_F(Engine, DelayedResponseHitsTotalTimeout) {
  ServerResponse late = ServerResponse::text(200, "too late");
  late.delay = 3s;
  server_.on("/late", late);
  fetch::Options options = fast_options();
  options.total_timeout = 200ms;

  const auto started = std::chrono::steady_clock::now();
  const fetch::Response r = fetch(server_.url("/late"), options);

  EXPECT_EQ(r.error.code, ErrorCode::kTimeout) << r.error.message;
  EXPECT_NE(r.error.message.find("total timeout (200 ms)"), std::string::npos) << r.error.message;
  EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);
}

TEST_F(Engine, ResetMidBodyIsNetworkError) {
  ServerResponse cut = ServerResponse::text(200, std::string(4000, 'c'), "text/html");
  cut.reset_after = 1000;
  server_.on("/cut", cut);

  const fetch::Response r = fetch(server_.url("/cut"), fast_options());

  EXPECT_EQ(r.error.code, ErrorCode::kNetwork) << r.error.message;
  EXPECT_TRUE(r.body.empty());  // a partial body is never handed on
}

// ---- Caps -------------------------------------------------------------------------

TEST_F(Engine, SizedEndlessBodyArrivesWhole) {
  ServerResponse big;
  big.body = "ab";
  big.endless = true;
  big.content_length = std::size_t{3} << 20;
  server_.on("/big", big);

  const fetch::Response r = fetch(server_.url("/big"), fast_options());

  ASSERT_TRUE(r.ok()) << r.error.message;
  ASSERT_EQ(r.body.size(), std::size_t{3} << 20);
  EXPECT_EQ(r.body.substr(0, 6), "ababab");
  EXPECT_EQ(r.body.find_first_not_of("ab"), std::string::npos);
}

TEST_F(Engine, EndlessBodyStoppedAtBodyCap) {
  ServerResponse endless;
  endless.endless = true;
  server_.on("/endless", endless);
  fetch::Options options = fast_options();
  options.max_body_bytes = 256u << 10;

  const fetch::Response r = fetch(server_.url("/endless"), options);

  EXPECT_EQ(r.error.code, ErrorCode::kTooLarge) << r.error.message;
  EXPECT_NE(r.error.message.find("body over 262144 bytes"), std::string::npos) << r.error.message;
  EXPECT_TRUE(r.body.empty());
}

TEST_F(Engine, ContentLengthOverCapRefusedWithoutReading) {
  ServerResponse huge = ServerResponse::text(200, std::string(1000, 'h'));
  huge.content_length = std::size_t{1} << 30;  // announced, never sent
  server_.on("/huge", huge);
  fetch::Options options = fast_options();
  options.max_body_bytes = 1u << 20;

  const fetch::Response r = fetch(server_.url("/huge"), options);

  EXPECT_EQ(r.error.code, ErrorCode::kTooLarge) << r.error.message;
  EXPECT_NE(r.error.message.find("Content-Length over 1048576 bytes"), std::string::npos)
      << r.error.message;
  EXPECT_TRUE(r.body.empty());
}

TEST_F(Engine, GzipBombStoppedAtDecodedCap) {
  const std::string bomb = testsupport::gzip_zeros(64u << 20);
  ASSERT_LT(bomb.size(), 1u << 20);  // small on the wire: only the decoded cap can catch it
  ServerResponse page = ServerResponse::text(200, bomb, "text/html");
  page.headers.emplace_back("Content-Encoding", "gzip");
  server_.on("/bomb", page);
  fetch::Options options = fast_options();
  options.max_decoded_bytes = 4u << 20;

  const fetch::Response r = fetch(server_.url("/bomb"), options);

  EXPECT_EQ(r.error.code, ErrorCode::kTooLarge) << r.error.message;
  EXPECT_NE(r.error.message.find("decoded body over 4194304 bytes (compression bomb?)"),
            std::string::npos)
      << r.error.message;
  EXPECT_TRUE(r.body.empty());
}

// ---- Cancellation, concurrency, teardown ------------------------------------------

TEST_F(Engine, CancelAllCompletesRunningTransfersWithCancelled) {
  ServerResponse slow = ServerResponse::text(200, "slow");
  slow.delay = 10s;
  server_.on("/slow", slow);
  server_.on("/fast", ServerResponse::text(200, "fast"));
  fetch::Engine engine(io_, fast_options());
  std::vector<std::string> order;
  std::optional<fetch::Response> restarted;
  for (int i = 0; i < 3; ++i) {
    const std::string url = server_.url("/slow") + "?n=" + std::to_string(i);
    engine.start({.url = url}, [&, url](fetch::Response r) {
      EXPECT_EQ(r.error.code, ErrorCode::kCancelled) << r.error.message;
      EXPECT_EQ(r.url, url);
      EXPECT_EQ(engine.in_flight(), order.size() == 0 ? 0u : 1u);
      order.push_back(r.url);
      // A callback may start again; that transfer is not cancelled.
      if (order.size() == 1) {
        engine.start({.url = server_.url("/fast")},
                     [&](fetch::Response again) { restarted = std::move(again); });
      }
    });
  }
  ASSERT_TRUE(run_until([&] { return server_.in_flight() == 3; }));
  EXPECT_EQ(engine.in_flight(), 3u);

  engine.cancel_all();

  ASSERT_EQ(order.size(), 3u);  // completed inside cancel_all(), in start order
  for (int i = 0; i < 3; ++i) EXPECT_EQ(order[i], server_.url("/slow") + "?n=" + std::to_string(i));
  ASSERT_TRUE(run_until([&] { return restarted.has_value(); }));
  EXPECT_TRUE(restarted->ok()) << restarted->error.message;
  EXPECT_EQ(restarted->body, "fast");
}

TEST_F(Engine, TwoHundredConcurrentTransfersAllComplete) {
  constexpr int kTransfers = 200;
  server_.on("/item", [](const ServerRequest& request) {
    ServerResponse r = ServerResponse::text(200, "item " + request.query);
    r.delay = 20ms;  // long enough for the transfers to overlap
    return r;
  });
  fetch::Engine engine(io_, fast_options());
  std::map<std::string, std::string> bodies;
  int failures = 0;
  for (int i = 0; i < kTransfers; ++i) {
    engine.start({.url = server_.url("/item") + "?" + std::to_string(i)}, [&](fetch::Response r) {
      if (!r.ok()) {
        ++failures;
        ADD_FAILURE() << r.error.message;
      }
      bodies[r.url] = r.body;
    });
  }
  ASSERT_TRUE(run_until([&] { return bodies.size() + failures == kTransfers; }));
  EXPECT_EQ(failures, 0);
  for (int i = 0; i < kTransfers; ++i) {
    EXPECT_EQ(bodies[server_.url("/item") + "?" + std::to_string(i)], "item " + std::to_string(i));
  }
  EXPECT_GT(server_.max_in_flight(), 1u);
  EXPECT_EQ(engine.in_flight(), 0u);
}

TEST_F(Engine, DestroyedWithTransfersRunningAbandonsThem) {
  ServerResponse slow = ServerResponse::text(200, "slow");
  slow.delay = 10s;
  server_.on("/slow", slow);
  ServerResponse endless;
  endless.endless = true;
  endless.drip = 5ms;  // streams for ever without reaching the body cap
  server_.on("/endless", endless);
  int callbacks = 0;
  {
    fetch::Engine engine(io_, fast_options());
    for (int i = 0; i < 4; ++i) {
      engine.start({.url = server_.url("/slow") + "?" + std::to_string(i)},
                   [&](fetch::Response) { ++callbacks; });
    }
    engine.start({.url = server_.url("/endless")}, [&](fetch::Response) { ++callbacks; });
    ASSERT_TRUE(run_until([&] { return server_.requests() == 5; }));
    io_.run_for(50ms);  // the endless body is streaming now
    EXPECT_EQ(engine.in_flight(), 5u);
    // A failure posted by start() but not yet delivered is abandoned too.
    engine.start({.url = "http://127.0.0.1/" + std::string(10'000, 'a')},
                 [&](fetch::Response) { ++callbacks; });
  }
  // Whatever the destroyed engine left queued runs now, and must do nothing.
  io_.restart();
  io_.run_for(100ms);
  EXPECT_EQ(callbacks, 0);
}

TEST_F(Engine, CallbackMayDestroyEngine) {
  server_.on("/a", ServerResponse::text(200, "a"));
  auto engine = std::make_unique<fetch::Engine>(io_, fast_options());
  int callbacks = 0;
  for (int i = 0; i < 3; ++i) {
    engine->start({.url = server_.url("/a")}, [&](fetch::Response) {
      ++callbacks;
      engine.reset();  // the others are abandoned
    });
  }
  ASSERT_TRUE(run_until([&] { return engine == nullptr; }));
  io_.restart();
  io_.run_for(100ms);
  EXPECT_EQ(callbacks, 1);
}

// ---- translate(): the CURLcode mapping, for codes a loopback test cannot provoke --

fetch::Outcome outcome(CURLcode result, std::string message = "curl says no") {
  fetch::Outcome o;
  o.result = result;
  o.curl_message = std::move(message);
  o.url = "https://example.gov.cn/a.html";
  o.final_url = o.url;
  return o;
}

TEST_F(Engine, TranslateTlsFailuresToTls) {
  for (CURLcode code :
       {CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CACERT_BADFILE}) {
    const fetch::Error e = fetch::translate(outcome(code), fetch::Options{});
    EXPECT_EQ(e.code, ErrorCode::kTls) << curl_easy_strerror(code);
    EXPECT_NE(e.message.find("https://example.gov.cn/a.html"), std::string::npos);
  }
}

TEST_F(Engine, TranslateResolveFailuresToDns) {
  EXPECT_EQ(fetch::translate(outcome(CURLE_COULDNT_RESOLVE_HOST), {}).code, ErrorCode::kDns);
  EXPECT_EQ(fetch::translate(outcome(CURLE_COULDNT_RESOLVE_PROXY), {}).code, ErrorCode::kDns);
}

TEST_F(Engine, TranslateTimeoutNamesWhichLimit) {
  fetch::Options options;
  options.connect_timeout = 5000ms;
  options.total_timeout = 30000ms;
  fetch::Outcome connect = outcome(CURLE_OPERATION_TIMEDOUT, "Connection timed out after 5001 ms");
  EXPECT_NE(fetch::translate(connect, options).message.find("connect timeout (5000 ms)"),
            std::string::npos);
  fetch::Outcome total = outcome(CURLE_OPERATION_TIMEDOUT, "Operation timed out after 30000 ms");
  total.connected = true;
  EXPECT_NE(fetch::translate(total, options).message.find("total timeout (30000 ms)"),
            std::string::npos);
}

TEST_F(Engine, TranslateOtherFailuresToNetworkWithCurlText) {
  const fetch::Error e =
      fetch::translate(outcome(CURLE_RECV_ERROR, "Connection reset by peer"), {});
  EXPECT_EQ(e.code, ErrorCode::kNetwork);
  EXPECT_NE(e.message.find("Connection reset by peer"), std::string::npos);
  EXPECT_NE(e.message.find("https://example.gov.cn/a.html"), std::string::npos);
}

TEST_F(Engine, LowSpeedTimeRoundsUpToWholeSeconds) {
  EXPECT_EQ(fetch::low_speed_seconds(0ms), 1);
  EXPECT_EQ(fetch::low_speed_seconds(1000ms), 1);
  EXPECT_EQ(fetch::low_speed_seconds(1001ms), 2);
  EXPECT_EQ(fetch::low_speed_seconds(15000ms), 15);
}

}  // namespace
