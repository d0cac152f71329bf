#include "common/index/stored_text.h"

#include <lz4.h>
#include <lz4hc.h>
#include <zlib.h>

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/base/utf8.h"

namespace vnsearch {
namespace {

// Xapian's own settings for the document data (compression_stream.cc):
// raw deflate, default level, memLevel 9.
constexpr int kWindowBits = -15;
constexpr int kMemLevel = 9;
// Inflated at least this much at a time.
constexpr size_t kMinInflate = 1024;

}  // namespace

struct StoredTextWriter::Stream {
  // LZ4's state for the openings (256 KB: kept rather than made for each
  // text, as LZ4_compress_HC would).
  LZ4_streamHC_t lz4{};
  z_stream z{};
  bool ready = false;
  ~Stream() {
    if (ready) deflateEnd(&z);
  }
};

StoredTextWriter::StoredTextWriter() = default;
StoredTextWriter::~StoredTextWriter() = default;
StoredTextWriter::StoredTextWriter(StoredTextWriter&&) noexcept = default;
StoredTextWriter& StoredTextWriter::operator=(StoredTextWriter&&) noexcept = default;

std::string StoredTextWriter::EncodeRest(std::string_view text) {
  if (text.size() <= kPlainTextBytes &&
      (text.empty() || text[0] != kDeflatedMark)) {
    return std::string(text);
  }
  if (stream_ == nullptr) stream_ = std::make_unique<Stream>();
  z_stream& z = stream_->z;
  if (!stream_->ready) {
    if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, kWindowBits,
                     kMemLevel, Z_DEFAULT_STRATEGY) != Z_OK) {
      // Out of memory: the text as it is, marked as deflated level 0 would
      // need zlib too; a plain text is still readable (unless it starts
      // with the mark, which no article text does).
      return std::string(text);
    }
    stream_->ready = true;
  } else {
    deflateReset(&z);
  }
  std::string out(1, kDeflatedMark);
  out.resize(1 + deflateBound(&z, static_cast<uLong>(text.size())));
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data() + 1);
  z.avail_out = static_cast<uInt>(out.size() - 1);
  // deflateBound's room always holds the whole stream.
  const int rc = deflate(&z, Z_FINISH);
  if (rc != Z_STREAM_END) return std::string(text);
  out.resize(1 + z.total_out);
  return out;
}

StoredText StoredTextWriter::Encode(std::string_view text) {
  // The opening: at most kOpeningBytes, not cut inside a character.
  size_t cut = Utf8CutPoint(text, kOpeningBytes);
  if (cut == 0) cut = std::min(text.size(), kOpeningBytes);  // not UTF-8
  if (stream_ == nullptr) stream_ = std::make_unique<Stream>();
  StoredText stored;
  // One LZ4 block: about 0.6 of the text, and it decodes at memory speed.
  const int bound = LZ4_compressBound(static_cast<int>(cut));
  stored.opening.resize(1 + static_cast<size_t>(bound));
  stored.opening[0] = cut == text.size() ? kWholeText : kTextGoesOn;
  const int packed = LZ4_compress_HC_extStateHC(
      &stream_->lz4, text.data(), stored.opening.data() + 1,
      static_cast<int>(cut), bound, LZ4HC_CLEVEL_DEFAULT);
  stored.opening.resize(1 + static_cast<size_t>(std::max(packed, 0)));
  stored.data = cut == text.size() ? std::string(kNoRest)
                                   : EncodeRest(text.substr(cut));
  return stored;
}

StoredText EncodeStoredText(std::string_view text) {
  StoredTextWriter writer;
  return writer.Encode(text);
}

struct StoredTextReader::Stream {
  z_stream z{};
  bool ready = false;
  ~Stream() {
    if (ready) inflateEnd(&z);
  }
};

StoredTextReader::StoredTextReader() = default;
StoredTextReader::~StoredTextReader() = default;
StoredTextReader::StoredTextReader(StoredTextReader&&) noexcept = default;
StoredTextReader& StoredTextReader::operator=(StoredTextReader&&) noexcept = default;

void StoredTextReader::Reset(std::string opening, DataSource data) {
  source_ = std::move(data);
  data_.clear();
  data_read_ = false;
  broken_ = absl::OkStatus();
  opening_ = std::move(opening);
  text_.resize(kOpeningBytes);
  const bool marked = !opening_.empty() && (opening_[0] == kWholeText ||
                                            opening_[0] == kTextGoesOn);
  whole_ = !marked || opening_[0] == kWholeText;
  const int size =
      marked ? LZ4_decompress_safe(opening_.data() + 1, text_.data(),
                                   static_cast<int>(opening_.size() - 1),
                                   static_cast<int>(kOpeningBytes))
             : -1;
  if (size < 0 || (size == 0 && !whole_)) {
    broken_ = absl::DataLossError(opening_.empty()
                                      ? "stored text: a document has no opening"
                                      : "stored text: the opening is broken");
    whole_ = true;
  }
  text_.resize(broken_.ok() ? static_cast<size_t>(size) : 0);
  decoded_ = text_.size();
}

absl::Status StoredTextReader::StartRest() {
  data_read_ = true;
  data_ = source_ ? source_() : std::string();
  if (data_.empty() || data_ == kNoRest) {
    return absl::DataLossError(
        data_.empty() ? "stored text: the document data is missing"
                      : "stored text: the document data ends the text early");
  }
  if (data_[0] != kDeflatedMark) {
    text_.append(data_);
    decoded_ = text_.size();
    whole_ = true;
    return absl::OkStatus();
  }
  if (stream_ == nullptr) stream_ = std::make_unique<Stream>();
  z_stream& z = stream_->z;
  if (!stream_->ready) {
    if (inflateInit2(&z, kWindowBits) != Z_OK) {
      return absl::ResourceExhaustedError("stored text: cannot start zlib");
    }
    stream_->ready = true;
  } else {
    inflateReset(&z);
  }
  z.next_in = reinterpret_cast<Bytef*>(data_.data() + 1);
  z.avail_in = static_cast<uInt>(data_.size() - 1);
  return absl::OkStatus();
}

absl::Status StoredTextReader::Read(size_t bytes) {
  if (!broken_.ok()) return broken_;
  if (whole_ || decoded_ >= bytes) return absl::OkStatus();
  if (!data_read_) {
    if (absl::Status status = StartRest(); !status.ok()) {
      broken_ = status;
      return status;
    }
    if (whole_) return absl::OkStatus();
  }
  z_stream& z = stream_->z;
  while (!whole_ && decoded_ < bytes) {
    // Room for what is asked, but not beyond what the stream can hold
    // (deflate rarely shrinks news text below a quarter: grown as needed).
    const size_t room = std::clamp(bytes - decoded_, kMinInflate,
                                   std::max(kMinInflate, 4 * data_.size()));
    text_.resize(decoded_ + room);
    z.next_out = reinterpret_cast<Bytef*>(text_.data() + decoded_);
    z.avail_out = static_cast<uInt>(room);
    const int rc = inflate(&z, Z_NO_FLUSH);
    decoded_ = text_.size() - z.avail_out;
    if (rc == Z_STREAM_END) {
      whole_ = true;
    } else if (rc != Z_OK || (z.avail_in == 0 && z.avail_out != 0)) {
      text_.resize(decoded_);
      broken_ = absl::DataLossError(
          absl::StrCat("stored text: the deflated document data is broken (",
                       z.msg != nullptr ? z.msg : "cut short", ")"));
      return broken_;
    }
  }
  text_.resize(decoded_);
  return absl::OkStatus();
}

std::string_view StoredTextReader::text() const {
  return std::string_view(text_).substr(0, decoded_);
}

absl::Status DecodeStoredText(std::string opening, std::string data,
                              std::string& text) {
  StoredTextReader reader;
  reader.Reset(std::move(opening),
               [&data] { return std::move(data); });
  if (absl::Status status = reader.Read(static_cast<size_t>(-1));
      !status.ok()) {
    return status;
  }
  text = std::string(reader.text());
  return absl::OkStatus();
}

}  // namespace vnsearch
