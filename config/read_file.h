// Internal to config/: bounded reads of local files, errors as messages.
#ifndef JINGWEN_CONFIG_READ_FILE_H_
#define JINGWEN_CONFIG_READ_FILE_H_

#include <cstddef>
#include <string>

namespace config {

struct FileBytes {
  std::string bytes = {};
  std::string error = {};  // "" on success; else why, e.g. "cannot read: Permission denied"
  bool ok() const { return error.empty(); }
};

// The bytes of the regular file at `path`; an error when it cannot be opened,
// is not a regular file (a directory, a FIFO that would block) or holds more
// than `max_bytes` (the read stops there: a huge or growing file costs at most
// max_bytes + 1 bytes of memory).
FileBytes read_file(const std::string& path, std::size_t max_bytes);

// "" when `path` is a regular file this process may open for reading, else why
// not ("cannot read /srv/feed.xml: No such file or directory").
std::string check_readable(const std::string& path);

}  // namespace config

#endif  // JINGWEN_CONFIG_READ_FILE_H_
