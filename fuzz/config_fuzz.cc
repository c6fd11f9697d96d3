// The config loader on arbitrary text: TOML syntax, every key's validation,
// the error collection. Either a config or at least one error comes back.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "config/config.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const config::LoadResult result = config::parse_config(text, "/nonexistent/fuzz/jingwen.toml");
  if (result.ok() == !result.errors.empty()) std::abort();
  if (result.ok()) (void)config::describe(*result.config);
  return 0;
}
