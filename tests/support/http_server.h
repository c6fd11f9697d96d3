// A real HTTP/1.1 server on 127.0.0.1 for loopback tests and benches.
//
//   testsupport::HttpServer server;                 // listening on return
//   server.on("/page", [](const testsupport::ServerRequest& r) {
//     return testsupport::ServerResponse::text(200, "hello");
//   });
//   fetch something at server.url("/page") ...
//   EXPECT_EQ(server.requests("/page"), 1u);
//
// The server runs its own io_context on its own thread, from the constructor
// until the destructor (which stops and joins it). Keep-alive, pipelined
// requests and hundreds of concurrent connections are supported; responses
// can be delayed, dripped a byte at a time (head too), chunked, endless or
// cut by a reset, to provoke the client's timeouts and caps.
//
// Threading: every public member is safe to call from any thread while the
// server runs. Handlers run on the server thread, one at a time, and must
// not block (use ServerResponse::delay to make a response slow); they may
// call any member of the server, on() included (no lock is held while a
// handler runs).
//
// Hostile clients: request heads over kMaxRequestHeadBytes get 431, bodies
// over kMaxRequestBodyBytes get 413, malformed request lines 400; each of
// those closes the connection. Good enough for tests, not for the internet.
#ifndef JINGWEN_TESTS_SUPPORT_HTTP_SERVER_H_
#define JINGWEN_TESTS_SUPPORT_HTTP_SERVER_H_

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace testsupport {

using Millis = std::chrono::milliseconds;
using Headers = std::vector<std::pair<std::string, std::string>>;

inline constexpr std::size_t kMaxRequestHeadBytes = 64u << 10;
inline constexpr std::size_t kMaxRequestBodyBytes = 1u << 20;
// The request log keeps the newest this many entries (a bench can send
// millions of requests).
inline constexpr std::size_t kMaxLoggedRequests = 10'000;

// "" when `name` (case-insensitive) is absent; the first value otherwise.
std::string find_header(const Headers& headers, std::string_view name);

struct ServerRequest {
  std::string method;   // "GET"
  std::string target;   // "/path?x=1", as sent
  std::string path;     // "/path"
  std::string query;    // "x=1" (no '?'); "" when none
  std::string version;  // "HTTP/1.1"
  Headers headers;      // in arrival order, names as sent
  std::string body;     // Content-Length bodies only
  std::string peer;     // "127.0.0.1:54321"

  // The value of header `name`, matched case-insensitively; "" if absent.
  std::string header(std::string_view name) const { return find_header(headers, name); }
  bool has_header(std::string_view name) const;
  std::string host() const { return header("Host"); }
};

struct ServerResponse {
  int status = 200;
  Headers headers;   // sent as given, after the status line
  std::string body;  // for `endless`: the pattern repeated forever ("x" when empty)

  // Wait this long after the request before sending anything.
  Millis delay{0};
  // When > 0: send the body one byte per `drip` interval (headers at once).
  Millis drip{0};
  // With drip: the status line and headers too, a byte at a time (a
  // slowloris server). Not with chunked or endless.
  bool drip_head = false;
  // Transfer-Encoding: chunked instead of Content-Length.
  bool chunked = false;
  // A chunked body that never ends; stops when the client goes away. With
  // content_length: a body of that many bytes of the pattern, at full speed,
  // never held in memory whole (a 100 MB body).
  bool endless = false;
  // Send the head and this many bytes of the body, then reset the
  // connection (RST, not FIN): a server that dies mid-body.
  std::optional<std::size_t> reset_after;
  // Send "Connection: close" and close after this response.
  bool close_after = false;
  // Announce this Content-Length instead of body.size() (a lie to test
  // caps); when the body is shorter the connection is closed after it.
  std::optional<std::size_t> content_length;

  // Convenience: a complete response with a Content-Type.
  static ServerResponse text(int status, std::string body,
                             std::string content_type = "text/plain; charset=utf-8");
  // A redirect to `location` (301, 302, 303, 307, 308).
  static ServerResponse redirect(std::string location, int status = 302);
};

using Handler = std::function<ServerResponse(const ServerRequest&)>;

// What the server saw of one request, for assertions.
struct LoggedRequest {
  std::string method;
  std::string target;
  std::string path;
  Headers headers;
  std::string header(std::string_view name) const { return find_header(headers, name); }
};

class HttpServer {
 public:
  // Binds 127.0.0.1 on an ephemeral port and starts serving. Throws
  // boost::system::system_error when it cannot (tests have no better
  // recourse).
  HttpServer();
  // Closes every connection and joins the server thread.
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  unsigned short port() const;
  // "http://127.0.0.1:PORT/path"; `path` should start with '/'.
  std::string url(std::string_view path = "/") const;
  // "http://HOST:PORT/path" (e.g. "localhost"): the host must resolve here.
  std::string url_for_host(std::string_view host, std::string_view path = "/") const;

  // Routes an exact path (query ignored) to `handler`, replacing any earlier
  // route for it. Unrouted paths get the fallback, by default a 404.
  void on(std::string path, Handler handler);
  // Routes `path` to a fixed response.
  void on(std::string path, ServerResponse response);
  void set_fallback(Handler handler);

  // Counters; a request counts from its head being parsed.
  std::size_t requests() const;                       // all paths
  std::size_t requests(std::string_view path) const;  // one path
  std::size_t connections() const;                    // accepted so far
  // A request is in flight from its head being parsed until its response
  // is fully written (or the client went away).
  std::size_t in_flight() const;
  std::size_t max_in_flight() const;       // the most in flight at once so far
  std::vector<LoggedRequest> log() const;  // oldest first (the newest kMaxLoggedRequests)
  // The newest request for `path`, if any.
  std::optional<LoggedRequest> last_request(std::string_view path) const;
  // Zeroes the counters (in_flight keeps counting what is running) and
  // clears the log.
  void reset_counters();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// `data` gzip-compressed (a gzip member: Content-Encoding: gzip).
std::string gzip(std::string_view data);
// `data` in the zlib format (Content-Encoding: deflate, as RFC 9110 means it).
std::string zlib_deflate(std::string_view data);
// `data` brotli-compressed (Content-Encoding: br).
std::string brotli(std::string_view data);
// `n` zero bytes gzip-compressed, streamed through deflate without holding
// `n` bytes: 1 GiB comes out near 1 MiB. For decompression-bomb tests.
std::string gzip_zeros(std::size_t n);

}  // namespace testsupport

#endif  // JINGWEN_TESTS_SUPPORT_HTTP_SERVER_H_
