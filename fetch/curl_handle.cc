#include "fetch/curl_handle.h"

namespace fetch {

void ensure_curl_global_init() {
  // curl_global_init is not thread-safe in libcurl 7.88; a static makes it
  // run once, and curl_global_cleanup is left to process exit on purpose
  // (handles may outlive main's locals in a daemon's shutdown path).
  static const CURLcode init = curl_global_init(CURL_GLOBAL_DEFAULT);
  (void)init;
}

}  // namespace fetch
