#include "fetch/address.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <span>

namespace fetch {
namespace {

using Bytes16 = std::array<std::uint8_t, 16>;

struct Range {
  Bytes16 prefix;  // network order; IPv4 ranges use the first four bytes
  int bits;
  std::string_view name;
};

// IANA IPv4 Special-Purpose Address Registry, plus multicast and the
// reserved 240/4 (255.255.255.255 included). First match wins.
constexpr Range kIpv4Reserved[] = {
    {{0}, 8, "this-network"},
    {{10}, 8, "private"},
    {{100, 64}, 10, "shared"},  // carrier-grade NAT
    {{127}, 8, "loopback"},
    {{169, 254}, 16, "link-local"},
    {{172, 16}, 12, "private"},
    {{192, 0, 0}, 24, "ietf-protocol"},
    {{192, 0, 2}, 24, "documentation"},
    {{192, 88, 99}, 24, "6to4-relay"},
    {{192, 168}, 16, "private"},
    {{198, 18}, 15, "benchmarking"},
    {{198, 51, 100}, 24, "documentation"},
    {{203, 0, 113}, 24, "documentation"},
    {{224}, 4, "multicast"},
    {{240}, 4, "reserved"},
};

// IANA IPv6 Special-Purpose Address Registry, plus multicast and the
// deprecated site-local range. The ranges that embed an IPv4 address are
// in kIpv6Embedding and come first.
constexpr Range kIpv6Reserved[] = {
    {{}, 128, "unspecified"},
    {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 128, "loopback"},
    {{}, 96, "ipv4-compatible"},  // deprecated (RFC 4291 2.5.5.1)
    {{0x01}, 64, "discard"},      // 100::/64
    {{0x20, 0x01, 0x0d, 0xb8}, 32, "documentation"},
    {{0xfc}, 7, "unique-local"},
    {{0xfe, 0x80}, 10, "link-local"},
    {{0xfe, 0xc0}, 10, "site-local"},
    {{0xff}, 8, "multicast"},
};

// IPv6 ranges that carry an IPv4 address at `offset`: judged by it.
struct Embedding {
  Range range;
  int offset;
};
constexpr Embedding kIpv6Embedding[] = {
    {{{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff}, 96, "ipv4-mapped"}, 12},
    {{{0x00, 0x64, 0xff, 0x9b}, 96, "nat64"}, 12},
    {{{0x20, 0x02}, 16, "6to4"}, 2},
};

bool in_range(std::span<const std::uint8_t> address, const Range& range) {
  const int whole = range.bits / 8;
  if (std::memcmp(address.data(), range.prefix.data(), static_cast<std::size_t>(whole)) != 0) return false;
  const int rest = range.bits % 8;
  if (rest == 0) return true;
  const auto mask = static_cast<std::uint8_t>(0xff << (8 - rest));
  return (address[static_cast<std::size_t>(whole)] & mask) == (range.prefix[static_cast<std::size_t>(whole)] & mask);
}

template <std::size_t N>
std::string_view first_match(std::span<const std::uint8_t> address, const Range (&table)[N]) {
  for (const Range& r : table) {
    if (in_range(address, r)) return r.name;
  }
  return {};
}

std::string_view ipv6_range(std::span<const std::uint8_t, 16> address) {
  for (const Embedding& e : kIpv6Embedding) {
    if (in_range(address, e.range)) {
      return first_match(address.subspan(static_cast<std::size_t>(e.offset), 4), kIpv4Reserved);
    }
  }
  return first_match(address, kIpv6Reserved);
}

}  // namespace

std::string_view reserved_range(const sockaddr* address) {
  if (address->sa_family == AF_INET) {
    sockaddr_in in{};
    std::memcpy(&in, address, sizeof in);
    std::array<std::uint8_t, 4> bytes{};
    std::memcpy(bytes.data(), &in.sin_addr, bytes.size());
    return first_match(bytes, kIpv4Reserved);
  }
  if (address->sa_family == AF_INET6) {
    sockaddr_in6 in6{};
    std::memcpy(&in6, address, sizeof in6);
    std::array<std::uint8_t, 16> bytes{};
    std::memcpy(bytes.data(), &in6.sin6_addr, bytes.size());
    return ipv6_range(bytes);
  }
  return "not-ip";
}

std::string address_text(const sockaddr* address) {
  std::array<char, INET6_ADDRSTRLEN> text{};
  const void* raw = nullptr;
  if (address->sa_family == AF_INET) {
    raw = &reinterpret_cast<const sockaddr_in*>(address)->sin_addr;
  } else if (address->sa_family == AF_INET6) {
    raw = &reinterpret_cast<const sockaddr_in6*>(address)->sin6_addr;
  }
  if (raw == nullptr || inet_ntop(address->sa_family, raw, text.data(), text.size()) == nullptr) return "?";
  return text.data();
}

std::optional<std::string_view> literal_range(const std::string& text) {
  sockaddr_storage address{};
  auto* in = reinterpret_cast<sockaddr_in*>(&address);
  auto* in6 = reinterpret_cast<sockaddr_in6*>(&address);
  if (inet_pton(AF_INET, text.c_str(), &in->sin_addr) == 1) {
    in->sin_family = AF_INET;
  } else if (inet_pton(AF_INET6, text.c_str(), &in6->sin6_addr) == 1) {
    in6->sin6_family = AF_INET6;
  } else {
    return std::nullopt;
  }
  return reserved_range(reinterpret_cast<const sockaddr*>(&address));
}

std::string_view reserved_name_range(std::string_view host) {
  if (host.ends_with('.')) host.remove_suffix(1);
  std::string lower(host);
  for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return lower == "localhost" || lower.ends_with(".localhost") ? "loopback" : "";
}

}  // namespace fetch
