#include "tests/support/http_server.h"

#include <strings.h>
#include <brotli/encode.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <charconv>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <unordered_map>

namespace testsupport {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using boost::system::error_code;

constexpr std::size_t kReadChunkBytes = 16u << 10;
// An endless body is written in pieces of about this size.
constexpr std::size_t kEndlessPieceBytes = 16u << 10;
// After a failed accept (out of descriptors ...) wait before the next one
// rather than spin.
constexpr Millis kAcceptRetry{10};
constexpr std::size_t kZlibBlockBytes = 64u << 10;

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

std::string_view reason_phrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 204:
      return "No Content";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 303:
      return "See Other";
    case 304:
      return "Not Modified";
    case 307:
      return "Temporary Redirect";
    case 308:
      return "Permanent Redirect";
    case 400:
      return "Bad Request";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Content Too Large";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 503:
      return "Service Unavailable";
    default:
      return "Status";
  }
}

// Statuses that never carry a body (RFC 9110 6.4.1).
bool bodiless(int status) {
  return (status >= 100 && status < 200) || status == 204 || status == 304;
}

std::string hex(std::size_t n) {
  std::array<char, 32> buf{};
  const auto res = std::to_chars(buf.data(), buf.data() + buf.size(), n, 16);
  return std::string(buf.data(), res.ptr);
}

std::string chunk(std::string_view data) {
  std::string out = hex(data.size());
  out.append("\r\n").append(data).append("\r\n");
  return out;
}

constexpr std::string_view kLastChunk = "0\r\n\r\n";

// ---- Request head parsing (no I/O) -----------------------------------------

enum class ParseStatus { kIncomplete, kDone, kBad, kTooLarge, kBodyTooLarge, kUnsupported };

struct Parsed {
  ParseStatus status = ParseStatus::kIncomplete;
  ServerRequest request;
  std::size_t consumed = 0;  // bytes of the buffer this request used
};

bool parse_request_line(std::string_view line, ServerRequest& r) {
  const auto sp1 = line.find(' ');
  const auto sp2 = line.rfind(' ');
  if (sp1 == std::string_view::npos || sp2 == sp1) return false;
  r.method = std::string(line.substr(0, sp1));
  r.target = std::string(line.substr(sp1 + 1, sp2 - sp1 - 1));
  r.version = std::string(line.substr(sp2 + 1));
  if (r.method.empty() || r.target.empty() || r.version.rfind("HTTP/1.", 0) != 0) return false;
  const auto q = r.target.find('?');
  r.path = r.target.substr(0, q);
  r.query = q == std::string::npos ? "" : r.target.substr(q + 1);
  return true;
}

// RFC 9110 tchar: what a method token is made of.
bool is_token_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

// Parses one request from the front of `buffer`: the request-parser half of
// asio's HTTP server example, reporting how much it consumed.
Parsed parse_request(std::string_view buffer) {
  Parsed p;
  // A request starts with its method: anything else (a TLS ClientHello sent
  // to this plain server) is refused at once, as real servers do, rather
  // than waited on for a line end that never comes.
  const std::string_view method = buffer.substr(0, buffer.find(' '));
  if (!std::all_of(method.begin(), method.end(), is_token_char)) {
    p.status = ParseStatus::kBad;
    return p;
  }
  const auto head_end = buffer.find("\r\n\r\n");
  if (head_end == std::string_view::npos) {
    if (buffer.size() > kMaxRequestHeadBytes) p.status = ParseStatus::kTooLarge;
    return p;
  }
  if (head_end + 4 > kMaxRequestHeadBytes) {
    p.status = ParseStatus::kTooLarge;
    return p;
  }
  std::string_view head = buffer.substr(0, head_end);
  const auto line_end = head.find("\r\n");
  if (!parse_request_line(head.substr(0, line_end), p.request)) {
    p.status = ParseStatus::kBad;
    return p;
  }
  head = line_end == std::string_view::npos ? std::string_view() : head.substr(line_end + 2);
  while (!head.empty()) {
    const auto end = head.find("\r\n");
    const std::string_view line = head.substr(0, end);
    head = end == std::string_view::npos ? std::string_view() : head.substr(end + 2);
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) {
      p.status = ParseStatus::kBad;
      return p;
    }
    p.request.headers.emplace_back(std::string(line.substr(0, colon)),
                                   std::string(trim(line.substr(colon + 1))));
  }
  if (p.request.has_header("Transfer-Encoding")) {
    p.status = ParseStatus::kUnsupported;
    return p;
  }
  std::size_t body_bytes = 0;
  const std::string length = p.request.header("Content-Length");
  if (!length.empty()) {
    const auto res = std::from_chars(length.data(), length.data() + length.size(), body_bytes);
    if (res.ec != std::errc() || res.ptr != length.data() + length.size()) {
      p.status = ParseStatus::kBad;
      return p;
    }
    if (body_bytes > kMaxRequestBodyBytes) {
      p.status = ParseStatus::kBodyTooLarge;
      return p;
    }
  }
  const std::size_t total = head_end + 4 + body_bytes;
  if (buffer.size() < total) return p;  // the body is still arriving
  p.request.body = std::string(buffer.substr(head_end + 4, body_bytes));
  p.consumed = total;
  p.status = ParseStatus::kDone;
  return p;
}

bool wants_keep_alive(const ServerRequest& r) {
  const std::string connection = r.header("Connection");
  if (r.version == "HTTP/1.0") return iequals(connection, "keep-alive");
  return !iequals(connection, "close");
}

}  // namespace

// ---- Shared helpers ------------------------------------------------------------

std::string find_header(const Headers& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (iequals(key, name)) return value;
  }
  return {};
}

bool ServerRequest::has_header(std::string_view name) const {
  return std::any_of(headers.begin(), headers.end(),
                     [&](const auto& h) { return iequals(h.first, name); });
}

ServerResponse ServerResponse::text(int status, std::string body, std::string content_type) {
  ServerResponse r;
  r.status = status;
  r.body = std::move(body);
  r.headers.emplace_back("Content-Type", std::move(content_type));
  return r;
}

ServerResponse ServerResponse::redirect(std::string location, int status) {
  ServerResponse r;
  r.status = status;
  r.headers.emplace_back("Location", std::move(location));
  return r;
}

// ---- Server state ----------------------------------------------------------------

// The server's state, shared by the acceptor and the connections.
struct ServerCore {
  void accept();
  ServerResponse dispatch(const ServerRequest& request);
  void request_started(const ServerRequest& request);
  void request_finished();

  // Declared first, destroyed last: pending handlers (which own the
  // connections) go with it, after the acceptor.
  asio::io_context io;
  tcp::acceptor acceptor{io};
  asio::steady_timer accept_retry{io};
  unsigned short port = 0;
  std::thread thread;

  mutable std::mutex mu;  // guards everything below
  std::unordered_map<std::string, Handler> routes;
  Handler fallback;
  std::size_t total_requests = 0;
  std::map<std::string, std::size_t, std::less<>> per_path;
  std::size_t accepted = 0;
  std::size_t in_flight = 0;
  std::size_t max_in_flight = 0;
  std::deque<LoggedRequest> requests_log;
};

struct HttpServer::Impl : ServerCore {};

// One client connection. Reads a request, answers it (delayed, dripped,
// chunked or endless as the ServerResponse asks), then reads the next one.
// Owned by its pending handlers (shared_from_this), like asio's example.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(ServerCore& server, tcp::socket socket)
      : server_(server), socket_(std::move(socket)), timer_(socket_.get_executor()) {}

  void start() {
    error_code ec;
    const auto remote = socket_.remote_endpoint(ec);
    if (!ec) peer_ = remote.address().to_string() + ":" + std::to_string(remote.port());
    next_request();
  }

 private:
  void next_request();
  void read_more();
  void fail_request(int status);
  void respond(ServerResponse response);
  void send_head();
  void send_rest();
  void drip_next();
  void endless_next();
  void sized_next();
  void reset();
  void write(std::string data, std::function<void()> then);
  void finish();

  ServerCore& server_;
  tcp::socket socket_;
  asio::steady_timer timer_;
  std::string peer_;
  std::string in_;  // received and not yet consumed

  // The response being sent.
  ServerResponse response_;
  bool head_only_ = false;  // HEAD, or a status without a body
  bool keep_alive_ = true;
  std::size_t drip_pos_ = 0;
  std::string endless_piece_;
  std::size_t sized_left_ = 0;  // bytes of a sized endless body still to send
};

void Connection::next_request() {
  Parsed parsed = parse_request(in_);
  switch (parsed.status) {
    case ParseStatus::kIncomplete:
      read_more();
      return;
    case ParseStatus::kBad:
      fail_request(400);
      return;
    case ParseStatus::kTooLarge:
      fail_request(431);
      return;
    case ParseStatus::kBodyTooLarge:
      fail_request(413);
      return;
    case ParseStatus::kUnsupported:
      fail_request(501);
      return;
    case ParseStatus::kDone:
      break;
  }
  in_.erase(0, parsed.consumed);
  ServerRequest& request = parsed.request;
  request.peer = peer_;
  server_.request_started(request);
  keep_alive_ = wants_keep_alive(request);
  head_only_ = request.method == "HEAD";
  respond(server_.dispatch(request));
}

void Connection::read_more() {
  const std::size_t old_size = in_.size();
  in_.resize(old_size + kReadChunkBytes);
  socket_.async_read_some(
      asio::buffer(in_.data() + old_size, kReadChunkBytes),
      [self = shared_from_this(), old_size](const error_code& ec, std::size_t n) {
        self->in_.resize(old_size + (ec ? 0 : n));
        if (ec) return;  // client gone (or server stopping): the connection ends
        self->next_request();
      });
}

// A request we refuse: answered, not counted, and the connection closed.
void Connection::fail_request(int status) {
  const std::string body = std::string(reason_phrase(status)) + "\n";
  auto reply = std::make_shared<std::string>(
      "HTTP/1.1 " + std::to_string(status) + " " + std::string(reason_phrase(status)) +
      "\r\nContent-Type: text/plain\r\nContent-Length: " + std::to_string(body.size()) +
      "\r\nConnection: close\r\n\r\n" + body);
  asio::async_write(socket_, asio::buffer(*reply),
                    [self = shared_from_this(), reply](const error_code&, std::size_t) {
                      error_code ignored;
                      self->socket_.shutdown(tcp::socket::shutdown_both, ignored);
                      self->socket_.close(ignored);
                    });
}

void Connection::respond(ServerResponse response) {
  response_ = std::move(response);
  if (response_.close_after) keep_alive_ = false;
  if (bodiless(response_.status)) head_only_ = true;
  if (response_.content_length && *response_.content_length > response_.body.size() && !response_.endless) {
    keep_alive_ = false;  // the framing is a lie: only closing ends it
  }
  if (response_.delay.count() <= 0) {
    send_head();
    return;
  }
  timer_.expires_after(response_.delay);
  timer_.async_wait([self = shared_from_this()](const error_code& ec) {
    if (ec) return;
    self->send_head();
  });
}

void Connection::send_head() {
  const ServerResponse& r = response_;
  const bool sized_endless = r.endless && r.content_length.has_value();
  const bool chunked = (r.chunked || (r.endless && !sized_endless)) && !head_only_;
  std::string head =
      "HTTP/1.1 " + std::to_string(r.status) + " " + std::string(reason_phrase(r.status)) + "\r\n";
  bool has_length = false;
  for (const auto& [name, value] : r.headers) {
    head.append(name).append(": ").append(value).append("\r\n");
    has_length = has_length || iequals(name, "Content-Length");
  }
  if (chunked) {
    head.append("Transfer-Encoding: chunked\r\n");
  } else if (!has_length && !bodiless(r.status)) {
    const std::size_t length = r.content_length.value_or(r.body.size());
    head.append("Content-Length: ").append(std::to_string(length)).append("\r\n");
  }
  if (!keep_alive_) head.append("Connection: close\r\n");
  head.append("\r\n");

  if (r.reset_after && !head_only_) {
    head.append(std::string_view(r.body).substr(0, *r.reset_after));
    write(std::move(head), [self = shared_from_this()] { self->reset(); });
    return;
  }
  if (r.drip_head && r.drip.count() > 0) {
    response_.body.insert(0, head);
    if (head_only_) response_.body.resize(head.size());
    drip_pos_ = 0;
    drip_next();
    return;
  }
  const bool paced = r.drip.count() > 0 || r.endless;
  if (head_only_ || paced) {
    write(std::move(head), [self = shared_from_this()] { self->send_rest(); });
    return;
  }
  // The common case in one write: head and whole body.
  if (chunked) {
    if (!r.body.empty()) head.append(chunk(r.body));  // an empty chunk would end the body
    head.append(kLastChunk);
  } else {
    head.append(r.body);
  }
  write(std::move(head), [self = shared_from_this()] { self->finish(); });
}

void Connection::send_rest() {
  if (head_only_) {
    finish();
    return;
  }
  if (response_.endless) {
    const std::string_view pattern =
        response_.body.empty() ? std::string_view("x") : std::string_view(response_.body);
    endless_piece_.clear();
    while (endless_piece_.size() < kEndlessPieceBytes) endless_piece_.append(pattern);
    if (response_.content_length) {
      sized_left_ = *response_.content_length;
      sized_next();
      return;
    }
    endless_next();
    return;
  }
  drip_pos_ = 0;
  drip_next();
}

void Connection::drip_next() {
  if (drip_pos_ >= response_.body.size()) {
    if (response_.chunked) {
      write(std::string(kLastChunk), [self = shared_from_this()] { self->finish(); });
    } else {
      finish();
    }
    return;
  }
  timer_.expires_after(response_.drip);
  timer_.async_wait([self = shared_from_this()](const error_code& ec) {
    if (ec) return;
    const std::string_view byte =
        std::string_view(self->response_.body).substr(self->drip_pos_++, 1);
    std::string data = self->response_.chunked ? chunk(byte) : std::string(byte);
    self->write(std::move(data), [self] { self->drip_next(); });
  });
}

// Forever: a piece at full speed, or a one-byte chunk per `drip` interval.
// Ends when a write fails because the client went away.
void Connection::endless_next() {
  if (response_.drip.count() <= 0) {
    write(chunk(endless_piece_), [self = shared_from_this()] { self->endless_next(); });
    return;
  }
  timer_.expires_after(response_.drip);
  timer_.async_wait([self = shared_from_this()](const error_code& ec) {
    if (ec) return;
    self->write(chunk(std::string_view(self->endless_piece_).substr(0, 1)),
                [self] { self->endless_next(); });
  });
}

// A sized endless body: pieces of the pattern until content_length is sent.
void Connection::sized_next() {
  if (sized_left_ == 0) {
    finish();
    return;
  }
  const std::size_t n = std::min(sized_left_, endless_piece_.size());
  sized_left_ -= n;
  write(endless_piece_.substr(0, n), [self = shared_from_this()] { self->sized_next(); });
}

// RST instead of FIN: linger on with a zero timeout makes close() abort.
void Connection::reset() {
  server_.request_finished();
  error_code ignored;
  socket_.set_option(asio::socket_base::linger(true, 0), ignored);
  socket_.close(ignored);
}

// Writes `data`, then runs `then`; on failure the request ends here and the
// connection is dropped.
void Connection::write(std::string data, std::function<void()> then) {
  auto buffer = std::make_shared<std::string>(std::move(data));
  asio::async_write(socket_, asio::buffer(*buffer),
                    [self = shared_from_this(), buffer, then = std::move(then)](
                        const error_code& ec, std::size_t) {
                      if (ec) {
                        if (ec != asio::error::operation_aborted) self->server_.request_finished();
                        return;
                      }
                      then();
                    });
}

void Connection::finish() {
  server_.request_finished();
  if (keep_alive_) {
    next_request();  // a pipelined request may already be in `in_`
    return;
  }
  error_code ignored;
  socket_.shutdown(tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
}

// ---- ServerCore ------------------------------------------------------------

void ServerCore::accept() {
  acceptor.async_accept([this](const error_code& ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted) return;
    if (ec) {
      accept_retry.expires_after(kAcceptRetry);
      accept_retry.async_wait([this](const error_code& wait_ec) {
        if (!wait_ec) accept();
      });
      return;
    }
    error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    {
      std::lock_guard lock(mu);
      ++accepted;
    }
    std::make_shared<Connection>(*this, std::move(socket))->start();
    accept();
  });
}

ServerResponse ServerCore::dispatch(const ServerRequest& request) {
  Handler handler;
  {
    std::lock_guard lock(mu);
    const auto it = routes.find(request.path);
    handler = it != routes.end() ? it->second : fallback;
  }
  if (!handler) return ServerResponse::text(404, "not found: " + request.path + "\n");
  try {
    return handler(request);
  } catch (const std::exception& e) {
    return ServerResponse::text(500, std::string("handler threw: ") + e.what() + "\n");
  } catch (...) {
    return ServerResponse::text(500, "handler threw\n");
  }
}

void ServerCore::request_started(const ServerRequest& request) {
  std::lock_guard lock(mu);
  ++total_requests;
  ++per_path[request.path];
  ++in_flight;
  max_in_flight = std::max(max_in_flight, in_flight);
  if (requests_log.size() >= kMaxLoggedRequests) requests_log.pop_front();
  requests_log.push_back(
      LoggedRequest{request.method, request.target, request.path, request.headers});
}

void ServerCore::request_finished() {
  std::lock_guard lock(mu);
  if (in_flight > 0) --in_flight;
}

// ---- HttpServer ---------------------------------------------------------------------

HttpServer::HttpServer() : impl_(std::make_unique<Impl>()) {
  Impl& s = *impl_;
  const tcp::endpoint endpoint(asio::ip::make_address_v4("127.0.0.1"), 0);
  s.acceptor.open(endpoint.protocol());
  s.acceptor.set_option(tcp::acceptor::reuse_address(true));
  s.acceptor.bind(endpoint);
  s.acceptor.listen(asio::socket_base::max_listen_connections);
  s.port = s.acceptor.local_endpoint().port();
  s.accept();
  s.thread = std::thread([&s] { s.io.run(); });
}

HttpServer::~HttpServer() {
  // Stopping is dropping: run() returns, and the io_context's destruction
  // (last, see Impl) frees the connections with their pending operations.
  impl_->io.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

unsigned short HttpServer::port() const { return impl_->port; }

std::string HttpServer::url(std::string_view path) const { return url_for_host("127.0.0.1", path); }

std::string HttpServer::url_for_host(std::string_view host, std::string_view path) const {
  const bool ipv6 = host.find(':') != std::string_view::npos;
  std::string out = "http://";
  out.append(ipv6 ? "[" : "").append(host).append(ipv6 ? "]" : "");
  out.append(":").append(std::to_string(impl_->port)).append(path);
  return out;
}

void HttpServer::on(std::string path, Handler handler) {
  std::lock_guard lock(impl_->mu);
  impl_->routes[std::move(path)] = std::move(handler);
}

void HttpServer::on(std::string path, ServerResponse response) {
  on(std::move(path), [response = std::move(response)](const ServerRequest&) { return response; });
}

void HttpServer::set_fallback(Handler handler) {
  std::lock_guard lock(impl_->mu);
  impl_->fallback = std::move(handler);
}

std::size_t HttpServer::requests() const {
  std::lock_guard lock(impl_->mu);
  return impl_->total_requests;
}

std::size_t HttpServer::requests(std::string_view path) const {
  std::lock_guard lock(impl_->mu);
  const auto it = impl_->per_path.find(path);
  return it == impl_->per_path.end() ? 0 : it->second;
}

std::size_t HttpServer::connections() const {
  std::lock_guard lock(impl_->mu);
  return impl_->accepted;
}

std::size_t HttpServer::in_flight() const {
  std::lock_guard lock(impl_->mu);
  return impl_->in_flight;
}

std::size_t HttpServer::max_in_flight() const {
  std::lock_guard lock(impl_->mu);
  return impl_->max_in_flight;
}

std::vector<LoggedRequest> HttpServer::log() const {
  std::lock_guard lock(impl_->mu);
  return {impl_->requests_log.begin(), impl_->requests_log.end()};
}

std::optional<LoggedRequest> HttpServer::last_request(std::string_view path) const {
  std::lock_guard lock(impl_->mu);
  for (auto it = impl_->requests_log.rbegin(); it != impl_->requests_log.rend(); ++it) {
    if (it->path == path) return *it;
  }
  return std::nullopt;
}

void HttpServer::reset_counters() {
  std::lock_guard lock(impl_->mu);
  impl_->total_requests = 0;
  impl_->per_path.clear();
  impl_->accepted = 0;
  impl_->max_in_flight = impl_->in_flight;
  impl_->requests_log.clear();
}

// ---- gzip ---------------------------------------------------------------------------

namespace {

// Streams `next_input` blocks through one gzip deflate stream. next_input
// returns the next block, or an empty view at the end.
constexpr int kZlibWindowBits = 15;                    // 32 KiB window, zlib wrapper
constexpr int kGzipWindowBits = kZlibWindowBits + 16;  // the same, gzip wrapper

template <typename NextInput>
std::string deflate_gzip(NextInput next_input, int window_bits = kGzipWindowBits) {
  constexpr int kMemLevel = 8;
  z_stream z{};
  if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, window_bits, kMemLevel,
                   Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("deflateInit2 failed");
  }
  std::string out;
  std::array<unsigned char, kZlibBlockBytes> buffer{};
  int flush = Z_NO_FLUSH;
  while (flush != Z_FINISH) {
    const std::string_view in = next_input();
    flush = in.empty() ? Z_FINISH : Z_NO_FLUSH;
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    do {
      z.next_out = buffer.data();
      z.avail_out = static_cast<uInt>(buffer.size());
      deflate(&z, flush);
      out.append(reinterpret_cast<const char*>(buffer.data()), buffer.size() - z.avail_out);
    } while (z.avail_out == 0);
  }
  deflateEnd(&z);
  return out;
}

// One block, then the end: an empty input still gets its (empty) stream.
auto once(std::string_view data) {
  return [data, given = false]() mutable -> std::string_view {
    if (given) return {};
    given = true;
    return data;
  };
}

}  // namespace

std::string gzip(std::string_view data) { return deflate_gzip(once(data)); }

std::string zlib_deflate(std::string_view data) {
  return deflate_gzip(once(data), kZlibWindowBits);
}

std::string brotli(std::string_view data) {
  std::string out(BrotliEncoderMaxCompressedSize(data.size()), '\0');
  std::size_t size = out.size();
  if (BrotliEncoderCompress(BROTLI_DEFAULT_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT,
                            data.size(), reinterpret_cast<const uint8_t*>(data.data()), &size,
                            reinterpret_cast<uint8_t*>(out.data())) == BROTLI_FALSE) {
    throw std::runtime_error("BrotliEncoderCompress failed");
  }
  out.resize(size);
  return out;
}

std::string gzip_zeros(std::size_t n) {
  static const std::string kZeros(kZlibBlockBytes, '\0');
  std::size_t left = n;
  return deflate_gzip([&]() -> std::string_view {
    const std::size_t take = std::min(left, kZeros.size());
    left -= take;
    return std::string_view(kZeros).substr(0, take);
  });
}

}  // namespace testsupport
