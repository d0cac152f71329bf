#include "common/index/facet_keys.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/base/absl_compat.h"
#include "common/base/fingerprint.h"

namespace vnsearch {
namespace {

// "https://www.Example.com:8080/a/b" -> "example.com"; "" when `url` has no
// scheme and host.
std::string HostOf(std::string_view url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return "";
  std::string_view rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  const size_t at = rest.rfind('@');
  if (at != std::string_view::npos) rest = rest.substr(at + 1);
  rest = rest.substr(0, rest.find(':'));
  std::string host = absl::AsciiStrToLower(ToAbsl(rest));
  if (absl::StartsWith(host, "www.")) host.erase(0, 4);
  return host;
}

// The folded words of the first `max_words` words, space-separated; the
// number of words in `count`.
std::string FoldedWords(std::string_view text, const Analyzer& analyzer,
                        size_t max_words, size_t& count) {
  std::string out;
  count = 0;
  for (const Token& token : analyzer.Analyze(text)) {
    if (token.kind == TokenKind::kPart) continue;
    if (count == max_words) break;
    if (!out.empty()) out.push_back(' ');
    out.append(token.folded);
    ++count;
  }
  return out;
}

}  // namespace

std::string SourceName(const Article& article) {
  std::string source(absl::StripAsciiWhitespace(ToAbsl(article.source)));
  if (!source.empty()) return source;
  return HostOf(article.url);
}

std::vector<std::string> SourceKeys(std::string_view name,
                                    const Analyzer& analyzer) {
  std::vector<std::string> keys;
  std::string whole;
  std::string first;
  for (const Token& token : analyzer.Analyze(name)) {
    if (token.kind == TokenKind::kCompound) continue;  // its parts follow
    if (first.empty()) first = token.folded;
    whole.append(token.folded);
  }
  if (whole.empty()) return keys;
  keys.push_back(whole);
  const std::string host = absl::AsciiStrToLower(ToAbsl(name));
  if (host.find('.') != std::string::npos &&
      host.find(' ') == std::string::npos && first != whole) {
    keys.push_back(first);
  }
  return keys;
}

std::string CollapseKey(const Article& article, const Analyzer& analyzer) {
  size_t count = 0;
  if (!article.title_derived) {
    const std::string title =
        FoldedWords(article.title, analyzer, 64, count);
    if (count >= kMinCollapseWords) return absl::StrCat("T", Fingerprint(title));
  }
  return LeadKey(article, analyzer);
}

std::string LeadKey(const Article& article, const Analyzer& analyzer) {
  // The lead's opening words: copies keep the lead when they retitle.
  size_t count = 0;
  const std::string lead = FoldedWords(article.lead, analyzer, 48, count);
  if (count >= kMinLeadWords) return absl::StrCat("L", Fingerprint(lead));
  return "";
}

}  // namespace vnsearch
