// The one owner of a POSIX file descriptor in jingwen (config/ reads files,
// daemon/ writes the spool): closed exactly once, never copied.
#ifndef JINGWEN_CONFIG_UNIQUE_FD_H_
#define JINGWEN_CONFIG_UNIQUE_FD_H_

#include <unistd.h>

#include <utility>

namespace config {

class UniqueFd {
 public:
  explicit UniqueFd(int fd) : fd_(fd) {}
  ~UniqueFd() {
    if (fd_ >= 0) ::close(fd_);
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  int get() const { return fd_; }
  bool ok() const { return fd_ >= 0; }
  // Closes now and returns close()'s result: close may report a delayed
  // write error (NFS, quotas) that a writer must not ignore.
  int close() { return ::close(std::exchange(fd_, -1)); }

 private:
  int fd_ = -1;
};

}  // namespace config

#endif  // JINGWEN_CONFIG_UNIQUE_FD_H_
