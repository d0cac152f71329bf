#include "common/index/record.h"

#include <vector>

namespace vnsearch {

std::string JoinText(const Article& article) {
  std::string text = article.lead;
  if (!article.body.empty()) {
    if (!text.empty()) text.push_back('\n');
    text += article.body;
  }
  // A headline-only article shows its headline: no article stores an empty
  // text, so an empty one read back means a lost document-data table.
  if (text.empty()) text = article.title;
  return text;
}

namespace {

// Record separators: control characters no article text keeps.
constexpr char kFieldSeparator = '\x1f';
constexpr char kRoleSeparator = '\x1e';

void AppendField(std::string& out, std::string_view field) {
  for (char c : field) {
    out.push_back(c == kFieldSeparator || c == kRoleSeparator ? ' ' : c);
  }
}

}  // namespace

std::string EncodeRecord(const Article& article, const CopyKeys& keys) {
  std::string out;
  AppendField(out, article.id);
  out.push_back(kFieldSeparator);
  AppendField(out, article.title);
  out.push_back(kFieldSeparator);
  out.append(article.title_derived ? "1" : "0");
  out.push_back(kFieldSeparator);
  AppendField(out, article.date);
  out.push_back(kFieldSeparator);
  AppendField(out, keys[0]);
  out.push_back(kFieldSeparator);
  AppendField(out, keys[1]);
  for (const Official& official : article.officials) {
    out.push_back(kFieldSeparator);
    AppendField(out, official.name);
    out.push_back(kRoleSeparator);
    AppendField(out, official.role);
  }
  return out;
}

bool DecodeRecord(std::string_view record, Article& article,
                  CopyKeys* keys) {
  std::vector<std::string_view> fields;
  for (size_t start = 0;;) {
    const size_t end = record.find(kFieldSeparator, start);
    fields.push_back(record.substr(start, end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  constexpr size_t kFirstOfficial = 6;
  if (fields.size() < kFirstOfficial || (fields[2] != "0" && fields[2] != "1")) {
    return false;
  }
  article.id = std::string(fields[0]);
  article.title = std::string(fields[1]);
  article.title_derived = fields[2] == "1";
  article.date = std::string(fields[3]);
  if (keys != nullptr) {
    (*keys)[0] = std::string(fields[4]);
    (*keys)[1] = std::string(fields[5]);
  }
  article.officials.clear();
  for (size_t i = kFirstOfficial; i < fields.size(); ++i) {
    const size_t cut = fields[i].find(kRoleSeparator);
    if (cut == std::string_view::npos) return false;
    Official official;
    official.name = std::string(fields[i].substr(0, cut));
    official.role = std::string(fields[i].substr(cut + 1));
    article.officials.push_back(std::move(official));
  }
  return true;
}

}  // namespace vnsearch
