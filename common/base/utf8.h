// UTF-8 on ICU's utf8.h macros: decoding code points with their byte
// offsets, validation, repair with U+FFFD, and appending a code point.
// Ill-formed input is never an error here: a maximal ill-formed subsequence
// (as U8_NEXT delimits it: a bad lead byte, a lone trail byte, a truncated,
// overlong or surrogate sequence) decodes as one code point -1. Pure,
// thread-safe.

#ifndef VNSEARCH_COMMON_BASE_UTF8_H_
#define VNSEARCH_COMMON_BASE_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>

#include <unicode/umachine.h>
#include <unicode/utf8.h>

namespace vnsearch {

// One decoded code point and the bytes it occupies.
struct CodePoint {
  UChar32 c = -1;      // the code point, or -1 for an ill-formed sequence
  uint32_t begin = 0;  // byte offset of its first byte
  uint32_t end = 0;    // byte offset one past its last byte
};

// Decodes the code point that starts at byte `pos` (< text.size()).
[[nodiscard]] inline CodePoint DecodeUtf8(std::string_view text, size_t pos) {
  const auto b = static_cast<unsigned char>(text[pos]);
  const auto begin = static_cast<uint32_t>(pos);
  if (b < 0x80) return {b, begin, begin + 1};
  auto i = static_cast<int32_t>(pos);
  UChar32 c;
  U8_NEXT(text.data(), i, static_cast<int32_t>(text.size()), c);
  return {c, begin, static_cast<uint32_t>(i)};
}

// The length of the longest prefix of `text` of at most `max_bytes` bytes
// that does not end inside a character (0 when the first character is
// longer than `max_bytes`).
[[nodiscard]] inline size_t Utf8CutPoint(std::string_view text,
                                         size_t max_bytes) {
  if (text.size() <= max_bytes) return text.size();
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
    --cut;
  }
  return cut;
}

// Decodes the code point that ends at byte `end` (> start), reading no
// byte before `start`.
[[nodiscard]] inline CodePoint DecodeUtf8Before(std::string_view text,
                                                size_t start, size_t end) {
  auto i = static_cast<int32_t>(end);
  UChar32 c;
  U8_PREV(text.data(), static_cast<int32_t>(start), i, c);
  return {c, static_cast<uint32_t>(i), static_cast<uint32_t>(end)};
}

// The code points of a text in order, for range-for:
//   for (const CodePoint cp : Utf8CodePoints(text)) ...
class Utf8CodePoints {
 public:
  class Iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using value_type = CodePoint;
    using difference_type = std::ptrdiff_t;
    using pointer = const CodePoint*;
    using reference = const CodePoint&;

    Iterator() = default;
    Iterator(std::string_view text, size_t pos) : text_(text) { Load(pos); }
    const CodePoint& operator*() const { return cp_; }
    const CodePoint* operator->() const { return &cp_; }
    Iterator& operator++() {
      Load(cp_.end);
      return *this;
    }
    Iterator operator++(int) {
      Iterator old = *this;
      ++*this;
      return old;
    }
    bool operator==(const Iterator& other) const {
      return cp_.begin == other.cp_.begin;
    }

   private:
    void Load(size_t pos) {
      if (pos < text_.size()) {
        cp_ = DecodeUtf8(text_, pos);
      } else {
        const auto end = static_cast<uint32_t>(text_.size());
        cp_ = {-1, end, end};
      }
    }
    std::string_view text_;
    CodePoint cp_;
  };

  explicit Utf8CodePoints(std::string_view text) : text_(text) {}
  [[nodiscard]] Iterator begin() const { return Iterator(text_, 0); }
  [[nodiscard]] Iterator end() const { return Iterator(text_, text_.size()); }

 private:
  std::string_view text_;
};

// True when every byte of `text` belongs to a well-formed sequence (NUL is
// a well-formed code point).
[[nodiscard]] bool IsValidUtf8(std::string_view text);

// What a pass over a text found.
struct Utf8Check {
  size_t invalid_sequences = 0;  // ill-formed sequences
  size_t first_invalid = 0;      // byte offset of the first one (0 if none)
  size_t nuls = 0;               // U+0000 code points
};
[[nodiscard]] Utf8Check CheckUtf8(std::string_view text);

// `text` with each ill-formed sequence replaced by U+FFFD.
[[nodiscard]] std::string ReplaceInvalidUtf8(std::string_view text);

// Appends the UTF-8 form of `c` to `out`; does nothing when `c` is not a
// Unicode scalar value (negative, a surrogate, above U+10FFFF).
void AppendUtf8(UChar32 c, std::string& out);

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_BASE_UTF8_H_
