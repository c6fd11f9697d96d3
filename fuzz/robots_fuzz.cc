// robots.txt parsing and matching: the input is the body; its last line,
// when it starts with '/', is also asked for (a path against every rule).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fetch/robots.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  const fetch::Robots robots = fetch::Robots::parse(body, "jingwen");
  const std::size_t newline = body.rfind('\n');
  const std::string_view last = newline == std::string_view::npos ? body : body.substr(newline + 1);
  (void)robots.allowed(last.starts_with('/') ? last : "/");
  (void)robots.allowed("/zwgk/t20240305_1.html?x=1");
  return 0;
}
