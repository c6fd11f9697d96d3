// The politeness bucket of a host (fetch.h site_key): its registrable domain,
// read from the Public Suffix List that libpsl compiles in.
//
// Why the registrable domain and not the host name: a server with wildcard
// DNS answers for every name under its domain, so a feed listing
// u1.example.com, u2.example.com, ... would otherwise open one politeness
// queue (2 at a time, 1 s apart) per name and reach that one server as hard
// as it likes. Every name a registrant controls lies under its registrable
// domain, so that is the widest bucket a feed cannot leave by inventing
// names. The resolved address would be wider still (many domains on one
// host), but it is known only after DNS, when the request has already been
// queued, and CDNs put unrelated sites on one address. The cost: the
// sub-sites of one registrant share its politeness (news.163.com and
// dy.163.com are one bucket), as Nutch's and StormCrawler's "by domain" mode.
#include <arpa/inet.h>
#include <libpsl.h>

#include <array>
#include <string>
#include <string_view>

#include "fetch/fetch.h"

namespace fetch {
namespace {

bool is_ip_literal(const std::string& host) {
  std::array<unsigned char, 16> bytes{};
  return inet_pton(AF_INET, host.c_str(), bytes.data()) == 1 ||
         inet_pton(AF_INET6, host.c_str(), bytes.data()) == 1;
}

}  // namespace

std::string site_key(std::string_view host) {
  std::string name(host);
  // An address is its own site: PSL rules would read "127.0.0.1" as a name
  // under ".1".
  if (name.empty() || is_ip_literal(name)) return name;
  const psl_ctx_t* list = psl_builtin();
  const char* registrable = list == nullptr ? nullptr : psl_registrable_domain(list, name.c_str());
  // nullptr: the name is itself a public suffix ("gov.cn", "localhost").
  return registrable == nullptr ? name : std::string(registrable);
}

}  // namespace fetch
