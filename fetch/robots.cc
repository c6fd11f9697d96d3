// STUB until the robots helper lands.
#include "fetch/robots.h"
namespace fetch {
Robots Robots::allow_all() { return {}; }
Robots Robots::disallow_all() { Robots r; r.disallow_everything_ = true; return r; }
Robots Robots::parse(std::string_view, std::string_view, std::size_t) { return {}; }
Robots Robots::from_response(const Response&, std::string_view, std::size_t) { return {}; }
bool Robots::allowed(std::string_view) const { return !disallow_everything_; }
}  // namespace fetch
