// The one RAII owner of a Gumbo parse. Everything that parses HTML with
// Gumbo (the parse stage, feed list pages, the bench floor) goes through it.
#ifndef JINGWEN_CLEAN_GUMBO_TREE_H_
#define JINGWEN_CLEAN_GUMBO_TREE_H_

#include <gumbo.h>

#include <csetjmp>
#include <cstddef>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace clean {

// What one tree may hold by default: the markup bounds keep a real page's
// tree far below (100,000 elements take about 40 MiB); this is the ceiling
// for whatever they do not foresee.
inline constexpr std::size_t kMaxTreeBytes = std::size_t{256} << 20;

class GumboTree {
 public:
  // Parses `html` (UTF-8). Gumbo keeps pointers into `html`: it must outlive
  // the tree. Parse errors are not recorded (they cost memory and we never
  // read them). All of Gumbo's memory comes from an arena freed at once
  // with the tree: Gumbo makes a malloc/free pair for every tag, attribute
  // and text run, and those took a fifth of the clean stage's time.
  // When the tree would hold more than `max_bytes` (or malloc fails) the
  // parse is abandoned: root() is nullptr and over_budget() true.
  explicit GumboTree(std::string_view html, std::size_t max_bytes = kMaxTreeBytes);
  ~GumboTree();
  GumboTree(const GumboTree&) = delete;
  GumboTree& operator=(const GumboTree&) = delete;

  // The document's <html> element, or nullptr if Gumbo failed.
  const GumboNode* root() const { return output_ ? output_->root : nullptr; }
  // Bytes the tree's memory holds now (chunks and live large blocks).
  std::size_t held_bytes() const { return arena_.held_bytes(); }
  bool over_budget() const { return over_budget_; }

 private:
  // Bump allocation in chunks for Gumbo's many small items; nothing in a
  // chunk is freed before the arena goes. Requests over kOwnBlockBytes get a
  // malloc block of their own that deallocate() frees at once: Gumbo grows
  // its text and vector buffers by allocate-copy-free, and keeping every
  // outgrown large buffer took a 32 MiB page to 10 GB.
  class Arena {
   public:
    explicit Arena(std::size_t max_held) : max_held_(max_held) {}
    ~Arena();
    Arena(const Arena&) = delete;
    Arena& operator=(const Arena&) = delete;
    // nullptr when the arena would hold more than its maximum or memory
    // runs out; never throws (no exception may cross Gumbo's C frames).
    void* allocate(std::size_t bytes) noexcept;
    void deallocate(void* ptr) noexcept;
    std::size_t held_bytes() const { return held_; }

   private:
    std::vector<void*> chunks_;          // from std::malloc, bump-allocated
    std::unordered_set<void*> own_;      // large blocks, freed by deallocate()
    char* next_ = nullptr;
    std::size_t left_ = 0;  // bytes free at next_
    std::size_t held_ = 0;  // chunk bytes + live large-block bytes
    std::size_t max_held_;
  };

  // Gumbo's allocator: jumps back to the constructor, out of Gumbo's C
  // frames (no destructors to skip there), when the arena says no; Gumbo
  // itself would write through the null pointer. Everything Gumbo held is
  // in the arena and goes with it.
  static void* allocate(void* tree, std::size_t bytes);
  static void deallocate(void* tree, void* ptr);

  Arena arena_;
  GumboOptions options_;
  GumboOutput* output_ = nullptr;
  bool over_budget_ = false;
  std::jmp_buf abandon_;
};

}  // namespace clean

#endif  // JINGWEN_CLEAN_GUMBO_TREE_H_
