// metrics_listen: /metrics in the Prometheus text format with the counters
// the log reports too, and /healthz, from the running daemon.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <csignal>
#include <regex>
#include <sstream>

#include "tests/e2e/e2e_test.h"

namespace e2e {
namespace {

// One HTTP/1.1 exchange over a plain socket: the whole response, "" when
// the connection failed.
std::string http(int port, const std::string& request) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string response;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::send(fd, request.data(), request.size(), 0) == static_cast<ssize_t>(request.size())) {
    char buf[4096];
    for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;) response.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return response;
}

std::string get(int port, const std::string& path) { return http(port, "GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n"); }

// The value of the sample `name` (labels included, as printed), or -1.
double sample(const std::string& body, const std::string& name) {
  std::istringstream in(body);
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with(name + " ")) return std::stod(line.substr(name.size() + 1));
  }
  return -1;
}

class MetricsTest : public E2eTest {};

TEST_F(MetricsTest, ScrapeCountsWhatTheLogSays) {
  put_netease("/a/1.html", park_story());
  put_netease("/a/2.html", library_story());
  put_netease("/a/3.html", park_story_reposted());  // a near-duplicate of 1
  serve_page(server, "/a/4.html", error_page());    // a soft 404: not an article
  serve_feed(server, "/rss.xml",
             rss_feed("网易号", url("/"),
                      {entry("/a/1.html", park_story()), entry("/a/2.html", library_story()),
                       entry("/a/3.html", park_story_reposted()), entry("/a/4.html", irrigation_notice()),
                       entry("/a/5.html", hydrogen_story())}));  // 5: a 404
  config.feeds = {rss_spec("netease", "/rss.xml")};
  config.per_host_concurrency = 1;  // 1 before 3: the duplicate is the later one
  config.extra = {"metrics_listen = \"127.0.0.1:0\""};
  auto daemon = start_daemon("metrics");
  const auto listening = daemon->wait_for_log("metrics-listening");
  ASSERT_TRUE(listening.has_value()) << DaemonLog(*daemon);
  const std::string address = listening->get("address");
  const int port = std::stoi(address.substr(address.rfind(':') + 1));
  // Each article's last line: "article-fetched" comes before cleaning, so it
  // would not wait for the drops counted after it.
  ASSERT_TRUE(DaemonProcess::wait_until([&] {
    return daemon->events("spooled").size() == 2 && daemon->events("duplicate").size() == 1 &&
           daemon->events("skipped").size() == 1 && daemon->events("article-failed").size() == 1;
  }))
      << DaemonLog(*daemon);

  const std::string response = get(port, "/metrics");
  ASSERT_TRUE(response.starts_with("HTTP/1.1 200 OK\r\n")) << response;
  EXPECT_NE(response.find("Content-Type: text/plain; version=0.0.4"), std::string::npos);
  const std::string body = response.substr(response.find("\r\n\r\n") + 4);
  EXPECT_EQ(sample(body, "jingwen_feeds"), 1);
  EXPECT_EQ(sample(body, "jingwen_articles_spooled_total"), 2);
  EXPECT_EQ(sample(body, "jingwen_articles_dropped_total{reason=\"near-duplicate\"}"), 1);
  EXPECT_EQ(sample(body, "jingwen_articles_dropped_total{reason=\"not-article\"}"), 1);
  EXPECT_EQ(sample(body, "jingwen_articles_dropped_total{reason=\"fetch-failed\"}"), 1);
  EXPECT_EQ(sample(body, "jingwen_fetches_total{kind=\"article\",class=\"2xx\"}"), 4);
  EXPECT_EQ(sample(body, "jingwen_fetches_total{kind=\"article\",class=\"4xx\"}"), 1);
  EXPECT_GE(sample(body, "jingwen_fetches_total{kind=\"feed\",class=\"2xx\"}"), 1);
  EXPECT_EQ(sample(body, "jingwen_fetch_duration_seconds_count{kind=\"article\"}"), 5);
  EXPECT_EQ(sample(body, "jingwen_fetch_duration_seconds_bucket{kind=\"article\",le=\"+Inf\"}"), 5);
  EXPECT_EQ(sample(body, "jingwen_clean_duration_seconds_count"), 4);
  EXPECT_EQ(sample(body, "jingwen_spool_backlog"), 2);
  EXPECT_EQ(sample(body, "jingwen_article_queue_length"), 0);
  // Every line a comment or a sample of the text format.
  const std::regex line_shape(R"(^(# (HELP|TYPE) .*|[a-z_]+(\{[a-z_]+="[^"]*"(,[a-z_]+="[^"]*")*\})? [0-9.e+-]+)$)");
  std::istringstream lines(body);
  for (std::string line; std::getline(lines, line);) EXPECT_TRUE(std::regex_match(line, line_shape)) << line;

  EXPECT_TRUE(get(port, "/healthz").starts_with("HTTP/1.1 200 OK")) << get(port, "/healthz");
  EXPECT_TRUE(get(port, "/nope").starts_with("HTTP/1.1 404")) << get(port, "/nope");
  EXPECT_TRUE(http(port, "POST /metrics HTTP/1.1\r\nContent-Length: 0\r\n\r\n").starts_with("HTTP/1.1 405"));

  // The exit's summary reads the same counters.
  ASSERT_TRUE(daemon->send(SIGTERM));
  ASSERT_TRUE(daemon->wait_exit().has_value());
  const auto total = daemon->wait_for_log("summary-total");
  ASSERT_TRUE(total.has_value()) << DaemonLog(*daemon);
  EXPECT_EQ(total->get("spooled"), "2");
  EXPECT_EQ(total->get("duplicates"), "1");
  EXPECT_EQ(total->get("skipped"), "1");
}

TEST_F(MetricsTest, AListenerThatCannotBindStopsTheStart) {
  config.extra = {"metrics_listen = \"127.0.0.1:" + std::to_string(server.port()) + "\""};  // taken
  auto run = run_once("taken");
  EXPECT_TRUE(ExitedWith(*run, 1)) << StatusOf(*run) << "\n" << DaemonLog(*run);
  const auto error = run->wait_for_log("error");
  ASSERT_TRUE(error.has_value()) << DaemonLog(*run);
  EXPECT_NE(error->get("message").find("metrics_listen 127.0.0.1:" + std::to_string(server.port())),
            std::string::npos)
      << error->raw;
}

}  // namespace
}  // namespace e2e
