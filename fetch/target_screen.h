// The address check for requests that go through a proxy. There the
// connection goes to the proxy, so the Engine's socket hook cannot see where
// a request really goes; the target is judged here, before any request for
// it is made (and before each redirect hop, which Client then follows
// itself):
//   1. the feed's own origin (scheme, host, port): allowed, the operator
//      chose it;
//   2. an IP-literal host ("127.0.0.2", "::1", "::127.0.0.1"): refused when
//      in a reserved range (address.h);
//   3. localhost and *.localhost (RFC 6761): refused without a lookup, since
//      the proxy would answer them itself even where this machine has no
//      /etc/hosts entry for them;
//   4. any other name: resolved here (getaddrinfo on asio's resolver thread, so the
//      io thread never waits: /etc/hosts, then this machine's DNS) and
//      refused when any address it has is reserved. A name that does not
//      resolve here is left to the proxy.
// What this cannot see is the proxy's own resolution: a name public here may
// resolve to an internal address there. The proxy must refuse private
// destinations itself (jingwend(8) says so).
//
// Threading: belongs to the io_context's thread, like Client.
#ifndef JINGWEN_FETCH_TARGET_SCREEN_H_
#define JINGWEN_FETCH_TARGET_SCREEN_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <functional>

#include "fetch/fetch.h"

namespace fetch {

class TargetScreen {
 public:
  explicit TargetScreen(boost::asio::io_context& io);

  // Judges `url` as the file comment says. `done` gets ok, or kBlockedAddress
  // naming the URL and the address. It runs on the io thread, never inside
  // check(); after cancel() or the TargetScreen's end it still runs (with
  // ok), so it must check that its request is still wanted and its owner
  // still alive.
  void check(const ParsedUrl& url, const Origin& own, std::function<void(Error)> done);
  // Abandons resolutions in flight.
  void cancel();

 private:
  boost::asio::io_context& io_;
  boost::asio::ip::tcp::resolver resolver_;
};

}  // namespace fetch

#endif  // JINGWEN_FETCH_TARGET_SCREEN_H_
