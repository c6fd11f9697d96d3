// The one owner of OpenCC handles. Code elsewhere in jingwen holds an
// OpenccConverter (or the shared one from shared_opencc()) and never sees
// OpenCC's C API, its error reporting or its exceptions.
//
// Thread safety. Converting with one handle from many threads at once is safe:
// a loaded config is a read-only trie, and each lookup uses its own cursor
// (OpenCC's MarisaDict::MatchPrefix builds a local marisa::Agent; the
// maintainer confirms in BYVoid/OpenCC#231 that Converter is thread-safe and
// unit-tested so). What is NOT safe is OpenCC's error reporting: every failing
// C call writes one process-wide std::string that opencc_error() returns,
// unsynchronised. So opening (and reading its error) is serialised here, and
// convert() hands OpenCC only well-formed UTF-8, the one input that makes a
// conversion fail, and never reads opencc_error() after a conversion.
//
// The cache behind shared_opencc() is the only shared state in clean/: loaded
// dictionaries, immutable after load, behind one mutex.
#ifndef JINGWEN_CLEAN_OPENCC_H_
#define JINGWEN_CLEAN_OPENCC_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace clean {

// A converted text, or why there is none.
struct OpenccResult {
  std::string text;
  std::string error;  // empty on success; names the config and the failure
  bool ok() const { return error.empty(); }
};

// Config names are user input (a feed's `opencc_config`). Only a bare file
// name from OpenCC's data folder is accepted: 1 to kMaxOpenccConfigName
// characters of [a-z0-9_-], optionally followed by ".json". No path can be
// spelled that way, so a hostile value cannot open an arbitrary file.
constexpr std::size_t kMaxOpenccConfigName = 32;
bool is_valid_opencc_config(std::string_view config);

// One loaded OpenCC config. Move-only; closes its handle on destruction.
class OpenccConverter {
 public:
  // Loads `config` ("t2s", "tw2sp.json", ...) from OpenCC's data folder
  // (/usr/share/opencc/ on Debian). Costs about a millisecond and 1 MB for
  // t2s (libopencc 1.1.6): load once per process through shared_opencc(),
  // not per page. On failure the result is !ok() and error() says why.
  // Never throws.
  static OpenccConverter open(std::string_view config);

  OpenccConverter() = default;  // empty: !ok()
  OpenccConverter(OpenccConverter&&) noexcept = default;
  OpenccConverter& operator=(OpenccConverter&&) noexcept = default;

  bool ok() const { return handle_ != nullptr; }
  // The normalised config name ("t2s" for "t2s.json").
  const std::string& config() const { return config_; }
  // Why open() failed; empty when ok().
  const std::string& error() const { return error_; }

  // Converts UTF-8 `text`. Malformed UTF-8 is first repaired to U+FFFD
  // (OpenCC rejects it); NUL bytes pass through (OpenCC would stop at them).
  // Never throws. Thread-safe: any number of threads may share one converter.
  OpenccResult convert(std::string_view text) const;

 private:
  struct Close {
    void operator()(void* handle) const noexcept;
  };
  std::unique_ptr<void, Close> handle_;  // an opencc_t
  std::string config_;
  std::string error_;
};

// The process-wide converter for `config`, loaded on first use and shared
// by every later call with the same config (with or without ".json").
// Never null; check ->ok(). A failed load is remembered too (up to a bound),
// so a bad config costs one attempt, not one per page. Thread-safe.
std::shared_ptr<const OpenccConverter> shared_opencc(std::string_view config);

}  // namespace clean

#endif  // JINGWEN_CLEAN_OPENCC_H_
