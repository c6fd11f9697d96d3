// Charset decoding: BOM, HTTP label, <meta>/XML declaration, detection, ICU
// conversion. The first byte picks the HTTP charset label. The output must be
// valid UTF-8 whatever the input (decode.h's promise).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "clean/decode.h"

namespace {

constexpr const char* kHttpLabels[] = {"", "utf-8", "gbk", "gb2312", "big5", "x-no-such", "utf-16le", "iso-8859-1"};

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const std::size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += len;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  const clean::Decoded decoded = clean::decode(bytes, kHttpLabels[data[0] % std::size(kHttpLabels)]);
  if (!valid_utf8(decoded.text)) std::abort();
  return 0;
}
