// daemon/metrics_server.h on a real io_context and real loopback sockets:
// idle and half-sent requests cannot keep /healthz from being answered.
#include "daemon/metrics_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace jingwend {
namespace {

// More than the server's 16 slots.
constexpr int kIdleConnections = 20;
// Only bounds a hang when the server never answers; no assertion is timed.
constexpr std::chrono::seconds kClientTimeout{10};

// A blocking TCP connection to 127.0.0.1:port, closed with the object.
class Client {
 public:
  explicit Client(unsigned short port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    const timeval timeout{.tv_sec = kClientTimeout.count(), .tv_usec = 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~Client() { ::close(fd_); }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  bool connected() const { return connected_; }
  bool send(std::string_view data) {
    return ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(data.size());
  }
  // Everything until the server closes ("" when it closed at once).
  std::string read_all() {
    std::string out;
    char buf[64 << 10];
    for (ssize_t n; (n = ::recv(fd_, buf, sizeof buf, 0)) > 0;) out.append(buf, static_cast<std::size_t>(n));
    return out;
  }

 private:
  int fd_;
  bool connected_ = false;
};

std::string get(unsigned short port, std::string_view path) {
  Client client(port);
  if (!client.connected() || !client.send("GET " + std::string(path) + " HTTP/1.1\r\nHost: x\r\n\r\n")) return "";
  return client.read_all();
}

// Connections that never finish a request head: half of them send nothing,
// half a request line without the blank line that ends the head.
void open_idle(unsigned short port, std::vector<std::unique_ptr<Client>>& idle) {
  for (int i = 0; i < kIdleConnections; ++i) {
    auto client = std::make_unique<Client>(port);
    ASSERT_TRUE(client->connected());
    if (i % 2 == 1) {
      ASSERT_TRUE(client->send("GET /healthz HTTP/1.1\r\n"));
    }
    idle.push_back(std::move(client));
  }
}

class MetricsServerTest : public ::testing::Test {
 protected:
  void start(MetricsServer::Handler handler) {
    std::string error;
    server_ = MetricsServer::listen(io_, "127.0.0.1", 0, std::move(handler), &error);
    ASSERT_NE(server_, nullptr) << error;
    port_ = server_->port();
    thread_ = std::thread([this] { io_.run(); });
  }
  void TearDown() override {
    io_.stop();
    if (thread_.joinable()) thread_.join();
    server_.reset();
  }

  boost::asio::io_context io_;
  std::unique_ptr<MetricsServer> server_;
  std::thread thread_;
  unsigned short port_ = 0;
};

HttpReply healthz_or_404(std::string_view path) {
  if (path == "/healthz") return {.body = "ok\n"};
  return {.status = 404, .body = "not found\n"};
}

// Issue 18 item 6: sixteen idle connections, renewed before the head
// deadline, used to take every slot, and each /healthz was closed on accept.
TEST_F(MetricsServerTest, IdleConnectionsNeverKeepHealthzOut) {
  start(healthz_or_404);
  std::vector<std::unique_ptr<Client>> idle;  // kept open: each round adds more
  for (int round = 0; round < 3; ++round) {
    open_idle(port_, idle);
    const std::string response = get(port_, "/healthz");
    EXPECT_TRUE(response.starts_with("HTTP/1.1 200 OK\r\n")) << "round " << round << ": " << response;
    EXPECT_TRUE(response.ends_with("\r\n\r\nok\n")) << response;
  }
}

// A reply being written is not what a new connection displaces while idle
// connections hold slots: a scrape of a large /metrics still arrives whole.
TEST_F(MetricsServerTest, AReplyBeingWrittenKeepsItsSlotOverIdleConnections) {
  // Larger than loopback's socket buffers, so the write waits for the reader.
  const std::string big(8u << 20, 'm');
  std::promise<void> big_requested;
  start([&](std::string_view path) {
    if (path != "/metrics") return healthz_or_404(path);
    big_requested.set_value();
    return HttpReply{.body = big};
  });
  Client scrape(port_);
  ASSERT_TRUE(scrape.connected());
  ASSERT_TRUE(scrape.send("GET /metrics HTTP/1.1\r\n\r\n"));
  ASSERT_EQ(big_requested.get_future().wait_for(kClientTimeout), std::future_status::ready);

  std::vector<std::unique_ptr<Client>> idle;
  open_idle(port_, idle);
  EXPECT_TRUE(get(port_, "/healthz").starts_with("HTTP/1.1 200 OK\r\n"));

  const std::string response = scrape.read_all();
  ASSERT_TRUE(response.starts_with("HTTP/1.1 200 OK\r\n")) << response.substr(0, 200);
  EXPECT_TRUE(response.ends_with("\r\n\r\n" + big)) << response.size();
}

}  // namespace
}  // namespace jingwend
