// Engine: libcurl's multi_socket API driven by one boost::asio::io_context.
//
// The contract (curl's docs/examples/hiperfifo.c and asiohiper.cpp):
//   1. libcurl opens and closes every TCP socket through our
//      OPENSOCKETFUNCTION / CLOSESOCKETFUNCTION, so asio owns them: a map
//      fd -> Watch (an asio socket plus what curl wants from it).
//   2. SOCKETFUNCTION says which of IN / OUT curl wants per fd; we keep one
//      async_wait per wanted direction and re-arm it after each
//      curl_multi_socket_action while curl still wants it (curl reports a
//      change of interest only once).
//   3. TIMERFUNCTION sets one steady_timer; on expiry we call
//      socket_action(CURL_SOCKET_TIMEOUT). -1 cancels it.
//   4. After every socket_action, finished transfers are read with
//      curl_multi_info_read, removed from the multi and destroyed, and only
//      then are their callbacks run, with nothing of the Engine touched
//      afterwards: a callback may start(), cancel_all() or destroy the Engine.
// Handlers that outlive the Engine hold a weak token and return at once.
#include "fetch/engine.h"

#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <unordered_map>
#include <utility>
#include <vector>

#include "fetch/curl_handle.h"
#include "fetch/transfer.h"
#include "fetch/url.h"

namespace fetch {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using boost::system::error_code;

// URLs in error messages are cut to this many bytes (a hostile 8 KiB URL
// would otherwise fill a log line).
constexpr std::size_t kMaxUrlInMessage = 256;

std::string url_for_message(const std::string& url) {
  if (url.size() <= kMaxUrlInMessage) return url;
  return url.substr(0, kMaxUrlInMessage) + "...";
}

// One file descriptor libcurl asked us to watch.
//
// Owned watches wrap the TCP sockets libcurl opened through us; they live
// until libcurl closes them. Borrowed ones wrap descriptors libcurl made
// itself (the threaded resolver's wake-up socketpair); those are handed back
// unclosed when libcurl says CURL_POLL_REMOVE.
struct Watch {
  Watch(asio::io_context& io, curl_socket_t descriptor, bool is_owned)
      : socket(io), fd(descriptor), owned(is_owned) {}
  ~Watch() {
    if (!owned) release();
  }
  Watch(const Watch&) = delete;
  Watch& operator=(const Watch&) = delete;

  // Takes the descriptor out of asio's reactor without closing it.
  void release() {
    if (!socket.is_open()) return;
    error_code ignored;
    socket.release(ignored);
  }

  tcp::socket socket;
  const curl_socket_t fd;
  const bool owned;
  int want = 0;          // CURL_POLL_IN | CURL_POLL_OUT as curl last asked
  bool reading = false;  // an async_wait(wait_read) is pending
  bool writing = false;  // an async_wait(wait_write) is pending
  bool closed = false;   // curl closed or removed it; pending waits are stale
};

using Token = std::weak_ptr<int>;

}  // namespace

struct Engine::Impl {
  // What on_open_socket() is handed: the engine that owns the sockets and
  // the transfer that asks for one (it may refuse the address).
  struct SocketHook {
    Impl* engine;
    Transfer* transfer;
  };
  struct Running {
    std::uint64_t seq = 0;  // start order, so cancel_all() reports in order
    std::unique_ptr<SocketHook> hook;  // CURLOPT_OPENSOCKETDATA: declared first, so it outlives the transfer
    std::unique_ptr<Transfer> transfer;
    Callback done;
  };
  using Finished = std::vector<std::pair<Callback, Response>>;

  Impl(asio::io_context& io_context, const Options& opts);
  ~Impl();

  void start(Attempt attempt, Callback done);
  void cancel_all();
  void post_failure(const std::string& url, Error error, Callback done);

  // libcurl callbacks; `userp` / `clientp` is the Impl.
  static int on_socket(CURL* easy, curl_socket_t fd, int what, void* userp, void* socketp);
  static int on_timer(CURLM* multi, long timeout_ms, void* userp);
  static curl_socket_t on_open_socket(void* clientp, curlsocktype purpose,
                                      struct curl_sockaddr* address);
  static int on_close_socket(void* clientp, curl_socket_t fd);

  std::shared_ptr<Watch> borrow(curl_socket_t fd);
  void forget(curl_socket_t fd);
  void arm(const std::shared_ptr<Watch>& watch, int direction);
  void on_ready(const std::shared_ptr<Watch>& watch, int direction, const error_code& ec);
  void on_timeout();
  Finished collect_finished();
  void deliver(Finished finished);

  asio::io_context& io;
  const Options options;
  std::shared_ptr<int> alive = std::make_shared<int>(0);  // handlers hold a Token
  asio::steady_timer timer;
  std::unordered_map<curl_socket_t, std::shared_ptr<Watch>> watches;
  CurlMulti multi;
  std::unordered_map<const Transfer*, Running> running;  // key: CURLOPT_PRIVATE
  std::uint64_t next_seq = 0;
  bool closing = false;  // in ~Impl: curl's callbacks only do bookkeeping
};

Engine::Impl::Impl(asio::io_context& io_context, const Options& opts)
    : io(io_context), options(opts), timer(io_context), multi(make_curl_multi()) {
  if (multi == nullptr) return;  // start() reports it per transfer
  CURLM* m = multi.get();
  curl_multi_setopt(m, CURLMOPT_SOCKETFUNCTION, &Impl::on_socket);
  curl_multi_setopt(m, CURLMOPT_SOCKETDATA, static_cast<void*>(this));
  curl_multi_setopt(m, CURLMOPT_TIMERFUNCTION, &Impl::on_timer);
  curl_multi_setopt(m, CURLMOPT_TIMERDATA, static_cast<void*>(this));
  if (options.max_in_flight > 0) {
    curl_multi_setopt(m, CURLMOPT_MAX_TOTAL_CONNECTIONS, static_cast<long>(options.max_in_flight));
  }
}

Engine::Impl::~Impl() {
  closing = true;
  timer.cancel();
  for (auto& [transfer, run] : running) curl_multi_remove_handle(multi.get(), transfer->easy());
  running.clear();
  // Closes the pooled connections through on_close_socket, which needs
  // `watches`: so before the map goes.
  multi.reset();
  for (auto& [fd, watch] : watches) {
    watch->closed = true;
    error_code ignored;
    if (watch->owned) {
      watch->socket.close(ignored);
    } else {
      watch->release();  // now: a pending handler may keep the Watch alive
    }
  }
  watches.clear();
}

void Engine::Impl::start(Attempt attempt, Callback done) {
  if (attempt.url.size() > kMaxUrlBytes) {
    post_failure(attempt.url,
                 Error{ErrorCode::kBadUrl, "URL longer than " + std::to_string(kMaxUrlBytes) +
                                               " bytes: " + url_for_message(attempt.url)},
                 std::move(done));
    return;
  }
  if (multi == nullptr) {
    post_failure(attempt.url,
                 Error{ErrorCode::kNetwork, "libcurl multi handle unavailable for " + attempt.url},
                 std::move(done));
    return;
  }
  Error error;
  std::unique_ptr<Transfer> transfer = Transfer::create(attempt, options, error);
  if (transfer == nullptr) {
    post_failure(attempt.url, std::move(error), std::move(done));
    return;
  }
  CURL* easy = transfer->easy();
  auto hook = std::make_unique<SocketHook>(SocketHook{this, transfer.get()});
  const bool hooked =
      curl_easy_setopt(easy, CURLOPT_OPENSOCKETFUNCTION, &Impl::on_open_socket) == CURLE_OK &&
      curl_easy_setopt(easy, CURLOPT_OPENSOCKETDATA, static_cast<void*>(hook.get())) == CURLE_OK &&
      curl_easy_setopt(easy, CURLOPT_CLOSESOCKETFUNCTION, &Impl::on_close_socket) == CURLE_OK &&
      curl_easy_setopt(easy, CURLOPT_CLOSESOCKETDATA, static_cast<void*>(this)) == CURLE_OK;
  if (!hooked || curl_multi_add_handle(multi.get(), easy) != CURLM_OK) {
    post_failure(attempt.url,
                 Error{ErrorCode::kNetwork, "cannot start a transfer for " + attempt.url},
                 std::move(done));
    return;
  }
  const Transfer* key = transfer.get();
  running.emplace(key, Running{next_seq++, std::move(hook), std::move(transfer), std::move(done)});
}

// start() never calls `done` itself: the caller may hold locks or be midway
// through its own bookkeeping.
void Engine::Impl::post_failure(const std::string& url, Error error, Callback done) {
  Response response;
  response.url = url;
  response.final_url = url;
  response.attempts = 1;
  response.error = std::move(error);
  asio::post(
      io, [token = Token(alive), done = std::move(done), response = std::move(response)]() mutable {
        if (token.expired()) return;  // the Engine was destroyed: abandoned
        done(std::move(response));
      });
}

void Engine::Impl::cancel_all() {
  std::vector<Running> stopped;
  stopped.reserve(running.size());
  for (auto& [key, run] : running) {
    curl_multi_remove_handle(multi.get(), run.transfer->easy());
    stopped.push_back(std::move(run));
  }
  running.clear();
  std::sort(stopped.begin(), stopped.end(),
            [](const Running& a, const Running& b) { return a.seq < b.seq; });
  Finished finished;
  finished.reserve(stopped.size());
  for (Running& run : stopped) {
    finished.emplace_back(std::move(run.done),
                          run.transfer->abandon(ErrorCode::kCancelled, "cancelled"));
  }
  stopped.clear();  // easy handles go before any callback runs
  deliver(std::move(finished));
}

// ---- libcurl callbacks -----------------------------------------------------

curl_socket_t Engine::Impl::on_open_socket(void* clientp, curlsocktype purpose,
                                           struct curl_sockaddr* address) {
  const auto* hook = static_cast<const SocketHook*>(clientp);
  Impl* self = hook->engine;
  if (self->closing || purpose != CURLSOCKTYPE_IPCXN ||
      (address->family != AF_INET && address->family != AF_INET6) ||
      !hook->transfer->may_connect(&address->addr)) {
    return CURL_SOCKET_BAD;
  }
  const int fd = ::socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
  if (fd < 0) return CURL_SOCKET_BAD;
  // A descriptor libcurl closed without telling us may have had this
  // number; its stale watch must leave the reactor before the new socket
  // enters it.
  self->forget(fd);
  auto watch = std::make_shared<Watch>(self->io, fd, /*is_owned=*/true);
  error_code ec;
  watch->socket.assign(address->family == AF_INET ? tcp::v4() : tcp::v6(), fd, ec);
  if (ec) {
    ::close(fd);
    return CURL_SOCKET_BAD;
  }
  self->watches.emplace(fd, std::move(watch));
  return fd;
}

int Engine::Impl::on_close_socket(void* clientp, curl_socket_t fd) {
  auto* self = static_cast<Impl*>(clientp);
  const auto it = self->watches.find(fd);
  if (it == self->watches.end() || !it->second->owned) return ::close(fd);
  const std::shared_ptr<Watch> watch = std::move(it->second);
  self->watches.erase(it);
  watch->closed = true;
  error_code ec;
  watch->socket.close(ec);  // pending waits complete with operation_aborted
  return ec ? -1 : 0;
}

int Engine::Impl::on_socket(CURL* /*easy*/, curl_socket_t fd, int what, void* userp,
                            void* /*socketp*/) {
  auto* self = static_cast<Impl*>(userp);
  if (what == CURL_POLL_REMOVE) {
    const auto it = self->watches.find(fd);
    if (it == self->watches.end()) return 0;
    if (it->second->owned) {
      // Pooled for reuse, or about to be closed: stop caring, keep the
      // socket. Pending waits go too, or an idle keep-alive connection would
      // keep io_context::run() from returning until the server hangs up.
      it->second->want = 0;
      error_code ignored;
      it->second->socket.cancel(ignored);
    } else {
      self->forget(fd);
    }
    return 0;
  }
  if (self->closing) return 0;
  std::shared_ptr<Watch> watch = self->borrow(fd);
  if (watch == nullptr) return 0;  // cannot watch it: the transfer's timeout ends it
  watch->want = what & (CURL_POLL_IN | CURL_POLL_OUT);
  self->arm(watch, CURL_POLL_IN);
  self->arm(watch, CURL_POLL_OUT);
  return 0;
}

int Engine::Impl::on_timer(CURLM* /*multi*/, long timeout_ms, void* userp) {
  auto* self = static_cast<Impl*>(userp);
  if (self->closing) return 0;
  if (timeout_ms < 0) {
    self->timer.cancel();
    return 0;
  }
  // 0 means "now", but not from inside this callback: the timer posts it.
  self->timer.expires_after(std::chrono::milliseconds(timeout_ms));
  self->timer.async_wait([self, token = Token(self->alive)](const error_code& ec) {
    if (ec == asio::error::operation_aborted || token.expired()) return;
    self->on_timeout();
  });
  return 0;
}

// ---- asio side -------------------------------------------------------------

// The watch for `fd`: ours, or a new borrowed one for a descriptor libcurl
// made itself. Null when asio cannot register it.
std::shared_ptr<Watch> Engine::Impl::borrow(curl_socket_t fd) {
  if (const auto it = watches.find(fd); it != watches.end()) return it->second;
  auto watch = std::make_shared<Watch>(io, fd, /*is_owned=*/false);
  error_code ec;
  watch->socket.assign(tcp::v4(), fd, ec);  // the protocol only labels the fd
  if (ec) return nullptr;
  watches.emplace(fd, watch);
  return watch;
}

// Drops the watch for `fd` without closing the descriptor (it is libcurl's,
// or already closed and maybe reused).
void Engine::Impl::forget(curl_socket_t fd) {
  const auto it = watches.find(fd);
  if (it == watches.end()) return;
  it->second->closed = true;
  it->second->release();
  watches.erase(it);
}

void Engine::Impl::arm(const std::shared_ptr<Watch>& watch, int direction) {
  bool& pending = direction == CURL_POLL_IN ? watch->reading : watch->writing;
  // A wait already pending serves the new request too; one for a direction
  // curl no longer wants is left to fire and be ignored (asio cannot cancel
  // one direction alone).
  if (closing || watch->closed || pending || (watch->want & direction) == 0) return;
  pending = true;
  const auto wait = direction == CURL_POLL_IN ? tcp::socket::wait_read : tcp::socket::wait_write;
  watch->socket.async_wait(
      wait, [self = this, token = Token(alive), watch, direction](const error_code& ec) {
        (direction == CURL_POLL_IN ? watch->reading : watch->writing) = false;
        if (token.expired() || watch->closed) return;
        if (ec == asio::error::operation_aborted) {
          // Cancelled by CURL_POLL_REMOVE; curl may have wanted the socket
          // again (a pooled connection reused) while this wait was pending.
          self->arm(watch, direction);
          return;
        }
        self->on_ready(watch, direction, ec);
      });
}

void Engine::Impl::on_ready(const std::shared_ptr<Watch>& watch, int direction,
                            const error_code& ec) {
  if ((watch->want & direction) == 0) return;  // stale: curl moved on
  int flags = direction == CURL_POLL_IN ? CURL_CSELECT_IN : CURL_CSELECT_OUT;
  if (ec) flags = CURL_CSELECT_ERR;
  int still_running = 0;
  curl_multi_socket_action(multi.get(), watch->fd, flags, &still_running);
  // libcurl announces interest once; while it holds, the wait is ours to
  // renew. Not after an error: curl closes such sockets, and re-arming one
  // that keeps failing would spin.
  if (!ec) arm(watch, direction);
  deliver(collect_finished());  // last: may destroy the Engine
}

void Engine::Impl::on_timeout() {
  int still_running = 0;
  curl_multi_socket_action(multi.get(), CURL_SOCKET_TIMEOUT, 0, &still_running);
  deliver(collect_finished());  // last: may destroy the Engine
}

Engine::Impl::Finished Engine::Impl::collect_finished() {
  Finished finished;
  int queued = 0;
  while (CURLMsg* message = curl_multi_info_read(multi.get(), &queued)) {
    if (message->msg != CURLMSG_DONE) continue;
    CURL* easy = message->easy_handle;  // `message` dies with remove_handle
    const CURLcode result = message->data.result;
    void* key = nullptr;
    curl_easy_getinfo(easy, CURLINFO_PRIVATE, &key);
    curl_multi_remove_handle(multi.get(), easy);
    const auto it = running.find(static_cast<const Transfer*>(key));
    if (it == running.end()) continue;
    finished.emplace_back(std::move(it->second.done), it->second.transfer->finish(result));
    running.erase(it);
  }
  return finished;
}

// Runs the callbacks. Touches no Engine state once the first has run: any
// callback may destroy the Engine, and then the rest are abandoned as
// ~Engine promises.
void Engine::Impl::deliver(Finished finished) {
  const Token token(alive);
  for (auto& [done, response] : finished) {
    if (token.expired()) return;
    done(std::move(response));
  }
}

// ---- Engine ----------------------------------------------------------------

Engine::Engine(boost::asio::io_context& io, const Options& options)
    : impl_(std::make_unique<Impl>(io, options)) {}

Engine::~Engine() = default;

void Engine::start(Attempt attempt, Callback done) {
  impl_->start(std::move(attempt), std::move(done));
}

void Engine::cancel_all() { impl_->cancel_all(); }

std::size_t Engine::in_flight() const { return impl_->running.size(); }

}  // namespace fetch
