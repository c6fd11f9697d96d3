// Local files through POSIX calls, so an error says why (errno) and a FIFO or
// a device given as the config path cannot block the daemon.
#include "config/read_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>

#include "config/unique_fd.h"

#include "config/duration.h"

namespace config {
namespace {

using Fd = config::UniqueFd;

// O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
Fd open_for_reading(const std::string& path) {
  return Fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
}

std::string errno_text(int error) { return std::strerror(error); }

// "" when `fd` is a regular file, else why not.
std::string check_regular(const Fd& fd) {
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) return "cannot stat: " + errno_text(errno);
  if (S_ISDIR(info.st_mode)) return "is a directory, not a file";
  if (!S_ISREG(info.st_mode)) return "is not a regular file";
  return "";
}

}  // namespace

FileBytes read_file(const std::string& path, std::size_t max_bytes) {
  FileBytes result;
  const Fd fd = open_for_reading(path);
  if (!fd.ok()) {
    result.error = "cannot read: " + errno_text(errno);
    return result;
  }
  if (std::string fault = check_regular(fd); !fault.empty()) {
    result.error = std::move(fault);
    return result;
  }
  // Read one byte past the limit to tell "exactly max_bytes" from "more".
  constexpr std::size_t kChunkBytes = 16u << 10;
  char chunk[kChunkBytes];
  while (result.bytes.size() <= max_bytes) {
    const std::size_t want = std::min(kChunkBytes, max_bytes + 1 - result.bytes.size());
    const ssize_t got = ::read(fd.get(), chunk, want);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      result.error = "cannot read: " + errno_text(errno);
      return result;
    }
    if (got == 0) break;
    result.bytes.append(chunk, static_cast<std::size_t>(got));
  }
  if (result.bytes.size() > max_bytes) {
    result.error = "file is larger than " + format_size(max_bytes) + "; refusing to read it";
    result.bytes.clear();
  }
  return result;
}

std::string check_readable(const std::string& path) {
  const Fd fd = open_for_reading(path);
  if (!fd.ok()) return "cannot read " + path + ": " + errno_text(errno);
  if (std::string fault = check_regular(fd); !fault.empty()) return path + " " + fault;
  return "";
}

}  // namespace config
