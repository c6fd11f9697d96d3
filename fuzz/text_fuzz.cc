// The line filters, spam and pinyin removal, conversion and metadata on
// arbitrary text (Input::plain_text: what `jingwen clean --text` runs).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "clean/clean.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  clean::Input input;
  input.bytes = std::string_view(reinterpret_cast<const char*>(data), size);
  input.plain_text = true;
  const clean::Article article = clean::extract(input);
  (void)article.text();
  return 0;
}
