#include "common/search/facets.h"

#include <algorithm>
#include <set>

#include "common/index/record.h"
#include "common/index/schema.h"

namespace vnsearch {

void FacetSpy::operator()(const Xapian::Document& doc, double /*weight*/) {
  ++facets_.articles;
  const std::string date = doc.get_value(kDateSlot);
  if (date.size() >= 4) ++facets_.year[date.substr(0, 4)];
  const std::string source = doc.get_value(kSourceSlot);
  if (!source.empty()) ++facets_.source[source];
  if (DecodeRecord(doc.get_value(kRecordSlot), record_)) {
    // An official listed twice in one article counts once.
    std::set<std::string_view> seen;
    for (const Official& official : record_.officials) {
      if (seen.insert(official.name).second) ++officials_[official.name];
    }
  }
}

Facets FacetSpy::Result() const {
  Facets out = facets_;
  out.official.assign(officials_.begin(), officials_.end());
  std::stable_sort(out.official.begin(), out.official.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  if (out.official.size() > kTopOfficials) out.official.resize(kTopOfficials);
  return out;
}

}  // namespace vnsearch
