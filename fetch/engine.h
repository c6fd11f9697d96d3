// The transport under Client: one attempt of one GET over a libcurl multi
// handle that a boost::asio::io_context drives through
// CURLMOPT_SOCKETFUNCTION / CURLMOPT_TIMERFUNCTION (no polling loop, no
// thread per request). No robots.txt, politeness or retries here: Client
// layers those on top.
//
// Threading: an Engine belongs to its io_context's thread; start() and
// cancel_all() are called there, callbacks run there.
#ifndef JINGWEN_FETCH_ENGINE_H_
#define JINGWEN_FETCH_ENGINE_H_

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "fetch/fetch.h"

namespace fetch {

// One transfer as the engine sees it.
// Every member has a default initializer, so designated initializers may
// name only what they set (-Wmissing-field-initializers stays quiet).
struct Attempt {
  std::string url{};
  Validators validators{};             // sent as If-None-Match / If-Modified-Since
  bool allow_file = false;             // file:// permitted (operator-configured URL)
  std::vector<std::string> headers{};  // extra "Name: value" after Options::headers
  // Connect only to public addresses (address.h), except to `own_origin`
  // at its address: see Request::own_origin.
  bool public_only = false;
  Origin own_origin{};
  // Follow redirects inside libcurl (bounded by Options::max_redirects);
  // false: a 3xx comes back as the response, for Client to judge the next
  // hop before it is requested (through a proxy).
  bool follow_redirects = true;
};

class Engine {
 public:
  using Callback = std::function<void(Response)>;

  // `options` is copied; its limits apply to every transfer.
  Engine(boost::asio::io_context& io, const Options& options);
  // Abandons running transfers without calling their callbacks.
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Starts the transfer. `done` runs exactly once on the io_context's thread,
  // never inside start() itself (a bad URL is reported through a post()).
  // The Response has attempts = 1, redirects, timing.connect/first_byte/total
  // of this transfer, and a typed error:
  //   status 304 -> ok, unchanged = true; 412 -> kAntiBot; other 4xx/5xx ->
  //   kHttpStatus (the body is kept); CURLcodes -> kDns, kConnect, kTls,
  //   kTimeout (incl. low-speed), kTooLarge, kRedirect, kNetwork. After a
  //   transport error the body is empty: a cut-off body is never handed on.
  void start(Attempt attempt, Callback done);
  // Completes every running transfer with kCancelled. The callbacks run
  // inside cancel_all(), in start order, after every transfer has left the
  // multi handle; one may start() again (that transfer is not cancelled).
  void cancel_all();
  std::size_t in_flight() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace fetch

#endif  // JINGWEN_FETCH_ENGINE_H_
