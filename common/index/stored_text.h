// The stored text (document data) that snippets are cut from, in a form a
// reader can decode as far as it needs: a snippet needs the opening of a
// text (about 2 KB), and Xapian, which compresses document data itself,
// can only inflate all of it. A text longer than kPlainTextBytes is stored
// as kDeflatedMark and one raw deflate stream (zlib's default level, as
// Xapian's own), which Xapian then keeps as it is (it stores a tag
// uncompressed when deflating does not shrink it): the index does not grow,
// and a reader inflates only the bytes asked for. A shorter text is stored
// as it is (read whole anyway), unless it starts with kDeflatedMark.
//
// Pure (zlib, no Xapian).

#ifndef VNSEARCH_COMMON_INDEX_STORED_TEXT_H_
#define VNSEARCH_COMMON_INDEX_STORED_TEXT_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace vnsearch {

// Texts up to this many bytes are stored as they are.
inline constexpr size_t kPlainTextBytes = 2048;
// The first byte of a deflated text (no article text starts with it).
inline constexpr char kDeflatedMark = '\x01';

// Writes document data; keeps zlib's state from one text to the next (the
// document builder holds one). Not thread-safe.
class StoredTextWriter {
 public:
  StoredTextWriter();
  ~StoredTextWriter();
  StoredTextWriter(const StoredTextWriter&) = delete;
  StoredTextWriter& operator=(const StoredTextWriter&) = delete;
  StoredTextWriter(StoredTextWriter&&) noexcept;
  StoredTextWriter& operator=(StoredTextWriter&&) noexcept;

  // The document data for `text` (record.h: JoinText).
  [[nodiscard]] std::string Encode(std::string_view text);

 private:
  struct Stream;
  std::unique_ptr<Stream> stream_;  // made on first use
};

// The document data for `text`, with a writer of its own.
[[nodiscard]] std::string EncodeStoredText(std::string_view text);

// Decodes document data written by EncodeStoredText as far as asked.
// Reusable: Reset starts on another text and keeps zlib's state and the
// buffers. Not thread-safe.
class StoredTextReader {
 public:
  StoredTextReader();
  ~StoredTextReader();
  StoredTextReader(const StoredTextReader&) = delete;
  StoredTextReader& operator=(const StoredTextReader&) = delete;
  StoredTextReader(StoredTextReader&&) noexcept;
  StoredTextReader& operator=(StoredTextReader&&) noexcept;

  // Starts on `data`, taking it over.
  void Reset(std::string data);
  // Decodes at least the first `bytes` bytes of the text (all of it when it
  // is shorter). DataLoss when the stream is broken or cut short.
  [[nodiscard]] absl::Status Read(size_t bytes);
  // The text decoded so far.
  [[nodiscard]] std::string_view text() const;
  // True once text() is the whole text.
  [[nodiscard]] bool whole() const { return whole_; }

 private:
  struct Stream;
  std::unique_ptr<Stream> stream_;  // zlib's state, made on first use
  std::string data_;
  std::string text_;
  size_t decoded_ = 0;  // bytes of text_ filled by inflate
  bool deflated_ = false;
  bool whole_ = true;
};

// The whole text of `data`; DataLoss when it cannot be decoded.
[[nodiscard]] absl::Status DecodeStoredText(std::string data,
                                            std::string& text);

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_INDEX_STORED_TEXT_H_
