// The reserved-range table (fetch/address.cc): an address of every kind of
// entry, and public ones next to each range's edge.
#include "fetch/address.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>

#include <string>

namespace fetch {
namespace {

// `text` as a sockaddr of the right family.
sockaddr_storage Parse(const std::string& text) {
  sockaddr_storage s{};
  auto* in = reinterpret_cast<sockaddr_in*>(&s);
  auto* in6 = reinterpret_cast<sockaddr_in6*>(&s);
  if (inet_pton(AF_INET, text.c_str(), &in->sin_addr) == 1) {
    in->sin_family = AF_INET;
  } else {
    EXPECT_EQ(inet_pton(AF_INET6, text.c_str(), &in6->sin6_addr), 1) << text;
    in6->sin6_family = AF_INET6;
  }
  return s;
}

std::string RangeOf(const std::string& text) {
  const sockaddr_storage s = Parse(text);
  return std::string(reserved_range(reinterpret_cast<const sockaddr*>(&s)));
}

struct Case {
  const char* address;
  const char* range;  // "" for public
};

TEST(Address, EveryRangeKindAndItsPublicNeighbours) {
  const Case cases[] = {
      {"0.0.0.0", "this-network"},        {"10.1.2.3", "private"},           {"11.0.0.1", ""},
      {"100.64.0.1", "shared"},           {"100.128.0.1", ""},               {"127.0.0.1", "loopback"},
      {"127.255.255.254", "loopback"},    {"169.254.169.254", "link-local"}, {"172.16.0.1", "private"},
      {"172.31.255.255", "private"},      {"172.32.0.1", ""},                {"192.0.0.8", "ietf-protocol"},
      {"192.0.2.1", "documentation"},     {"192.88.99.1", "6to4-relay"},     {"192.168.1.1", "private"},
      {"198.18.0.1", "benchmarking"},     {"198.20.0.1", ""},                {"198.51.100.7", "documentation"},
      {"203.0.113.9", "documentation"},   {"224.0.0.1", "multicast"},        {"239.255.255.250", "multicast"},
      {"240.0.0.1", "reserved"},          {"255.255.255.255", "reserved"},   {"8.8.8.8", ""},
      {"223.5.5.5", ""},                  {"::", "unspecified"},             {"::1", "loopback"},
      {"::10.0.0.1", "ipv4-compatible"},  {"100::1", "discard"},             {"2001:db8::1", "documentation"},
      {"fd12:3456::1", "unique-local"},   {"fc00::1", "unique-local"},       {"fe80::1", "link-local"},
      {"fec0::1", "site-local"},          {"ff02::1", "multicast"},          {"2400:cb00::1", ""},
      {"2001:4860::8888", ""},
      // Embedded IPv4 addresses are judged by what they carry.
      {"::ffff:10.0.0.1", "private"},     {"::ffff:127.0.0.1", "loopback"},  {"::ffff:8.8.8.8", ""},
      {"64:ff9b::a9fe:a9fe", "link-local"}, {"64:ff9b::808:808", ""},       {"2002:c0a8:0101::1", "private"},
      {"2002:0808:0808::1", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(RangeOf(c.address), c.range) << c.address;
}

TEST(Address, TextNamesTheAddress) {
  const sockaddr_storage v4 = Parse("169.254.169.254");
  const sockaddr_storage v6 = Parse("fe80::1");
  EXPECT_EQ(address_text(reinterpret_cast<const sockaddr*>(&v4)), "169.254.169.254");
  EXPECT_EQ(address_text(reinterpret_cast<const sockaddr*>(&v6)), "fe80::1");
}

TEST(Address, NonIpFamiliesAreNotPublic) {
  sockaddr_storage s{};
  s.ss_family = AF_UNIX;
  EXPECT_EQ(reserved_range(reinterpret_cast<const sockaddr*>(&s)), "not-ip");
}

// RFC 6761's names for this machine, which a fresh system without
// /etc/hosts does not resolve but curl (and so a proxy) answers itself.
TEST(Address, LocalhostNamesAreLoopbackWhateverTheyResolveTo) {
  for (const char* name : {"localhost", "LOCALHOST", "localhost.", "a.localhost", "x.y.Localhost."}) {
    EXPECT_EQ(reserved_name_range(name), "loopback") << name;
  }
  for (const char* name : {"localhost.example.com", "notlocalhost", "localhostx", "www.gov.cn", ""}) {
    EXPECT_EQ(reserved_name_range(name), "") << name;
  }
}

}  // namespace
}  // namespace fetch
