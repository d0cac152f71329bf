// SvgLineChart: line charts as standalone SVG text, for the latency CDFs and
// the scale figures of benchmarks/REPORT.md and for vnbench --plot. No
// plotting package is needed to write or to view them (any browser, or
// rsvg-convert / ImageMagick to make a PNG).

#ifndef VNSEARCH_BENCHMARKS_SVG_PLOT_H_
#define VNSEARCH_BENCHMARKS_SVG_PLOT_H_

#include <string>
#include <utility>
#include <vector>

namespace vnsearch::bench {

struct PlotSeries {
  std::string name;                               // legend text
  std::vector<std::pair<double, double>> points;  // (x, y), in x order
  bool markers = false;                           // a dot at every point
};

struct PlotOptions {
  std::string title;
  std::string x_label;
  std::string y_label;
  bool log_x = false;  // decades; points with x <= 0 are dropped
  bool log_y = false;
  // Fixed y range when y_max > y_min (a CDF: 0..1); else from the data.
  double y_min = 0;
  double y_max = 0;
  // Fixed x range when x_max > x_min; else from the data.
  double x_min = 0;
  double x_max = 0;
  bool y_percent = false;  // label y ticks as percentages of 1
  int width = 720;
  int height = 420;
};

// The chart as an SVG document. Empty series are left out; with no point
// at all the chart has axes and the text "no data".
[[nodiscard]] std::string SvgLineChart(const std::vector<PlotSeries>& series,
                                       const PlotOptions& options);

// The empirical CDF of `sorted` (ascending) as a series: (value, share of
// values <= it), at most `max_points` points (the tail kept exactly).
[[nodiscard]] PlotSeries CdfSeries(std::string name,
                                   const std::vector<double>& sorted,
                                   size_t max_points = 400);

// The options of a latency CDF: log x in milliseconds, y 0..100%.
[[nodiscard]] PlotOptions LatencyCdfOptions(std::string title);

}  // namespace vnsearch::bench

#endif  // VNSEARCH_BENCHMARKS_SVG_PLOT_H_
