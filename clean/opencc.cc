// OpenCC behind an owning handle, plus the process-wide cache of loaded
// configs. See opencc.h for what is shared and why that is safe.
#include "clean/opencc.h"

#include <opencc/opencc.h>

#include <algorithm>
#include <exception>
#include <map>
#include <mutex>

#include "clean/text.h"

// Where OpenCC's *.json configs live. opencc_open("t2s") would also find
// them, but it tries the bare name relative to the working directory first
// (Config::FindConfigFile: "t2s", then <data dir>/t2s, then .../t2s.json; seen
// with strace on libopencc 1.1.6), so a stray t2s.json in the daemon's working
// directory would win. An absolute path skips that lookup. The dictionaries a
// config names (TSPhrases.ocd2, ...) are still tried in the working directory
// before the config's folder; the C API has no switch for that.
#ifndef JINGWEN_OPENCC_DATA_DIR
#define JINGWEN_OPENCC_DATA_DIR "/usr/share/opencc/"
#endif

namespace clean {
namespace {

constexpr std::string_view kJsonSuffix = ".json";
// Rejected names are echoed into errors (and logs) only this far.
constexpr std::size_t kMaxEchoedName = 64;
// Failed loads remembered by shared_opencc() stop here, so a stream of
// distinct bad names cannot grow the cache without bound. Successful loads are
// bounded anyway by the config files that exist.
constexpr std::size_t kMaxCachedConfigs = 64;

std::string_view strip_json_suffix(std::string_view config) {
  if (config.ends_with(kJsonSuffix)) config.remove_suffix(kJsonSuffix.size());
  return config;
}

bool is_config_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

// A hostile name must not put control bytes or megabytes into a log line.
std::string printable(std::string_view s) {
  std::string out(s.substr(0, kMaxEchoedName));
  for (char& c : out) {
    if (c < 0x20 || c > 0x7E || c == '"') c = '?';
  }
  if (s.size() > kMaxEchoedName) out += "...";
  return out;
}

std::string config_error(std::string_view config, std::string_view what) {
  std::string msg = "convert: opencc config \"";
  msg += printable(config);
  msg += "\": ";
  msg += what;
  return msg;
}

// opencc_open() reports failure through the one global that opencc_error()
// reads; holding this across both keeps the message ours.
std::mutex& open_mutex() {
  static auto& mutex = *new std::mutex;
  return mutex;
}

// True when next_code_point() would not have to substitute U+FFFD for a
// malformed byte, i.e. every lead byte has its continuation bytes.
bool is_well_formed_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t start = i;
    next_code_point(s, i);
    if (i == start + 1 && static_cast<unsigned char>(s[start]) >= 0x80) return false;
  }
  return true;
}

// OpenCC throws on a bad lead byte (writing the shared error string) and
// trusts lead bytes for the length of a sequence, reading past a truncated
// one; hand it only well-formed sequences.
std::string repair_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  for (std::size_t i = 0; i < s.size();) append_utf8(out, next_code_point(s, i));
  return out;
}

struct FreeOpenccString {
  void operator()(char* s) const noexcept { opencc_convert_utf8_free(s); }
};

// Appends the conversion of `piece` (no NUL bytes, well-formed UTF-8) to
// `out`. The C API catches only std::runtime_error; anything else OpenCC's
// C++ throws (bad_alloc, a marisa exception) would cross into our code.
bool convert_piece(void* handle, std::string_view piece, std::string& out) noexcept {
  try {
    std::unique_ptr<char, FreeOpenccString> converted(
        opencc_convert_utf8(handle, piece.data(), piece.size()));
    if (converted == nullptr) return false;
    out += converted.get();
    return true;
  } catch (...) {
    return false;
  }
}

}  // namespace

bool is_valid_opencc_config(std::string_view config) {
  const std::string_view name = strip_json_suffix(config);
  if (name.empty() || name.size() > kMaxOpenccConfigName) return false;
  for (char c : name) {
    if (!is_config_char(c)) return false;
  }
  return true;
}

void OpenccConverter::Close::operator()(void* handle) const noexcept { opencc_close(handle); }

OpenccConverter OpenccConverter::open(std::string_view config) {
  OpenccConverter converter;
  if (!is_valid_opencc_config(config)) {
    converter.error_ = config_error(config, "not a config name (want [a-z0-9_-], optionally .json)");
    return converter;
  }
  converter.config_ = strip_json_suffix(config);
  const std::string path = JINGWEN_OPENCC_DATA_DIR + converter.config_ + ".json";
  std::lock_guard<std::mutex> lock(open_mutex());
  try {
    opencc_t handle = opencc_open(path.c_str());
    // Failure is (opencc_t)-1, not null.
    if (handle == nullptr || handle == reinterpret_cast<opencc_t>(-1)) {
      converter.error_ = config_error(config, opencc_error());
      return converter;
    }
    converter.handle_.reset(handle);
  } catch (const std::exception& e) {
    converter.error_ = config_error(config, e.what());
  } catch (...) {
    converter.error_ = config_error(config, "OpenCC threw while loading");
  }
  return converter;
}

OpenccResult OpenccConverter::convert(std::string_view text) const {
  OpenccResult result;
  if (!ok()) {
    result.error = error_.empty() ? config_error(config_, "not loaded") : error_;
    return result;
  }
  std::string repaired;
  if (!is_well_formed_utf8(text)) {
    repaired = repair_utf8(text);
    text = repaired;
  }
  result.text.reserve(text.size());
  // OpenCC converts C strings and would stop at the first NUL: convert the
  // pieces between NULs and keep the NULs.
  for (std::size_t start = 0; start <= text.size();) {
    const std::size_t nul = std::min(text.find('\0', start), text.size());
    const std::string_view piece = text.substr(start, nul - start);
    if (!piece.empty() && !convert_piece(handle_.get(), piece, result.text)) {
      // Not opencc_error(): another thread may be writing it.
      result.text.clear();
      result.error = config_error(config_, "conversion failed");
      return result;
    }
    if (nul < text.size()) result.text += '\0';
    start = nul + 1;
  }
  return result;
}

std::shared_ptr<const OpenccConverter> shared_opencc(std::string_view config) {
  // Invalid names are rejected without a lookup (and without caching them).
  if (!is_valid_opencc_config(config)) {
    return std::make_shared<const OpenccConverter>(OpenccConverter::open(config));
  }
  // Never destroyed: a worker still converting during exit must not find
  // its converter closed under it.
  static auto& mutex = *new std::mutex;
  static auto& cache =
      *new std::map<std::string, std::shared_ptr<const OpenccConverter>, std::less<>>;
  const std::string_view key = strip_json_suffix(config);
  // Loading under the lock makes each config load once; a load takes about
  // a millisecond, once per process.
  std::lock_guard<std::mutex> lock(mutex);
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  auto converter = std::make_shared<const OpenccConverter>(OpenccConverter::open(key));
  if (converter->ok() || cache.size() < kMaxCachedConfigs) cache.emplace(key, converter);
  return converter;
}

}  // namespace clean
