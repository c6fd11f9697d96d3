// STUB until client.cc lands.
#include "fetch/fetch.h"
namespace fetch {
std::string_view error_name(ErrorCode) { return "error"; }
struct Client::Impl {};
Client::Client(boost::asio::io_context&, Options) {}
Client::~Client() = default;
void Client::get(Request, std::function<void(Response)>) {}
void Client::cancel_all() {}
std::size_t Client::in_flight() const { return 0; }
std::size_t Client::queued() const { return 0; }
}  // namespace fetch
