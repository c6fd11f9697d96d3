// The /metrics listener: asio's HTTP server example cut down to one
// request per connection. Each connection owns its socket, buffer and
// deadline timer and is kept alive by its pending handlers.
#include "daemon/metrics_server.h"

#include <boost/asio/read_until.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <istream>
#include <set>

namespace jingwend {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using boost::system::error_code;

constexpr std::size_t kMaxRequestHead = 8u << 10;
constexpr std::chrono::seconds kRequestDeadline{5};
constexpr std::size_t kMaxConnections = 16;

std::string_view reason(int status) {
  switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 503: return "Service Unavailable";
    default: return "Error";
  }
}

}  // namespace

struct MetricsServer::Impl : std::enable_shared_from_this<MetricsServer::Impl> {
  Impl(asio::io_context& io, Handler h) : acceptor(io), handler(std::move(h)) {}
  void accept();

  tcp::acceptor acceptor;
  Handler handler;
  std::set<std::shared_ptr<tcp::socket>> open;  // to close them on close()
  bool closed = false;
};

namespace {

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(std::shared_ptr<MetricsServer::Impl> server, std::shared_ptr<tcp::socket> socket)
      : server_(std::move(server)), socket_(std::move(socket)), timer_(socket_->get_executor()), in_(kMaxRequestHead) {}

  void start() {
    timer_.expires_after(kRequestDeadline);
    timer_.async_wait([self = shared_from_this()](const error_code& ec) {
      if (!ec) self->done();  // too slow: a slowloris holds no slot
    });
    asio::async_read_until(*socket_, in_, "\r\n\r\n", [self = shared_from_this()](const error_code& ec, std::size_t) {
      if (ec) return self->done();  // closed, too large (streambuf max_size) or cancelled
      self->answer();
    });
  }

 private:
  void answer() {
    std::istream head(&in_);
    std::string method, target, version;
    head >> method >> target >> version;
    HttpReply reply;
    if (method.empty() || target.empty() || !version.starts_with("HTTP/")) {
      reply = {.status = 400, .body = "bad request\n"};
    } else if (method != "GET" && method != "HEAD") {
      reply = {.status = 405, .body = "GET only\n"};
    } else {
      reply = server_->handler(std::string_view(target).substr(0, target.find('?')));
    }
    out_ = "HTTP/1.1 " + std::to_string(reply.status) + " " + std::string(reason(reply.status)) +
           "\r\nContent-Type: " + reply.content_type + "\r\nContent-Length: " + std::to_string(reply.body.size()) +
           "\r\nConnection: close\r\n\r\n";
    if (method != "HEAD") out_ += reply.body;
    asio::async_write(*socket_, asio::buffer(out_),
                      [self = shared_from_this()](const error_code&, std::size_t) { self->done(); });
  }

  void done() {
    timer_.cancel();
    error_code ignored;
    socket_->shutdown(tcp::socket::shutdown_both, ignored);
    socket_->close(ignored);
    server_->open.erase(socket_);
  }

  std::shared_ptr<MetricsServer::Impl> server_;
  std::shared_ptr<tcp::socket> socket_;
  asio::steady_timer timer_;
  asio::streambuf in_;
  std::string out_;
};

}  // namespace

void MetricsServer::Impl::accept() {
  acceptor.async_accept([self = shared_from_this()](const error_code& ec, tcp::socket socket) {
    if (self->closed || ec == asio::error::operation_aborted) return;
    if (!ec) {
      auto s = std::make_shared<tcp::socket>(std::move(socket));
      if (self->open.size() >= kMaxConnections) {
        error_code ignored;
        s->close(ignored);
      } else {
        self->open.insert(s);
        std::make_shared<Connection>(self, s)->start();
      }
    }
    self->accept();
  });
}

MetricsServer::MetricsServer(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}

MetricsServer::~MetricsServer() { close(); }

std::unique_ptr<MetricsServer> MetricsServer::listen(asio::io_context& io, const std::string& host,
                                                     unsigned short port, Handler handler, std::string* error) {
  auto impl = std::make_shared<Impl>(io, std::move(handler));
  error_code ec;
  const asio::ip::address address = asio::ip::make_address(host, ec);
  const tcp::endpoint endpoint(address, port);
  if (!ec) impl->acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl->acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) impl->acceptor.bind(endpoint, ec);
  if (!ec) impl->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    *error = "metrics_listen " + host + ":" + std::to_string(port) + ": " + ec.message();
    return nullptr;
  }
  impl->accept();
  return std::unique_ptr<MetricsServer>(new MetricsServer(std::move(impl)));
}

unsigned short MetricsServer::port() const {
  error_code ec;
  return impl_->acceptor.local_endpoint(ec).port();
}

void MetricsServer::close() {
  if (impl_->closed) return;
  impl_->closed = true;
  error_code ignored;
  impl_->acceptor.close(ignored);
  for (const auto& s : impl_->open) s->close(ignored);
  impl_->open.clear();
}

}  // namespace jingwend
