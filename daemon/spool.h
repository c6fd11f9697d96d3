// The spool: a maildir (tmp/, new/, cur/) that other programs consume.
// Consumers own new/ (they move records to cur/ or delete them).
//
// A record is written to tmp/NAME, fsync'd, renamed into new/NAME, and new/ is
// fsync'd: a reader never sees a partial file and a crash never leaves a
// half-written record in new/. Not thread-safe: the daemon's I/O thread owns it.
#ifndef JINGWEN_DAEMON_SPOOL_H_
#define JINGWEN_DAEMON_SPOOL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jingwend {

class Spool {
 public:
  // Creates dir, dir/tmp, dir/new, dir/cur as needed (mode 0750 on creation)
  // and removes leftovers in tmp/ from a crashed run. nullopt with `error`
  // set ("spool /x: cannot create new/: Permission denied") on failure.
  static std::optional<Spool> open(const std::string& dir, std::string* error);

  // Writes `bytes` as new/NAME (see the file comment). Returns "" on
  // success, else an error message naming the file and the errno text; on
  // failure nothing is left in new/ or tmp/. When cur/NAME (or a cur/NAME:2,…
  // maildir-flagged name) exists the record was already delivered and
  // consumed: nothing is written and `already_consumed` is set.
  std::string write(std::string_view name, std::string_view bytes, bool* already_consumed = nullptr);

  // True when new/ or cur/ holds a record (any name not starting with '.'):
  // this spool has been written before. Stops at the first one found.
  bool holds_records() const;

  // Files in new/ now (a directory read; call it at most every second or so).
  std::uint64_t pending() const;
  // Bytes available to an unprivileged user on the spool's filesystem.
  std::optional<std::uint64_t> free_bytes() const;

  const std::string& dir() const { return dir_; }

 private:
  explicit Spool(std::string dir) : dir_(std::move(dir)) {}
  std::string dir_;
};

}  // namespace jingwend

#endif  // JINGWEN_DAEMON_SPOOL_H_
