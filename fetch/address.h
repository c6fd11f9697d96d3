// The IP address ranges a link found in a feed may not make jingwen connect
// to: loopback, private networks, link-local (cloud metadata services sit
// at 169.254.169.254), multicast and the other special-purpose ranges of
// the IANA registries (RFC 6890 and successors). Without this, anyone who
// can put a link in a feed, or a redirect on a page a feed links to, can
// make the daemon fetch from the operator's own network.
//
// The table is in address.cc, one line per range. IPv6 addresses that
// embed an IPv4 one (::ffff:a.b.c.d, the NAT64 prefix 64:ff9b::/96, 6to4
// 2002::/16) are judged by the IPv4 address they carry.
//
// Pure functions; internal to fetch/.
#ifndef JINGWEN_FETCH_ADDRESS_H_
#define JINGWEN_FETCH_ADDRESS_H_

#include <sys/socket.h>

#include <optional>
#include <string>
#include <string_view>

namespace fetch {

// The name of the special-purpose range `address` lies in ("loopback",
// "private", "link-local", ...), or "" for a public address. Families other
// than AF_INET and AF_INET6 are "not-ip".
std::string_view reserved_range(const sockaddr* address);

// "10.0.0.1" or "fe80::1", for messages.
std::string address_text(const sockaddr* address);

// reserved_range() of an address written as text ("127.0.0.2", "::1", as a
// URL's host holds it without brackets); nullopt when `text` is not one.
std::optional<std::string_view> literal_range(const std::string& text);

// "loopback" for the names RFC 6761 reserves for this machine: localhost
// and *.localhost, with or without a final dot, in any case. curl and most
// resolvers answer them without asking DNS or /etc/hosts, so a proxy would
// reach itself. "" for any other name.
std::string_view reserved_name_range(std::string_view host);

}  // namespace fetch

#endif  // JINGWEN_FETCH_ADDRESS_H_
