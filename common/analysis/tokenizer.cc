#include "common/analysis/tokenizer.h"

#include <unicode/uchar.h>

#include "common/base/utf8.h"

namespace vnsearch {
namespace {

inline bool IsMark(UChar32 c) {
  const int8_t type = u_charType(c);
  return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK ||
         type == U_ENCLOSING_MARK;
}

inline bool IsWordChar(UChar32 c) {
  if (c < 0) return false;
  if (c < 0x80) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9');
  }
  return u_isalnum(c) || IsMark(c);
}

inline bool IsSpace(UChar32 c) {
  if (c < 0x80) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
  }
  return u_isUWhiteSpace(c) || c == 0x200B || c == 0xFEFF;
}

bool IsDigit(UChar32 c) { return c >= '0' && c <= '9'; }

bool EndsSentence(UChar32 c) {
  return c == '.' || c == '!' || c == '?' || c == ';' || c == 0x2026;  // …
}

uint16_t SepBitsOf(UChar32 c) {
  switch (c) {
    case ',':
      return kSepComma;
    case ';':
      return kSepSemicolon;
    case ':':
      return kSepColon;
    case '.':
    case '!':
    case '?':
    case 0x2026:  // …
      return kSepSentence;
    case '\n':
      return kSepLineBreak;
    case '-':
    case 0x2013:  // –
    case 0x2014:  // —
      return kSepDash;
    case '(':
    case '[':
    case '{':
      return kSepOpenParen;
    case ')':
    case ']':
    case '}':
      return kSepCloseParen;
    case '"':
    case '\'':
    case 0x201C:  // “
    case 0x201D:  // ”
    case 0x2018:  // ‘
    case 0x2019:  // ’
    case 0x00AB:  // «
    case 0x00BB:  // »
      return kSepQuote;
    default:
      return IsSpace(c) ? 0 : kSepOther;
  }
}

// The JoinerBit of `joiner` between a run ending in `last` and one starting
// with `first`, or 0 when it does not join them.
uint8_t JoinerBitOf(UChar32 joiner, UChar32 last, UChar32 first) {
  switch (joiner) {
    case '-':
      return IsWordChar(first) ? kJoinHyphen : 0;
    case '/':
      return IsWordChar(first) ? kJoinSlash : 0;
    case '&':
      return IsWordChar(first) ? kJoinAmpersand : 0;
    case '_':
      return IsWordChar(first) ? kJoinUnderscore : 0;
    case '\'':
    case 0x2019:  // ’
      return IsWordChar(first) ? kJoinApostrophe : 0;
    case '.':
      if (IsDigit(last) && IsDigit(first)) return kJoinDigitGroup;
      return IsWordChar(first) && !IsMark(first) ? kJoinPeriod : 0;
    case ',':
      return IsDigit(last) && IsDigit(first) ? kJoinDigitGroup : 0;
    default:
      return 0;
  }
}

// One run of word characters inside a word or compound, and the JoinerBit
// that links it to the run before (0 for the first).
struct Run {
  uint32_t begin, end;
  uint8_t link;
};

// Appends the run [begin, end) to `runs`, split in two when it is a number
// glued to a unit: ASCII digits, then letters and marks only ("5kg",
// "000đ"; not "19h30" nor "3f2a").
void AddRun(std::string_view text, uint32_t begin, uint32_t end, uint8_t link,
            std::vector<Run>& runs) {
  uint32_t digits_end = begin;
  while (digits_end < end &&
         IsDigit(static_cast<unsigned char>(text[digits_end]))) {
    ++digits_end;
  }
  if (digits_end == begin || digits_end == end) {
    runs.push_back({begin, end, link});
    return;
  }
  const CodePoint unit_first = DecodeUtf8(text, digits_end);
  bool letters_only = !IsMark(unit_first.c);
  for (uint32_t p = digits_end; letters_only && p < end;) {
    const CodePoint c = DecodeUtf8(text, p);
    if (c.c < 0 || u_isdigit(c.c)) letters_only = false;
    p = c.end;
  }
  if (!letters_only) {
    runs.push_back({begin, end, link});
    return;
  }
  runs.push_back({begin, digits_end, link});
  runs.push_back({digits_end, end, kJoinUnit});
}

}  // namespace

bool IsWordCodePoint(UChar32 c) { return IsWordChar(c); }

bool IsSpaceCodePoint(UChar32 c) { return c >= 0 && IsSpace(c); }

void Tokenize(std::string_view text, std::vector<TokenSpan>& out) {
  const auto n = static_cast<uint32_t>(text.size());
  uint32_t pos = 0;
  bool pending_break = true;
  bool pending_sentence = true;
  bool saw_stop = false;  // sentence punctuation since the last word
  uint16_t separators = kSepLineBreak;
  std::vector<Run> runs;
  while (pos < n) {
    if (text[pos] == ' ') {  // the common case
      if (saw_stop) pending_sentence = true;
      ++pos;
      continue;
    }
    CodePoint cp = DecodeUtf8(text, pos);
    if (!IsWordChar(cp.c)) {
      const bool space = cp.c >= 0 && IsSpace(cp.c);
      if (!space || cp.c == '\n') pending_break = true;
      if (cp.c == '\n' || cp.c == '\r' || (space && saw_stop)) {
        pending_sentence = true;
      }
      if (EndsSentence(cp.c)) saw_stop = true;
      separators |= cp.c < 0 ? uint16_t{kSepOther} : SepBitsOf(cp.c);
      pos = cp.end;
      continue;
    }
    // A run of word characters, then more runs for as long as a joiner
    // links them.
    runs.clear();
    uint8_t joiners = 0;
    uint32_t run_begin = pos;
    uint8_t link = 0;
    UChar32 last = cp.c;
    pos = cp.end;
    while (true) {
      while (pos < n) {
        const CodePoint d = DecodeUtf8(text, pos);
        if (!IsWordChar(d.c)) break;
        last = d.c;
        pos = d.end;
      }
      AddRun(text, run_begin, pos, link, runs);
      if (pos >= n) break;
      const CodePoint joiner = DecodeUtf8(text, pos);
      if (joiner.end >= n) break;
      const CodePoint first = DecodeUtf8(text, joiner.end);
      const uint8_t bit = JoinerBitOf(joiner.c, last, first.c);
      if (bit == 0) break;
      joiners |= bit;
      run_begin = joiner.end;
      link = bit;
      last = first.c;
      pos = first.end;
    }
    uint32_t end = pos;
    if (IsDigit(last) && pos < n && text[pos] == '%') {
      end = ++pos;  // "20%": the sign belongs to the number
      joiners |= kJoinUnit;
    }
    if (runs.size() > 1) {
      for (const Run& run : runs) {
        if (run.link == kJoinUnit) joiners |= kJoinUnit;
      }
    }
    if (runs.size() == 1 && end == runs[0].end) {
      out.push_back({runs[0].begin, runs[0].end, TokenKind::kWord,
                     pending_break, pending_sentence, 0, separators});
    } else {
      const uint32_t begin = runs.front().begin;
      out.push_back({begin, end, TokenKind::kCompound, pending_break,
                     pending_sentence, joiners, separators});
      for (size_t i = 0; i < runs.size(); ++i) {
        const bool first_part = i == 0;
        const bool clause = first_part && pending_break;
        const bool sentence = first_part && pending_sentence;
        const uint16_t seps = first_part ? separators : uint16_t{0};
        // Inner compounds starting here: the number with its digit groups
        // and the number with its unit, the longer first.
        if (IsDigit(static_cast<unsigned char>(text[runs[i].begin])) &&
            (first_part || runs[i].link != kJoinDigitGroup)) {
          size_t j = i;
          while (j + 1 < runs.size() && runs[j + 1].link == kJoinDigitGroup) {
            ++j;
          }
          auto inner = [&](uint32_t inner_end) {
            if (runs[i].begin == begin && inner_end == end) return;  // whole
            TokenSpan span{runs[i].begin, inner_end, TokenKind::kCompound,
                           clause,        sentence,  0,
                           seps};
            span.inner = true;
            out.push_back(span);
          };
          if (j + 1 < runs.size() && runs[j + 1].link == kJoinUnit) {
            inner(runs[j + 1].end);
          }
          if (j > i) inner(runs[j].end);
        }
        out.push_back({runs[i].begin, runs[i].end, TokenKind::kPart, clause,
                       sentence, 0, seps});
      }
    }
    pending_break = false;
    pending_sentence = false;
    saw_stop = false;
    separators = 0;
  }
}

}  // namespace vnsearch
