// One libcurl easy handle set up for one Attempt, and the translation of its
// end into a Response. Internal to fetch/: Engine drives Transfers through a
// multi handle; this file is the one place that knows which easy options
// jingwen sets and how a CURLcode becomes a jingwen Error.
//
// Threading: a Transfer belongs to the thread that drives its multi handle
// (the Engine's io thread). translate() is a pure function.
#ifndef JINGWEN_FETCH_TRANSFER_H_
#define JINGWEN_FETCH_TRANSFER_H_

#include <curl/curl.h>
#include <sys/socket.h>

#include <array>
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "fetch/curl_handle.h"
#include "fetch/engine.h"
#include "fetch/fetch.h"

namespace fetch {

// Bounds on the final response's header block (the status line starts a new
// block, so redirect hops do not add up). Past either the transfer is aborted
// with kNetwork "response headers too large".
inline constexpr std::size_t kMaxResponseHeaderBytes = 64u << 10;
inline constexpr std::size_t kMaxResponseHeaders = 200;

// Which of our own callbacks stopped a transfer, so that the CURLcode it
// produced (WRITE_ERROR, ABORTED_BY_CALLBACK) is reported for what it was.
enum class AbortCause {
  kNone,
  kBodyCap,     // wire bytes over Options::max_body_bytes
  kDecodedCap,  // decoded bytes over Options::max_decoded_bytes
  kHeaderCap,   // over kMaxResponseHeaderBytes / kMaxResponseHeaders
};

// Everything translate() needs to know about how a transfer ended.
struct Outcome {
  CURLcode result = CURLE_OK;
  std::string curl_message;  // libcurl's error buffer, or curl_easy_strerror
  std::string url;           // as requested
  std::string final_url;     // CURLINFO_EFFECTIVE_URL (may be empty)
  long status = 0;           // CURLINFO_RESPONSE_CODE
  long redirects = 0;        // CURLINFO_REDIRECT_COUNT
  bool is_file = false;      // a file:// transfer (no HTTP status)
  bool connected = false;    // a connection was established (connect time > 0)
  std::string refused_address;  // "10.0.0.1 (private)": may_connect() said no
  std::chrono::milliseconds elapsed{0};
  AbortCause abort_cause = AbortCause::kNone;
};

// Maps a finished transfer to a jingwen Error (kNone for success, 304
// included). HTTP statuses: 412 -> kAntiBot, other >= 400 -> kHttpStatus.
// Every message names the URL. Pure.
Error translate(const Outcome& outcome, const Options& options);

// Seconds for CURLOPT_LOW_SPEED_TIME: libcurl counts whole seconds, so the
// configured duration is rounded up, and never below one second.
long low_speed_seconds(std::chrono::milliseconds time);

// A configured easy handle plus the state its callbacks fill in.
class Transfer {
 public:
  // Creates the easy handle and sets every option for `attempt` under
  // `options`. Returns null and fills `error` (naming the URL) when libcurl
  // refuses; the socket hooks are the Engine's business and are not set here.
  // REQUIRES: `options` outlives the Transfer (the Engine's copy).
  static std::unique_ptr<Transfer> create(const Attempt& attempt, const Options& options,
                                          Error& error);

  Transfer(const Transfer&) = delete;
  Transfer& operator=(const Transfer&) = delete;
  ~Transfer();

  CURL* easy() const { return easy_.get(); }
  // Whether the transfer may open a connection to `address` now: always,
  // unless the Attempt is public_only and the address is in a reserved range
  // (address.h); then only when the URL being fetched (after any redirects
  // so far) is on the Attempt's own_origin and `address` is that origin's
  // address. A refusal is remembered for finish().
  bool may_connect(const sockaddr* address);
  const std::string& url() const { return url_; }

  // The Response for a transfer libcurl finished with `result` (the
  // CURLMSG_DONE code). Moves the body out: call once.
  Response finish(CURLcode result);
  // The Response for a transfer stopped before libcurl finished it (cancel).
  Response abandon(ErrorCode code, std::string_view why);

 private:
  Transfer(const Attempt& attempt, const Options& options);
  bool configure(const Attempt& attempt);

  static std::size_t on_header(char* data, std::size_t size, std::size_t count, void* self);
  static std::size_t on_write(char* data, std::size_t size, std::size_t count, void* self);
  static int on_prereq(void* self, char* primary_ip, char* local_ip, int primary_port, int local_port);
  static int on_progress(void* self, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
                         curl_off_t ulnow);
  bool take_header_line(std::string_view line);

  CurlEasy easy_;
  CurlSlist request_headers_;
  std::string url_;
  const Options* options_;  // the limits the callbacks enforce
  std::chrono::steady_clock::time_point started_;
  std::array<char, CURL_ERROR_SIZE> error_buffer_{};

  // Filled by the callbacks.
  Response response_;
  std::size_t header_bytes_ = 0;  // of the current header block
  AbortCause abort_cause_ = AbortCause::kNone;
  std::string refused_address_;

  bool public_only_ = false;
  Origin own_origin_;
};

}  // namespace fetch

#endif  // JINGWEN_FETCH_TRANSFER_H_
