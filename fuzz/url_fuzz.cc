// URL normalisation: fetch::parse_url (libcurl's URL API, IDN by ICU) and
// url_key (the dedup identity). A key must be stable: the key of a key is
// itself.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "fetch/fetch.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view url(reinterpret_cast<const char*>(data), size);
  (void)fetch::parse_url(url);
  const std::string key = fetch::url_key(url);
  if (!key.empty() && fetch::url_key(key) != key) std::abort();
  return 0;
}
