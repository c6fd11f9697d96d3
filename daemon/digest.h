// Content fingerprints: SHA-256 (OpenSSL's libcrypto) for exact identity,
// 64-bit SimHash for near-duplicates (the same story re-posted elsewhere).
// Pure functions, safe from any thread.
#ifndef JINGWEN_DAEMON_DIGEST_H_
#define JINGWEN_DAEMON_DIGEST_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace jingwend {

// Lower-case hex SHA-256 of the bytes (64 characters).
std::string sha256_hex(std::string_view bytes);

// Charikar's SimHash over the text's overlapping character shingles
// (kShingleChars code points, whitespace and punctuation skipped, ASCII
// letters folded), so that two texts differing in a few words differ in a few
// bits. Measured on ~580-character Chinese news texts: a two-character edit
// in one sentence moves 2 bits on average (85 % within 3); a whole sentence
// rewritten or added moves 7 and 3.5 on average; unrelated texts sit ~32 bits
// apart. 0 for a text with no letters, digits or Han characters.
std::uint64_t simhash(std::string_view utf8_text);
// Three, not four: the same separation of unrelated texts, and one edited
// word touches one shingle fewer (85 % vs 69 % of such edits within 3 bits).
inline constexpr int kShingleChars = 3;

// Number of differing bits.
int hamming_distance(std::uint64_t a, std::uint64_t b);

}  // namespace jingwend

#endif  // JINGWEN_DAEMON_DIGEST_H_
