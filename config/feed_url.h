// Internal to config/: a feed URL as written in the config -> the absolute URL
// the daemon fetches.
#ifndef JINGWEN_CONFIG_FEED_URL_H_
#define JINGWEN_CONFIG_FEED_URL_H_

#include <filesystem>
#include <string>
#include <string_view>

namespace config {

struct FeedUrl {
  std::string url = {};    // absolute and normalised (fetch's parser) when error is ""
  std::string error = {};  // why `written` is not a feed URL ("no host", ...)
};

// http:// and https:// URLs need a host. file:///abs/path (or file:/abs/path)
// names a local file; file:rel/path resolves against `config_dir`. A file
// feed's file must be a regular file this process can read now: a typo in a
// path is a load error, not a feed that fails forever. Other schemes are
// refused. REQUIRES: config_dir is absolute.
FeedUrl resolve_feed_url(std::string_view written, const std::filesystem::path& config_dir);

}  // namespace config

#endif  // JINGWEN_CONFIG_FEED_URL_H_
