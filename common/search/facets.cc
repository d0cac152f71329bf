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

namespace {

// The officials, most named first (ties by name), cut to kTopOfficials.
void SetTopOfficials(const std::map<std::string, uint64_t>& officials,
                     Facets& out) {
  out.official.assign(officials.begin(), officials.end());
  std::stable_sort(out.official.begin(), out.official.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  if (out.official.size() > kTopOfficials) out.official.resize(kTopOfficials);
}

}  // namespace

Facets FacetSpy::Result() const {
  Facets out = facets_;
  SetTopOfficials(officials_, out);
  return out;
}

FacetCounter::FacetCounter(bool remote) {
  if (!remote) {
    local_ = std::make_unique<FacetSpy>();
    return;
  }
  dates_ = std::make_unique<Xapian::ValueCountMatchSpy>(kDateSlot);
  sources_ = std::make_unique<Xapian::ValueCountMatchSpy>(kSourceSlot);
  records_ = std::make_unique<Xapian::ValueCountMatchSpy>(kRecordSlot);
}

void FacetCounter::AddTo(Xapian::Enquire& enquire) {
  if (local_) {
    enquire.add_matchspy(local_.get());
    return;
  }
  enquire.add_matchspy(dates_.get());
  enquire.add_matchspy(sources_.get());
  enquire.add_matchspy(records_.get());
}

Facets FacetCounter::Result() const {
  if (local_) return local_->Result();
  // What FacetSpy counts, from the counts of each distinct value: every
  // document has a record, so the date spy saw every match.
  Facets out;
  out.articles = dates_->get_total();
  for (auto it = dates_->values_begin(); it != dates_->values_end(); ++it) {
    const std::string date = *it;
    if (date.size() >= 4) out.year[date.substr(0, 4)] += it.get_termfreq();
  }
  for (auto it = sources_->values_begin(); it != sources_->values_end();
       ++it) {
    out.source[*it] += it.get_termfreq();
  }
  std::map<std::string, uint64_t> officials;
  Article record;
  for (auto it = records_->values_begin(); it != records_->values_end();
       ++it) {
    if (!DecodeRecord(*it, record)) continue;
    std::set<std::string_view> seen;
    for (const Official& official : record.officials) {
      if (seen.insert(official.name).second) {
        officials[official.name] += it.get_termfreq();
      }
    }
  }
  SetTopOfficials(officials, out);
  return out;
}

}  // namespace vnsearch
