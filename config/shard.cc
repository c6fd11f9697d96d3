// Sharding by host: which instance of N polls a feed. Rendezvous hashing
// (Thaler and Ravishankar's highest random weight): every instance j scores
// the host with weight(host, j) and the highest score wins. Adding instance N
// changes the winner only for the hosts where N scores highest, about
// 1/(N+1) of them, and those move to N; nothing else moves. All feeds of a
// host land on one instance, so per-host politeness and the robots.txt cache
// stay right without coordination (as Nutch and StormCrawler partition).
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "config/config.h"
#include "fetch/fetch.h"

namespace config {
namespace {

constexpr std::uint64_t kFnvOffset = 14695981039346656037ull;
constexpr std::uint64_t kFnvPrime = 1099511628211ull;

std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = kFnvOffset;
  for (const char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= kFnvPrime;
  }
  return h;
}

// MurmurHash3's 64-bit finaliser: every input bit reaches every output bit,
// which FNV-1a alone does not do well enough for a max over N weights.
std::uint64_t mix(std::uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h;
}

std::uint64_t weight(std::uint64_t host_hash, int instance) {
  return mix(host_hash ^ mix(static_cast<std::uint64_t>(instance) + 1));
}

std::optional<int> whole_number(std::string_view text) {
  int value = 0;
  if (text.empty() || text.size() > 4) return std::nullopt;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

std::optional<Shard> parse_shard(std::string_view text) {
  const std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  const std::string_view index = text.substr(0, slash), count = text.substr(slash + 1);
  // from_chars takes a leading '-': only digits are a shard.
  if (index.starts_with('-') || count.starts_with('-')) return std::nullopt;
  const std::optional<int> i = whole_number(index), n = whole_number(count);
  if (!i || !n || *n < 1 || *n > kMaxShards || *i >= *n) return std::nullopt;
  return Shard{.index = *i, .count = *n};
}

std::string shard_name(const Shard& shard) {
  std::string out = std::to_string(shard.index);
  out += '/';
  out += std::to_string(shard.count);
  return out;
}

int shard_of_host(std::string_view host, int count) {
  const std::uint64_t h = fnv1a(host);
  int best = 0;
  std::uint64_t best_weight = weight(h, 0);
  for (int j = 1; j < count; ++j) {
    const std::uint64_t w = weight(h, j);
    if (w > best_weight) {
      best = j;
      best_weight = w;
    }
  }
  return best;
}

std::string feed_host(const FeedConfig& feed) {
  const std::optional<fetch::ParsedUrl> url = fetch::parse_url(feed.url);
  return url ? url->host : std::string();
}

bool in_shard(const Shard& shard, const FeedConfig& feed) {
  return shard.count <= 1 || shard_of_host(feed_host(feed), shard.count) == shard.index;
}

}  // namespace config
