// The stored text that snippets are cut from (lead, '\n', body), in two
// parts so that a snippet reads only what it needs without inflating:
//
//   the opening  value slot kOpeningSlot: a mark byte (kWholeText or
//                kTextGoesOn) and one LZ4 block of the text's first bytes,
//                at most kOpeningBytes, never cut inside a character.
//                Xapian compresses no value, LZ4 decodes at memory speed
//                (zlib's inflate takes about 11 us for 2 KB of news), and
//                a snippet rarely reads past the opening (highlighter.h:
//                about 2.3 KB), so most snippets inflate nothing. The block
//                is about 0.6 of the text (deflate: 0.45).
//   the rest     the document data: the text after the opening, stored as
//                it is when it is at most kPlainTextBytes (Xapian deflates
//                it), else as kDeflatedMark and one raw deflate stream
//                (zlib's default level, as Xapian's own; Xapian keeps it as
//                it is, since deflating does not shrink it), so that a
//                reader inflates only the bytes asked for. kNoRest when the
//                opening is the whole text, so that every document has data
//                and a missing document-data table is seen as damage.
//
// Pure (LZ4 and zlib, no Xapian).

#ifndef VNSEARCH_COMMON_INDEX_STORED_TEXT_H_
#define VNSEARCH_COMMON_INDEX_STORED_TEXT_H_

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace vnsearch {

// The most text bytes in an opening.
inline constexpr size_t kOpeningBytes = 2560;
// The first byte of an opening: whether the text goes on in the data.
inline constexpr char kWholeText = '\0';
inline constexpr char kTextGoesOn = '\1';
// Rests up to this many bytes are stored as they are.
inline constexpr size_t kPlainTextBytes = 2048;
// The first byte of a deflated rest (no article text starts with it).
inline constexpr char kDeflatedMark = '\x01';
// The document data of a text that its opening holds whole.
inline constexpr std::string_view kNoRest = "\x02";

struct StoredText {
  std::string opening;  // the value of kOpeningSlot
  std::string data;     // the document data
};

// Writes stored texts; keeps zlib's state from one text to the next (the
// document builder holds one). Not thread-safe.
class StoredTextWriter {
 public:
  StoredTextWriter();
  ~StoredTextWriter();
  StoredTextWriter(const StoredTextWriter&) = delete;
  StoredTextWriter& operator=(const StoredTextWriter&) = delete;
  StoredTextWriter(StoredTextWriter&&) noexcept;
  StoredTextWriter& operator=(StoredTextWriter&&) noexcept;

  // The stored form of `text` (record.h: JoinText).
  [[nodiscard]] StoredText Encode(std::string_view text);

 private:
  // The document data for the rest of a text.
  [[nodiscard]] std::string EncodeRest(std::string_view rest);

  struct Stream;
  std::unique_ptr<Stream> stream_;  // made on first use
};

// The stored form of `text`, with a writer of its own.
[[nodiscard]] StoredText EncodeStoredText(std::string_view text);

// Decodes a stored text as far as asked: the opening first, the document
// data only when a read goes past it. Reusable: Reset starts on another
// text and keeps zlib's state and the buffers. Not thread-safe.
class StoredTextReader {
 public:
  // The document data of the text being read (called at most once a text).
  using DataSource = std::function<std::string()>;

  StoredTextReader();
  ~StoredTextReader();
  StoredTextReader(const StoredTextReader&) = delete;
  StoredTextReader& operator=(const StoredTextReader&) = delete;
  StoredTextReader(StoredTextReader&&) noexcept;
  StoredTextReader& operator=(StoredTextReader&&) noexcept;

  // Starts on the text whose opening is `opening` (taken over); `data`
  // gives its document data when a read needs it.
  void Reset(std::string opening, DataSource data);
  // Decodes at least the first `bytes` bytes of the text (all of it when it
  // is shorter). DataLoss when the opening or the data is broken or cut
  // short.
  [[nodiscard]] absl::Status Read(size_t bytes);
  // The text decoded so far.
  [[nodiscard]] std::string_view text() const;
  // True once text() is the whole text.
  [[nodiscard]] bool whole() const { return whole_; }
  // True once the document data was asked for.
  [[nodiscard]] bool read_data() const { return data_read_; }

 private:
  // Fetches the document data and starts decoding it after the opening.
  [[nodiscard]] absl::Status StartRest();

  struct Stream;
  std::unique_ptr<Stream> stream_;  // zlib's state, made on first use
  DataSource source_;
  std::string data_;
  std::string opening_;  // as stored (kept for its buffer)
  std::string text_;
  size_t decoded_ = 0;  // bytes of text_ filled (opening, then the rest)
  bool data_read_ = false;
  bool whole_ = true;
  absl::Status broken_;  // set by Reset when the opening is not one
};

// The whole text of a stored text; DataLoss when it cannot be decoded.
[[nodiscard]] absl::Status DecodeStoredText(std::string opening,
                                            std::string data,
                                            std::string& text);

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_INDEX_STORED_TEXT_H_
