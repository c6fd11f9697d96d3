// The one RAII owner of a Gumbo parse. Everything that parses HTML with
// Gumbo (the parse stage, feed list pages, the bench floor) goes through it.
#ifndef JINGWEN_CLEAN_GUMBO_TREE_H_
#define JINGWEN_CLEAN_GUMBO_TREE_H_

#include <gumbo.h>

#include <cstddef>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace clean {

class GumboTree {
 public:
  // Parses `html` (UTF-8). Gumbo keeps pointers into `html`: it must outlive
  // the tree. Parse errors are not recorded (they cost memory and we never
  // read them). All of Gumbo's memory comes from an arena freed at once
  // with the tree: Gumbo makes a malloc/free pair for every tag, attribute
  // and text run, and those took a fifth of the clean stage's time.
  explicit GumboTree(std::string_view html);
  ~GumboTree();
  GumboTree(const GumboTree&) = delete;
  GumboTree& operator=(const GumboTree&) = delete;

  // The document's <html> element, or nullptr if Gumbo failed.
  const GumboNode* root() const { return output_ ? output_->root : nullptr; }
  // Bytes the tree's memory holds now (chunks and live large blocks).
  std::size_t held_bytes() const { return arena_.held_bytes(); }

 private:
  // Bump allocation in chunks for Gumbo's many small items; nothing in a
  // chunk is freed before the arena goes. Requests over kOwnBlockBytes get a
  // malloc block of their own that deallocate() frees at once: Gumbo grows
  // its text and vector buffers by allocate-copy-free, and keeping every
  // outgrown large buffer took a 32 MiB page to 10 GB.
  class Arena {
   public:
    Arena() = default;
    ~Arena();
    Arena(const Arena&) = delete;
    Arena& operator=(const Arena&) = delete;
    // noexcept: out of memory for the block list ends the process instead
    // of unwinding through Gumbo's C frames.
    void* allocate(std::size_t bytes) noexcept;
    void deallocate(void* ptr) noexcept;
    std::size_t held_bytes() const { return held_; }

   private:
    std::vector<void*> chunks_;          // from std::malloc, bump-allocated
    std::unordered_set<void*> own_;      // large blocks, freed by deallocate()
    char* next_ = nullptr;
    std::size_t left_ = 0;  // bytes free at next_
    std::size_t held_ = 0;  // chunk bytes + live large-block bytes
  };

  static void* allocate(void* arena, std::size_t bytes);
  static void deallocate(void* arena, void* ptr);

  Arena arena_;
  GumboOptions options_;
  GumboOutput* output_;
};

}  // namespace clean

#endif  // JINGWEN_CLEAN_GUMBO_TREE_H_
