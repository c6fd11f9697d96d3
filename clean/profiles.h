// Site profiles: where known sites and CMSs keep the article body. A profile
// whose selector matches a substantial element overrides the scorer's guess.
#ifndef JINGWEN_CLEAN_PROFILES_H_
#define JINGWEN_CLEAN_PROFILES_H_

#include <span>
#include <string_view>

namespace clean {

struct SiteProfile {
  // Host suffix the profile is for ("163.com" covers www.163.com and
  // dy.163.com); empty: any host (a CMS's markup, not a site's).
  std::string_view host_suffix;
  std::string_view name;      // for logs: which profile found the body
  std::string_view selector;  // the article container (selector.h syntax)
};

std::span<const SiteProfile> site_profiles();

// The host of `url` as written (host_matches ignores case), without port or
// credentials; "" if none.
std::string_view url_host(std::string_view url);

// True when `host` is `suffix` or ends with "." + suffix.
bool host_matches(std::string_view host, std::string_view suffix);

}  // namespace clean

#endif  // JINGWEN_CLEAN_PROFILES_H_
