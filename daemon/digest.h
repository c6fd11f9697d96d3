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
// (kShingleChars code points, whitespace and punctuation skipped), so that
// two texts differing in a few sentences differ in a few bits.
std::uint64_t simhash(std::string_view utf8_text);
inline constexpr int kShingleChars = 4;

// Number of differing bits.
int hamming_distance(std::uint64_t a, std::uint64_t b);

}  // namespace jingwend

#endif  // JINGWEN_DAEMON_DIGEST_H_
