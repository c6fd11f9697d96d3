// Owning wrappers for libcurl's C handles. This is the one place in jingwen
// that knows how a CURL, CURLM, curl_slist or CURLU is released; code
// elsewhere holds these types and passes .get() to libcurl.
//
// A handle belongs to one thread at a time (libcurl's rule for easy and multi
// handles alike).
#ifndef JINGWEN_FETCH_CURL_HANDLE_H_
#define JINGWEN_FETCH_CURL_HANDLE_H_

#include <curl/curl.h>

#include <memory>

namespace fetch {

// curl_global_init(CURL_GLOBAL_DEFAULT), exactly once per process, before
// the first handle. Thread-safe (a function-local static).
void ensure_curl_global_init();

struct CurlEasyCleanup {
  void operator()(CURL* easy) const noexcept { curl_easy_cleanup(easy); }
};
using CurlEasy = std::unique_ptr<CURL, CurlEasyCleanup>;

struct CurlMultiCleanup {
  void operator()(CURLM* multi) const noexcept { curl_multi_cleanup(multi); }
};
using CurlMulti = std::unique_ptr<CURLM, CurlMultiCleanup>;

struct CurlSlistCleanup {
  void operator()(curl_slist* list) const noexcept { curl_slist_free_all(list); }
};
using CurlSlist = std::unique_ptr<curl_slist, CurlSlistCleanup>;

struct CurlUrlCleanup {
  void operator()(CURLU* url) const noexcept { curl_url_cleanup(url); }
};
using CurlUrl = std::unique_ptr<CURLU, CurlUrlCleanup>;

// Fresh handles; null only when libcurl cannot allocate.
inline CurlEasy make_curl_easy() {
  ensure_curl_global_init();
  return CurlEasy(curl_easy_init());
}
inline CurlMulti make_curl_multi() {
  ensure_curl_global_init();
  return CurlMulti(curl_multi_init());
}
inline CurlUrl make_curl_url() {
  ensure_curl_global_init();
  return CurlUrl(curl_url());
}

// Appends `line` to `list` (which may be null); on allocation failure the
// list is left as it was and false is returned.
inline bool append_slist(CurlSlist& list, const char* line) {
  curl_slist* grown = curl_slist_append(list.get(), line);
  if (grown == nullptr) return false;
  (void)list.release();  // `grown` is the same list, one node longer
  list.reset(grown);
  return true;
}

// A string libcurl allocated (curl_url_get, curl_easy_escape ...).
struct CurlFree {
  void operator()(char* s) const noexcept { curl_free(s); }
};
using CurlString = std::unique_ptr<char, CurlFree>;

}  // namespace fetch

#endif  // JINGWEN_FETCH_CURL_HANDLE_H_
