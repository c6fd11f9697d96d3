// The maildir spool on plain POSIX calls, each failure reported with the path
// and strerror(errno). The order of write() is what makes it crash-safe:
// tmp/NAME complete and on disk before the rename, the rename on disk (the
// directory fsync) before the caller commits the state.
#include "daemon/spool.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <memory>
#include <utility>

#include "config/unique_fd.h"

namespace jingwend {
namespace {

constexpr mode_t kDirMode = 0750;   // the daemon's user and its consumers' group
constexpr mode_t kFileMode = 0640;
constexpr std::size_t kMaxNameBytes = 255;  // NAME_MAX on Linux filesystems
// The subfolders of a maildir, in the order open() creates them.
constexpr std::array<const char*, 3> kSubdirs = {"tmp", "new", "cur"};
// The flags of a consumed maildir message (cur/NAME:2,FLAGS) that the
// maildir spec defines, in the ASCII order it requires: Draft, Flagged,
// Passed, Replied, Seen, Trashed.
constexpr std::string_view kMaildirFlags = "DFPRST";

using Fd = config::UniqueFd;

struct DirCloser {
  void operator()(DIR* dir) const noexcept { ::closedir(dir); }
};
using Dir = std::unique_ptr<DIR, DirCloser>;

std::string errno_text() { return std::strerror(errno); }

// Creates `path` and its missing parents (like mkdir -p); 0 or an errno.
int make_dirs(const std::string& path) {
  for (std::size_t slash = path.find('/', 1);; slash = path.find('/', slash + 1)) {
    const std::string prefix = path.substr(0, slash);
    if (!prefix.empty() && ::mkdir(prefix.c_str(), kDirMode) != 0 && errno != EEXIST) return errno;
    if (slash == std::string::npos) break;
  }
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return errno;
  return S_ISDIR(st.st_mode) ? 0 : ENOTDIR;
}

// Writes all of `bytes`, resuming after signals and short writes; 0 or an errno.
int write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return 0;
}

int fsync_dir(const std::string& dir) {
  Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!fd.ok()) return errno;
  if (::fsync(fd.get()) != 0) return errno;
  return 0;
}

bool exists(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0;
}

// A record name is one path component of our own making; refuse anything
// that could leave the spool or hide (".x" is skipped by maildir readers) or
// that carries maildir's info separator.
bool valid_name(std::string_view name) {
  return !name.empty() && name.size() <= kMaxNameBytes && name.front() != '.' &&
         name.find_first_of(std::string_view("/:\0", 3)) == std::string_view::npos;
}

// Whether a consumer took NAME from new/: cur/NAME, or cur/NAME:2,FLAGS for
// any subset of the six standard flags. Cost: at most 65 stat() calls (cached
// dentry lookups, microseconds in all) and no read of cur/, which consumers
// may let grow to millions of files. A name carrying flags outside DFPRST
// (Dovecot's lower-case keywords) is not recognised and gets delivered again.
bool consumed(const std::string& cur, std::string_view name) {
  const std::string base = cur + "/" + std::string(name);
  if (exists(base)) return true;
  constexpr unsigned kSubsets = 1u << kMaildirFlags.size();
  for (unsigned subset = 0; subset < kSubsets; ++subset) {
    std::string flagged = base + ":2,";
    for (std::size_t i = 0; i < kMaildirFlags.size(); ++i) {
      if (subset & (1u << i)) flagged += kMaildirFlags[i];
    }
    if (exists(flagged)) return true;
  }
  return false;
}

// Removes the regular files a crashed run left in tmp/; "" or the failure.
std::string clear_tmp(const std::string& tmp) {
  Dir dir(::opendir(tmp.c_str()));
  if (!dir) return "cannot read tmp/: " + errno_text();
  while (const dirent* entry = ::readdir(dir.get())) {
    const std::string_view name = entry->d_name;
    if (name == "." || name == "..") continue;
    const std::string path = tmp + "/" + std::string(name);
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
      return "cannot remove stale tmp/" + std::string(name) + ": " + errno_text();
    }
  }
  return "";
}

}  // namespace

std::optional<Spool> Spool::open(const std::string& dir, std::string* error) {
  const auto fail = [&](const std::string& what) {
    if (error) *error = "spool " + dir + ": " + what;
    return std::nullopt;
  };
  if (dir.empty()) return fail("no directory configured");
  // Trailing slashes would double in every path built below.
  std::string root = dir;
  while (root.size() > 1 && root.back() == '/') root.pop_back();
  if (const int err = make_dirs(root); err != 0) {
    return fail("cannot create it: " + std::string(std::strerror(err)));
  }
  for (const char* sub : kSubdirs) {
    const std::string path = root + "/" + sub;
    if (const int err = make_dirs(path); err != 0) {
      return fail("cannot create " + std::string(sub) + "/: " + std::strerror(err));
    }
  }
  if (std::string cleared = clear_tmp(root + "/tmp"); !cleared.empty()) return fail(cleared);
  return Spool(std::move(root));
}

std::string Spool::write(std::string_view name, std::string_view bytes, bool* already_consumed) {
  if (already_consumed) *already_consumed = false;
  const std::string prefix = "spool " + dir_ + ": ";
  if (!valid_name(name)) return prefix + "refusing record name \"" + std::string(name) + "\"";
  if (consumed(dir_ + "/cur", name)) {
    if (already_consumed) *already_consumed = true;
    return "";
  }
  const std::string tmp = dir_ + "/tmp/" + std::string(name);
  const std::string fresh = dir_ + "/new/" + std::string(name);
  const auto fail = [&](const std::string& what, int err) {
    ::unlink(tmp.c_str());
    return prefix + what + ": " + std::strerror(err);
  };

  Fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, kFileMode));
  if (!fd.ok()) return fail("cannot create tmp/" + std::string(name), errno);
  if (const int err = write_all(fd.get(), bytes); err != 0) {
    return fail("cannot write tmp/" + std::string(name), err);
  }
  if (::fsync(fd.get()) != 0) return fail("cannot fsync tmp/" + std::string(name), errno);
  if (fd.close() != 0) return fail("cannot close tmp/" + std::string(name), errno);
  // Replaces an earlier new/NAME of the same record (a re-write after a crash).
  if (::rename(tmp.c_str(), fresh.c_str()) != 0) {
    return fail("cannot move tmp/" + std::string(name) + " into new/", errno);
  }
  if (const int err = fsync_dir(dir_ + "/new"); err != 0) {
    // The rename may not survive a crash, and the caller will not commit the
    // state: take the record back so it is written again, not delivered twice.
    ::unlink(fresh.c_str());
    return prefix + "cannot fsync new/: " + std::strerror(err);
  }
  return "";
}

bool Spool::holds_records() const {
  for (const char* sub : {"new", "cur"}) {
    Dir dir(::opendir((dir_ + "/" + sub).c_str()));
    // Unreadable: open() just made it, so assume it holds records rather
    // than let the caller treat the spool as never written.
    if (!dir) return true;
    while (const dirent* entry = ::readdir(dir.get())) {
      if (entry->d_name[0] != '.') return true;  // ".", "..", and dot files readers skip
    }
  }
  return false;
}

std::uint64_t Spool::pending() const {
  Dir dir(::opendir((dir_ + "/new").c_str()));
  if (!dir) return 0;  // write() reports the same fault with its message
  std::uint64_t count = 0;
  while (const dirent* entry = ::readdir(dir.get())) {
    if (entry->d_name[0] != '.') ++count;  // ".", "..", and dot files readers skip
  }
  return count;
}

std::optional<std::uint64_t> Spool::free_bytes() const {
  struct statvfs fs {};
  if (::statvfs(dir_.c_str(), &fs) != 0) return std::nullopt;
  return static_cast<std::uint64_t>(fs.f_bavail) * fs.f_frsize;
}

}  // namespace jingwend
