#include "fetch/target_screen.h"

#include <boost/asio/post.hpp>
#include <string>
#include <utility>

#include "fetch/address.h"

namespace fetch {
namespace {

Error refusal(const ParsedUrl& url, const std::string& address, std::string_view range) {
  return {ErrorCode::kBlockedAddress,
          "refused to request " + url.url + " through the proxy: " + address + " (" + std::string(range) +
              ") is not public; links from a feed may reach only public addresses and the feed's own origin"};
}

}  // namespace

TargetScreen::TargetScreen(boost::asio::io_context& io) : io_(io), resolver_(io) {}

void TargetScreen::check(const ParsedUrl& url, const Origin& own, std::function<void(Error)> done) {
  Error verdict;
  if (own.holds(url)) {
    // The operator chose it; its address is the proxy's business.
  } else if (const std::optional<std::string_view> range = literal_range(url.host)) {
    if (!range->empty()) verdict = refusal(url, url.host, *range);
  } else if (const std::string_view name_range = reserved_name_range(url.host); !name_range.empty()) {
    verdict = refusal(url, url.host, name_range);  // whether or not it resolves here
  } else {
    resolver_.async_resolve(
        url.host, std::to_string(url.port),
        [url, done = std::move(done)](const boost::system::error_code& ec,
                                      const boost::asio::ip::tcp::resolver::results_type& results) {
          // Unresolvable here (or cancelled): the proxy resolves it.
          Error answer;
          if (!ec) {
            for (const auto& entry : results) {
              const std::string_view range = reserved_range(entry.endpoint().data());
              if (!range.empty()) {
                answer = refusal(url, url.host + " = " + address_text(entry.endpoint().data()), range);
                break;
              }
            }
          }
          done(std::move(answer));
        });
    return;
  }
  boost::asio::post(io_, [done = std::move(done), verdict = std::move(verdict)]() mutable { done(std::move(verdict)); });
}

void TargetScreen::cancel() { resolver_.cancel(); }

}  // namespace fetch
