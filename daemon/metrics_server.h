// The optional HTTP listener for /metrics and /healthz (config key
// `metrics_listen`, loopback only, off by default). Deliberately small: GET
// and HEAD only, one request per connection (Connection: close), a request
// head of at most 8 KiB within 2 s of the connect, the reply written within
// 5 s, at most 16 connections at once. A connection over the limit is still
// taken: it closes the oldest connection waiting for its request head (or,
// when every one is being answered, the oldest of those), so idle sockets
// cannot keep a /healthz probe out. Runs on the daemon's io_context: a
// scrape sees the loop's own state, and a loop that hangs stops answering
// /healthz.
#ifndef JINGWEN_DAEMON_METRICS_SERVER_H_
#define JINGWEN_DAEMON_METRICS_SERVER_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace jingwend {

struct HttpReply {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body = {};
};

class MetricsServer {
 public:
  // Answers a GET for `path` (query removed). Called on the io_context's thread.
  using Handler = std::function<HttpReply(std::string_view path)>;

  // Binds host:port (port 0: any free one) and starts accepting; nullptr
  // with `error` ("metrics_listen 127.0.0.1:9464: Address already in use").
  static std::unique_ptr<MetricsServer> listen(boost::asio::io_context& io, const std::string& host,
                                               unsigned short port, Handler handler, std::string* error);
  ~MetricsServer();
  MetricsServer(const MetricsServer&) = delete;
  MetricsServer& operator=(const MetricsServer&) = delete;

  unsigned short port() const;
  // Stops accepting and closes open connections.
  void close();

  struct Impl;  // internal to metrics_server.cc (its connections share it)

 private:
  explicit MetricsServer(std::shared_ptr<Impl> impl);
  std::shared_ptr<Impl> impl_;
};

}  // namespace jingwend

#endif  // JINGWEN_DAEMON_METRICS_SERVER_H_
