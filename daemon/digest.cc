// SHA-256 through libcrypto's one-shot EVP_Digest (no context to keep), and
// Charikar's SimHash over character shingles.
#include "daemon/digest.h"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>

#include "clean/text.h"

namespace jingwend {
namespace {

struct CodePointRange {
  char32_t first;
  char32_t last;  // inclusive
};

// What SimHash skips: whitespace, controls and punctuation, so a re-post that
// re-wraps lines, swaps ，for , or “” for "" hashes like the original. Sorted,
// disjoint. Letters, digits and Han characters are never in here.
constexpr CodePointRange kSkipped[] = {
    {0x0000, 0x002F},  // controls, space, ASCII !"#$%&'()*+,-./
    {0x003A, 0x0040},  // :;<=>?@
    {0x005B, 0x0060},  // [\]^_`
    {0x007B, 0x00BF},  // {|}~, DEL, C1 controls, NBSP, Latin-1 marks (· « » ...)
    {0x00D7, 0x00D7},  // ×
    {0x00F7, 0x00F7},  // ÷
    {0x1680, 0x1680},  // Ogham space
    {0x2000, 0x206F},  // General Punctuation: spaces, — … “” ‘’ ‰, zero-width marks
    {0x3000, 0x303F},  // CJK Symbols and Punctuation: U+3000 space 、。〈〉《》「」『』【】〔〕
    {0x30FB, 0x30FB},  // katakana middle dot ・
    {0xFE10, 0xFE1F},  // vertical forms ︐︑
    {0xFE30, 0xFE6F},  // CJK compatibility and small forms ︵︶ ﹁﹂ ﹐﹑
    {0xFEFF, 0xFEFF},  // BOM / zero-width no-break space
    {0xFF01, 0xFF0F},  // fullwidth ！＂＃＄％＆＇（）＊＋，－．／
    {0xFF1A, 0xFF20},  // fullwidth ：；＜＝＞？＠
    {0xFF3B, 0xFF40},  // fullwidth ［＼］＾＿｀
    {0xFF5B, 0xFF65},  // fullwidth ｛｜｝～ and halfwidth ｟｠｡｢｣､･
};
static_assert(std::is_sorted(std::begin(kSkipped), std::end(kSkipped),
                             [](const CodePointRange& a, const CodePointRange& b) {
                               return a.last < b.first;
                             }));

bool is_skipped(char32_t cp) {
  const auto* it = std::lower_bound(std::begin(kSkipped), std::end(kSkipped), cp,
                                    [](const CodePointRange& range, char32_t c) {
                                      return range.last < c;
                                    });
  return it != std::end(kSkipped) && it->first <= cp;
}

// The code points SimHash looks at, ASCII letters folded to lower case.
std::u32string significant_chars(std::string_view text) {
  std::u32string out;
  out.reserve(text.size() / 3 + 1);  // mostly three-byte Han characters
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = clean::next_code_point(text, i);
    if (is_skipped(cp)) continue;
    if (cp >= U'A' && cp <= U'Z') cp += U'a' - U'A';
    out += cp;
  }
  return out;
}

// FNV-1a over the code points (4 bytes each), then splitmix64's finaliser:
// FNV alone spreads short inputs poorly over the high bits, and every one of
// the 64 bits votes in SimHash.
std::uint64_t shingle_hash(std::u32string_view shingle) {
  constexpr std::uint64_t kFnvOffset = 0xcbf29ce484222325ULL;
  constexpr std::uint64_t kFnvPrime = 0x100000001b3ULL;
  std::uint64_t h = kFnvOffset;
  for (char32_t cp : shingle) {
    for (int byte = 0; byte < 4; ++byte) {
      h ^= (cp >> (8 * byte)) & 0xFF;
      h *= kFnvPrime;
    }
  }
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  h ^= h >> 31;
  return h;
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  // EVP_Digest fails only when libcrypto cannot allocate; the empty string
  // then names no content, which no real hash equals.
  if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1) {
    return "";
  }
  constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * length);
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0x0F];
  }
  return hex;
}

std::uint64_t simhash(std::string_view utf8_text) {
  const std::u32string chars = significant_chars(utf8_text);
  if (chars.empty()) return 0;
  const std::u32string_view view(chars);
  // A text shorter than one shingle is one shingle.
  const std::size_t width = std::min<std::size_t>(kShingleChars, view.size());
  std::array<std::int64_t, 64> votes{};
  for (std::size_t start = 0; start + width <= view.size(); ++start) {
    const std::uint64_t h = shingle_hash(view.substr(start, width));
    for (int bit = 0; bit < 64; ++bit) votes[bit] += (h >> bit) & 1 ? 1 : -1;
  }
  std::uint64_t result = 0;
  for (int bit = 0; bit < 64; ++bit) {
    if (votes[bit] > 0) result |= std::uint64_t{1} << bit;
  }
  return result;
}

int hamming_distance(std::uint64_t a, std::uint64_t b) { return std::popcount(a ^ b); }

}  // namespace jingwend
