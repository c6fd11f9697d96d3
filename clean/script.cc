// Stage 5, convert: count, decide, and only then load and run OpenCC.
#include "clean/script.h"

#include <utility>
#include <vector>

#include "clean/opencc.h"
#include "clean/text.h"

namespace clean {
namespace {

constexpr std::string_view kTraditionalTag = "zh-Hant";

ScriptResult failed(std::string error) {
  ScriptResult result;
  result.error = std::move(error);
  return result;
}

}  // namespace

ScriptCounts count_script(std::string_view text) {
  ScriptCounts counts;
  for (std::size_t i = 0; i < text.size();) {
    // No ASCII byte is a marked character; skip it without decoding.
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    switch (script_mark(next_code_point(text, i))) {
      case ScriptMark::kTraditional: ++counts.traditional; break;
      case ScriptMark::kSimplified: ++counts.simplified; break;
      case ScriptMark::kNone: break;
    }
  }
  return counts;
}

bool reads_traditional(const ScriptCounts& counts) {
  return counts.traditional >= kMinTraditionalMarks &&
         counts.traditional >= kTraditionalPerSimplified * counts.simplified;
}

ScriptResult convert_if_traditional(std::span<std::string* const> texts, std::string_view config) {
  ScriptCounts counts;
  for (const std::string* text : texts) {
    if (text != nullptr) counts += count_script(*text);
  }
  if (!reads_traditional(counts)) return {};

  const auto converter = shared_opencc(config);
  if (!converter->ok()) return failed(converter->error());
  // Convert into copies first so that a failure halfway leaves every text as it was.
  std::vector<std::string> converted;
  converted.reserve(texts.size());
  for (const std::string* text : texts) {
    if (text == nullptr) continue;
    OpenccResult result = converter->convert(*text);
    if (!result.ok()) return failed(std::move(result.error));
    converted.push_back(std::move(result.text));
  }
  auto next = converted.begin();
  for (std::string* text : texts) {
    if (text != nullptr) text->swap(*next++);
  }
  ScriptResult result;
  result.converted = true;
  result.from = kTraditionalTag;
  return result;
}

}  // namespace clean
