#include "clean/gumbo_tree.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace clean {
namespace {

constexpr std::size_t kChunkBytes = 256 * 1024;     // one arena chunk
constexpr std::size_t kOwnBlockBytes = 16 * 1024;   // larger requests get a block of their own
constexpr std::size_t kAlign = alignof(std::max_align_t);

}  // namespace

GumboTree::Arena::~Arena() {
  for (void* c : chunks_) std::free(c);
  for (void* b : own_) std::free(b);
}

// nullptr when the system is out of memory, as malloc (Gumbo's default)
// would return.
void* GumboTree::Arena::allocate(std::size_t bytes) noexcept {
  bytes = (bytes + kAlign - 1) / kAlign * kAlign;
  if (bytes > kOwnBlockBytes) {
    own_.reserve(own_.size() + 1);  // may throw before the malloc, not after
    void* block = std::malloc(bytes + kAlign);
    if (block == nullptr) return nullptr;
    own_.insert(block);
    // The block's size sits in front of it, for held_bytes().
    *static_cast<std::size_t*>(block) = bytes;
    held_ += bytes;
    return static_cast<char*>(block) + kAlign;
  }
  if (bytes > left_) {
    chunks_.reserve(chunks_.size() + 1);
    void* chunk = std::malloc(kChunkBytes);
    if (chunk == nullptr) return nullptr;
    chunks_.push_back(chunk);
    held_ += kChunkBytes;
    next_ = static_cast<char*>(chunk);
    left_ = kChunkBytes;
  }
  void* p = next_;
  next_ += bytes;
  left_ -= bytes;
  return p;
}

void* GumboTree::allocate(void* arena, std::size_t bytes) { return static_cast<Arena*>(arena)->allocate(bytes); }

void GumboTree::Arena::deallocate(void* ptr) noexcept {
  if (ptr == nullptr) return;
  // Chunk memory waits for ~Arena; only a large block's start is in own_.
  void* block = reinterpret_cast<void*>(reinterpret_cast<std::uintptr_t>(ptr) - kAlign);
  if (own_.erase(block) == 0) return;
  held_ -= *static_cast<std::size_t*>(block);
  std::free(block);
}

void GumboTree::deallocate(void* arena, void* ptr) { static_cast<Arena*>(arena)->deallocate(ptr); }

GumboTree::GumboTree(std::string_view html) : options_(kGumboDefaultOptions) {
  options_.max_errors = 0;
  options_.allocator = &allocate;
  options_.deallocator = &deallocate;
  options_.userdata = &arena_;
  output_ = gumbo_parse_with_options(&options_, html.data(), html.size());
}

// No gumbo_destroy_output(): it would only walk the tree to call the no-op
// deallocator; the arena's destructor frees the memory.
GumboTree::~GumboTree() = default;

}  // namespace clean
