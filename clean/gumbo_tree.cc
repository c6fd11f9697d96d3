#include "clean/gumbo_tree.h"

#include <csetjmp>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>

namespace clean {
namespace {

constexpr std::size_t kChunkBytes = 256 * 1024;     // one arena chunk
constexpr std::size_t kOwnBlockBytes = 16 * 1024;   // larger requests get a block of their own
constexpr std::size_t kAlign = alignof(std::max_align_t);

// A vector's reserve() that says no instead of throwing.
bool room_for_one_more(std::vector<void*>& list) noexcept {
  try {
    list.reserve(list.size() + 1);
    return true;
  } catch (const std::bad_alloc&) {
    return false;
  }
}

}  // namespace

GumboTree::Arena::~Arena() {
  for (void* c : chunks_) std::free(c);
  for (void* b : own_) std::free(b);
}

void* GumboTree::Arena::allocate(std::size_t bytes) noexcept {
  bytes = (bytes + kAlign - 1) / kAlign * kAlign;
  if (bytes > kOwnBlockBytes) {
    if (held_ + bytes > max_held_) return nullptr;
    void* block = std::malloc(bytes + kAlign);
    if (block == nullptr) return nullptr;
    try {
      own_.insert(block);
    } catch (const std::bad_alloc&) {
      std::free(block);
      return nullptr;
    }
    // The block's size sits in front of it, for held_bytes().
    *static_cast<std::size_t*>(block) = bytes;
    held_ += bytes;
    return static_cast<char*>(block) + kAlign;
  }
  if (bytes > left_) {
    if (held_ + kChunkBytes > max_held_) return nullptr;
    if (!room_for_one_more(chunks_)) return nullptr;
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

void* GumboTree::allocate(void* tree, std::size_t bytes) {
  auto* self = static_cast<GumboTree*>(tree);
  void* p = self->arena_.allocate(bytes);
  if (p == nullptr) std::longjmp(self->abandon_, 1);
  return p;
}

void GumboTree::Arena::deallocate(void* ptr) noexcept {
  if (ptr == nullptr) return;
  // Chunk memory waits for ~Arena; only a large block's start is in own_.
  void* block = reinterpret_cast<void*>(reinterpret_cast<std::uintptr_t>(ptr) - kAlign);
  if (own_.erase(block) == 0) return;
  held_ -= *static_cast<std::size_t*>(block);
  std::free(block);
}

void GumboTree::deallocate(void* tree, void* ptr) { static_cast<GumboTree*>(tree)->arena_.deallocate(ptr); }

GumboTree::GumboTree(std::string_view html, std::size_t max_bytes) : arena_(max_bytes), options_(kGumboDefaultOptions) {
  options_.max_errors = 0;
  options_.allocator = &allocate;
  options_.deallocator = &deallocate;
  options_.userdata = this;
  if (setjmp(abandon_) == 0) {
    output_ = gumbo_parse_with_options(&options_, html.data(), html.size());
  } else {
    output_ = nullptr;
    over_budget_ = true;
  }
}

// No gumbo_destroy_output(): it would only walk the tree to call the no-op
// deallocator; the arena's destructor frees the memory.
GumboTree::~GumboTree() = default;

}  // namespace clean
