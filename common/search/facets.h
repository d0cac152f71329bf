// Facets: counts of the whole match set by year, official and source,
// gathered by a Xapian::MatchSpy that sees every matching document (the
// searcher asks for a full pass only when facets are wanted).

#ifndef VNSEARCH_COMMON_SEARCH_FACETS_H_
#define VNSEARCH_COMMON_SEARCH_FACETS_H_

#include <xapian.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "common/document/article.h"

namespace vnsearch {

// At most this many officials are reported, the most named first.
inline constexpr size_t kTopOfficials = 10;

struct Facets {
  // Matching articles, copies of a story included (facets count what
  // matched, before collapsing).
  uint64_t articles = 0;
  std::map<std::string, uint64_t> year;    // "2017" -> articles
  std::map<std::string, uint64_t> source;  // "vnexpress.net" -> articles
  // Officials by articles naming them, most first (ties by name); at most
  // kTopOfficials.
  std::vector<std::pair<std::string, uint64_t>> official;
};

// Counts the documents the matcher shows it. Reads the date, source and
// record value slots (schema.h). Not thread-safe.
class FacetSpy : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& doc, double weight) override;
  // The counts so far, officials cut to kTopOfficials.
  [[nodiscard]] Facets Result() const;

 private:
  Facets facets_;
  std::map<std::string, uint64_t> officials_;
  Article record_;  // decoding buffer
};

// Counts the whole match set of any database the same way: a FacetSpy for
// local databases; for one with remote parts, Xapian's own
// ValueCountMatchSpy on the date, source and record slots. The stock
// xapian-tcpsrv can run only the match spies Xapian registers (it cannot
// load FacetSpy), so each server counts its shard's values, Xapian
// serialises the counts and merges them here, and the records are decoded
// here: every matching record travels once (the cost of facets over remote
// shards). Not thread-safe; keep it alive until the match is done.
class FacetCounter {
 public:
  explicit FacetCounter(bool remote);
  // Registers the spies on `enquire` (after clear_matchspies()).
  void AddTo(Xapian::Enquire& enquire);
  [[nodiscard]] Facets Result() const;

 private:
  std::unique_ptr<FacetSpy> local_;
  std::unique_ptr<Xapian::ValueCountMatchSpy> dates_, sources_, records_;
};

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_SEARCH_FACETS_H_
