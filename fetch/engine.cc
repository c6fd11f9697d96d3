// STUB until the engine helper lands.
#include "fetch/engine.h"
namespace fetch {
struct Engine::Impl {};
Engine::Engine(boost::asio::io_context&, const Options&) {}
Engine::~Engine() = default;
void Engine::start(Attempt, Callback) {}
void Engine::cancel_all() {}
std::size_t Engine::in_flight() const { return 0; }
}  // namespace fetch
