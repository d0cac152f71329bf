#include "common/analysis/tokenizer.h"

#include <unicode/uchar.h>

#include "common/base/utf8.h"

namespace vnsearch {
namespace {

bool IsWordChar(UChar32 c) {
  if (c < 0) return false;
  if (c < 0x80) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9');
  }
  if (u_isalnum(c)) return true;
  const int8_t type = u_charType(c);
  return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK ||
         type == U_ENCLOSING_MARK;
}

bool IsDigit(UChar32 c) { return c >= '0' && c <= '9'; }

bool EndsSentence(UChar32 c) {
  return c == '.' || c == '!' || c == '?' || c == ';' || c == 0x2026;  // …
}

// Reads the code point at `pos`; sets `next` past it. Invalid bytes read as -1.
UChar32 CodePointAt(std::string_view text, uint32_t pos, uint32_t& next) {
  const CodePoint cp = DecodeUtf8(text, pos);
  next = cp.end;
  return cp.c;
}

}  // namespace

void Tokenize(std::string_view text, std::vector<TokenSpan>& out) {
  const auto n = static_cast<uint32_t>(text.size());
  uint32_t pos = 0;
  bool pending_break = true;
  bool pending_sentence = true;
  bool saw_stop = false;  // sentence punctuation since the last word
  struct Run {
    uint32_t begin, end;
  };
  std::vector<Run> runs;
  while (pos < n) {
    uint32_t next;
    UChar32 c = CodePointAt(text, pos, next);
    if (!IsWordChar(c)) {
      const bool space = c >= 0 && u_isUWhiteSpace(c);
      if (!space || c == '\n') pending_break = true;
      if (c == '\n' || c == '\r' || (space && saw_stop)) pending_sentence = true;
      if (EndsSentence(c)) saw_stop = true;
      pos = next;
      continue;
    }
    // A run of word characters, then more runs for as long as a joiner
    // links them.
    runs.clear();
    uint32_t run_begin = pos;
    UChar32 last = c;
    pos = next;
    while (true) {
      while (pos < n) {
        UChar32 d = CodePointAt(text, pos, next);
        if (!IsWordChar(d)) break;
        last = d;
        pos = next;
      }
      runs.push_back({run_begin, pos});
      if (pos >= n) break;
      uint32_t after_joiner;
      const UChar32 joiner = CodePointAt(text, pos, after_joiner);
      if (after_joiner >= n) break;
      uint32_t after_first;
      const UChar32 first = CodePointAt(text, after_joiner, after_first);
      bool joins = false;
      if (joiner == '-' || joiner == '/' || joiner == '&' || joiner == '_') {
        joins = IsWordChar(first);
      } else if (joiner == '.' || joiner == ',') {
        joins = IsDigit(last) && IsDigit(first);
      }
      if (!joins) break;
      run_begin = after_joiner;
      last = first;
      pos = after_first;
    }
    if (runs.size() == 1) {
      out.push_back({runs[0].begin, runs[0].end, TokenKind::kWord,
                     pending_break, pending_sentence});
    } else {
      out.push_back({runs.front().begin, runs.back().end, TokenKind::kCompound,
                     pending_break, pending_sentence});
      for (size_t i = 0; i < runs.size(); ++i) {
        out.push_back({runs[i].begin, runs[i].end, TokenKind::kPart,
                       i == 0 && pending_break, i == 0 && pending_sentence});
      }
    }
    pending_break = false;
    pending_sentence = false;
    saw_stop = false;
  }
}

}  // namespace vnsearch
