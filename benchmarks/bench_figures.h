// The SVG figures of benchmarks/REPORT.md, drawn from the same records as
// its tables (bench_results.h): the latency CDF of every engine on a
// corpus, and latency and indexing rate against corpus size.

#ifndef VNSEARCH_BENCHMARKS_BENCH_FIGURES_H_
#define VNSEARCH_BENCHMARKS_BENCH_FIGURES_H_

#include <string>
#include <vector>

#include "benchmarks/bench_results.h"

namespace vnsearch::bench {

struct Figure {
  std::string file;     // "latency_cdf_news-35k_mix.svg"
  std::string caption;  // one line, for the markdown image
  std::string section;  // the label the figure belongs under, or "scale"
  std::string svg;
};

// Every figure the records allow: per label, the CDF of the mix and of the
// known-item class (latency records with "quantiles_ms"); with two labels
// or more, p50/p99 of the mix and indexing rate against documents.
[[nodiscard]] std::vector<Figure> ReportFigures(
    const std::vector<Record>& records);

}  // namespace vnsearch::bench

#endif  // VNSEARCH_BENCHMARKS_BENCH_FIGURES_H_
