// clean::extract on arbitrary page bytes (stage 1 onwards: decode, pre-scan,
// Gumbo, locate, filters, conversion, metadata). The first byte picks the
// URL, so the site profiles' branches are reached too.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "clean/clean.h"

namespace {
constexpr const char* kUrls[] = {"", "https://www.163.com/dy/article/X.html", "https://www.gov.cn/zhengce/a.htm"};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  clean::Input input;
  input.url = kUrls[data[0] % std::size(kUrls)];
  input.bytes = std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1);
  const clean::Article article = clean::extract(input);
  (void)article.text();
  return 0;
}
