// The /metrics listener: asio's HTTP server example cut down to one
// request per connection. Each connection owns its socket, buffer and
// deadline timer and is kept alive by its pending handlers; the server lists
// the open ones in accept order, so that a new connection can take the slot
// of the oldest one still waiting for its request head.
#include "daemon/metrics_server.h"

#include <algorithm>
#include <boost/asio/read_until.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <istream>
#include <vector>

namespace jingwend {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using boost::system::error_code;

constexpr std::size_t kMaxRequestHead = 8u << 10;
// From accept to the head's blank line. A scraper sends its head at once;
// this only bounds how long an idle socket keeps its slot when no new
// connection needs it.
constexpr std::chrono::seconds kRequestHeadDeadline{2};
// From the head to the reply's last byte: a client that does not read.
constexpr std::chrono::seconds kReplyDeadline{5};
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

class Connection;

}  // namespace

struct MetricsServer::Impl : std::enable_shared_from_this<MetricsServer::Impl> {
  Impl(asio::io_context& io, Handler h) : acceptor(io), handler(std::move(h)) {}
  void accept();
  void admit(tcp::socket socket);
  std::shared_ptr<Connection> to_evict() const;

  tcp::acceptor acceptor;
  Handler handler;
  std::vector<std::shared_ptr<Connection>> open;  // oldest first; a connection leaves when it closes
  bool closed = false;
};

namespace {

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(std::shared_ptr<MetricsServer::Impl> server, tcp::socket socket)
      : server_(std::move(server)), socket_(std::move(socket)), timer_(socket_.get_executor()), in_(kMaxRequestHead) {}

  void start() {
    arm(kRequestHeadDeadline);
    asio::async_read_until(socket_, in_, "\r\n\r\n", [self = shared_from_this()](const error_code& ec, std::size_t) {
      // Closed, too large (streambuf max_size), cancelled, or read just as the
      // connection was evicted or the server closed.
      if (ec || !self->socket_.is_open() || self->server_->closed) return self->close();
      self->answering_ = true;
      self->arm(kReplyDeadline);
      self->answer();
    });
  }

  // True once the request head is in: the reply is being made or written.
  bool answering() const { return answering_; }

  // Closes the socket (pending handlers end with operation_aborted) and
  // gives up the slot. Idempotent.
  void close() {
    timer_.cancel();
    error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
    std::erase(server_->open, shared_from_this());
  }

 private:
  void arm(std::chrono::seconds deadline) {
    timer_.expires_after(deadline);  // cancels the wait for the previous deadline
    timer_.async_wait([self = shared_from_this()](const error_code& ec) {
      if (!ec) self->close();
    });
  }

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
    asio::async_write(socket_, asio::buffer(out_),
                      [self = shared_from_this()](const error_code&, std::size_t) { self->close(); });
  }

  std::shared_ptr<MetricsServer::Impl> server_;
  tcp::socket socket_;
  asio::steady_timer timer_;
  asio::streambuf in_;
  std::string out_;
  bool answering_ = false;
};

}  // namespace

// Never waits for a slot: a full house cannot stall the accept, so idle
// sockets cannot keep /healthz from being answered.
void MetricsServer::Impl::accept() {
  acceptor.async_accept([self = shared_from_this()](const error_code& ec, tcp::socket socket) {
    if (self->closed || ec == asio::error::operation_aborted) return;
    if (!ec) self->admit(std::move(socket));
    self->accept();
  });
}

void MetricsServer::Impl::admit(tcp::socket socket) {
  if (open.size() >= kMaxConnections) to_evict()->close();
  auto connection = std::make_shared<Connection>(shared_from_this(), std::move(socket));
  open.push_back(connection);
  connection->start();
}

// The slot a new connection takes when all are in use: the oldest connection
// still waiting for its request head (an idle or slow client; a scraper's
// head arrives with its connect), else the oldest being answered (a client
// not reading its reply). Every peer on loopback has the same address, so a
// limit per peer would be the same as this global one; the newest connection
// wins instead, and the sockets an attacker holds open only rotate.
std::shared_ptr<Connection> MetricsServer::Impl::to_evict() const {
  const auto waiting = std::find_if(open.begin(), open.end(), [](const auto& c) { return !c->answering(); });
  return waiting != open.end() ? *waiting : open.front();
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
  const std::vector<std::shared_ptr<Connection>> open = std::move(impl_->open);
  impl_->open.clear();
  for (const auto& connection : open) connection->close();
}

}  // namespace jingwend
