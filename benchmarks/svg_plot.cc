#include "benchmarks/svg_plot.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"

namespace vnsearch::bench {
namespace {

constexpr const char* kColors[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e",
                                   "#9467bd", "#8c564b", "#e377c2", "#17becf"};
constexpr int kLeft = 72, kRight = 24, kTop = 40, kBottom = 56;

std::string Escape(const std::string& text) {
  return absl::StrReplaceAll(
      text, {{"&", "&amp;"}, {"<", "&lt;"}, {">", "&gt;"}, {"\"", "&quot;"}});
}

// Short tick label: 0.05, 1, 250, 12k.
std::string TickLabel(double v, bool percent) {
  if (percent) return absl::StrFormat("%g%%", v * 100);
  if (std::fabs(v) >= 10000) return absl::StrFormat("%gk", v / 1000);
  return absl::StrFormat("%g", v);
}

// A linear axis: round step of 1, 2 or 5 times a power of ten.
std::vector<double> LinearTicks(double lo, double hi) {
  std::vector<double> ticks;
  const double span = hi - lo;
  if (!(span > 0)) return {lo};
  const double raw = span / 6;
  const double power = std::pow(10, std::floor(std::log10(raw)));
  double step = power;
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    step = m * power;
    if (step >= raw) break;
  }
  for (double v = std::ceil(lo / step) * step; v <= hi + step * 1e-9;
       v += step) {
    ticks.push_back(std::fabs(v) < step * 1e-9 ? 0 : v);
  }
  return ticks;
}

// A log axis: 1, 2, 5 times each power of ten in range (1 only when the
// range spans many decades).
std::vector<double> LogTicks(double lo, double hi) {
  std::vector<double> ticks;
  const int first = static_cast<int>(std::floor(std::log10(lo)));
  const int last = static_cast<int>(std::ceil(std::log10(hi)));
  const bool sparse = last - first > 4;
  for (int e = first; e <= last; ++e) {
    for (double m : {1.0, 2.0, 5.0}) {
      if (sparse && m != 1.0) continue;
      const double v = m * std::pow(10, e);
      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) ticks.push_back(v);
    }
  }
  return ticks;
}

struct Axis {
  double lo = 0, hi = 1;
  bool log = false;
  double pixels_lo = 0, pixels_hi = 1;
  [[nodiscard]] double Map(double v) const {
    const double a = log ? std::log10(lo) : lo;
    const double b = log ? std::log10(hi) : hi;
    const double t = ((log ? std::log10(v) : v) - a) / (b - a);
    return pixels_lo + t * (pixels_hi - pixels_lo);
  }
};

// Range of the data on one axis, widened to round numbers.
void FitAxis(Axis& axis, double lo, double hi, bool log) {
  axis.log = log;
  if (!(lo <= hi)) {
    lo = log ? 1 : 0;
    hi = log ? 10 : 1;
  }
  if (log) {
    lo = std::pow(10, std::floor(std::log10(lo) * 2) / 2);  // half decades
    hi = std::pow(10, std::ceil(std::log10(hi) * 2) / 2);
    if (hi <= lo) hi = lo * 10;
  } else {
    if (hi == lo) hi = lo + 1;
    const std::vector<double> t = LinearTicks(lo, hi);
    const double step = t.size() > 1 ? t[1] - t[0] : (hi - lo);
    lo = std::floor(lo / step) * step;
    hi = std::ceil(hi / step) * step;
  }
  axis.lo = lo;
  axis.hi = hi;
}

}  // namespace

PlotOptions LatencyCdfOptions(std::string title) {
  PlotOptions options;
  options.title = std::move(title);
  options.x_label = "query latency (ms, log scale)";
  options.y_label = "queries answered within";
  options.log_x = true;
  options.y_min = 0;
  options.y_max = 1;
  options.y_percent = true;
  return options;
}

PlotSeries CdfSeries(std::string name, const std::vector<double>& sorted,
                     size_t max_points) {
  PlotSeries series;
  series.name = std::move(name);
  const size_t n = sorted.size();
  if (n == 0) return series;
  max_points = std::max<size_t>(max_points, 16);
  // Evenly spaced ranks for the body, every rank of the top 1% (the tail is
  // what a CDF is read for).
  const size_t tail = std::min(n, std::max<size_t>(n / 100, 1));
  const size_t body = n - tail;
  const size_t step =
      std::max<size_t>(1, body / (max_points - tail % max_points));
  for (size_t i = 0; i < n; ++i) {
    const bool last_equal = i + 1 < n && sorted[i + 1] == sorted[i];
    if (i < body && i % step != 0) continue;
    if (last_equal && i >= body) continue;
    series.points.emplace_back(sorted[i], static_cast<double>(i + 1) / n);
  }
  if (series.points.back().second != 1.0) {
    series.points.emplace_back(sorted.back(), 1.0);
  }
  return series;
}

std::string SvgLineChart(const std::vector<PlotSeries>& series,
                         const PlotOptions& options) {
  const int w = options.width, h = options.height;
  double x_lo = std::numeric_limits<double>::infinity(), x_hi = -x_lo;
  double y_lo = x_lo, y_hi = -x_lo;
  bool any = false;
  for (const PlotSeries& s : series) {
    for (const auto& [x, y] : s.points) {
      if (options.log_x && !(x > 0)) continue;
      if (options.log_y && !(y > 0)) continue;
      x_lo = std::min(x_lo, x);
      x_hi = std::max(x_hi, x);
      y_lo = std::min(y_lo, y);
      y_hi = std::max(y_hi, y);
      any = true;
    }
  }
  Axis xa, ya;
  if (options.x_max > options.x_min) {
    xa.lo = options.x_min;
    xa.hi = options.x_max;
    xa.log = options.log_x;
  } else {
    FitAxis(xa, x_lo, x_hi, options.log_x);
  }
  if (options.y_max > options.y_min) {
    ya.lo = options.y_min;
    ya.hi = options.y_max;
    ya.log = options.log_y;
  } else {
    if (!options.log_y && any) y_lo = std::min(y_lo, 0.0);
    FitAxis(ya, y_lo, y_hi, options.log_y);
  }
  xa.pixels_lo = kLeft;
  xa.pixels_hi = w - kRight;
  ya.pixels_lo = h - kBottom;
  ya.pixels_hi = kTop;

  std::string svg = absl::StrFormat(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
      "viewBox=\"0 0 %d %d\" font-family=\"DejaVu Sans, Arial, sans-serif\" "
      "font-size=\"12\">\n"
      "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n"
      "<text x=\"%d\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s</text>"
      "\n",
      w, h, w, h, kLeft, Escape(options.title));
  // Grid and ticks.
  const std::vector<double> xt =
      xa.log ? LogTicks(xa.lo, xa.hi) : LinearTicks(xa.lo, xa.hi);
  const std::vector<double> yt =
      ya.log ? LogTicks(ya.lo, ya.hi) : LinearTicks(ya.lo, ya.hi);
  for (double v : xt) {
    const double px = xa.Map(v);
    absl::StrAppendFormat(
        &svg,
        "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>\n"
        "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
        px, kTop, px, h - kBottom, px, h - kBottom + 16,
        Escape(TickLabel(v, false)));
  }
  for (double v : yt) {
    const double py = ya.Map(v);
    absl::StrAppendFormat(
        &svg,
        "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>\n"
        "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
        kLeft, py, w - kRight, py, kLeft - 6, py + 4,
        Escape(TickLabel(v, options.y_percent)));
  }
  absl::StrAppendFormat(
      &svg,
      "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
      "stroke=\"#444\"/>\n"
      "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n"
      "<text transform=\"translate(16 %d) rotate(-90)\" "
      "text-anchor=\"middle\">%s</text>\n",
      kLeft, kTop, w - kLeft - kRight, h - kTop - kBottom,
      kLeft + (w - kLeft - kRight) / 2, h - 14, Escape(options.x_label),
      kTop + (h - kTop - kBottom) / 2, Escape(options.y_label));
  if (!any) {
    absl::StrAppendFormat(&svg,
                          "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
                          "fill=\"#888\">no data</text>\n",
                          w / 2, h / 2);
  }
  // Lines, clipped to the plot area.
  absl::StrAppendFormat(&svg,
                        "<clipPath id=\"area\"><rect x=\"%d\" y=\"%d\" "
                        "width=\"%d\" height=\"%d\"/></clipPath>\n",
                        kLeft, kTop, w - kLeft - kRight, h - kTop - kBottom);
  size_t color = 0;
  int legend_y = kTop + 16;
  const auto shown = static_cast<int>(
      std::count_if(series.begin(), series.end(),
                    [](const PlotSeries& s) { return !s.points.empty(); }));
  for (const PlotSeries& s : series) {
    if (s.points.empty()) continue;
    const char* stroke = kColors[color++ % std::size(kColors)];
    std::string path;
    for (const auto& [x, y] : s.points) {
      if ((xa.log && !(x > 0)) || (ya.log && !(y > 0))) continue;
      absl::StrAppendFormat(&path, "%s%.1f,%.1f ", path.empty() ? "M" : "L",
                            xa.Map(x), ya.Map(y));
    }
    absl::StrAppendFormat(&svg,
                          "<path d=\"%s\" fill=\"none\" stroke=\"%s\" "
                          "stroke-width=\"2\" clip-path=\"url(#area)\"/>\n",
                          path, stroke);
    if (s.markers) {
      for (const auto& [x, y] : s.points) {
        if ((xa.log && !(x > 0)) || (ya.log && !(y > 0))) continue;
        absl::StrAppendFormat(&svg,
                              "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" "
                              "fill=\"%s\"/>\n",
                              xa.Map(x), ya.Map(y), stroke);
      }
    }
    // Legend, bottom right for a CDF (its curves rise to the top left).
    const int lx = options.y_percent ? w - kRight - 190 : kLeft + 12;
    const int ly =
        options.y_percent
            ? h - kBottom - 12 - (shown - static_cast<int>(color)) * 18
            : legend_y;
    absl::StrAppendFormat(
        &svg,
        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
        "stroke-width=\"3\"/>\n<text x=\"%d\" y=\"%d\">%s</text>\n",
        lx, ly - 4, lx + 22, ly - 4, stroke, lx + 28, ly, Escape(s.name));
    legend_y += 18;
  }
  svg += "</svg>\n";
  return svg;
}

}  // namespace vnsearch::bench
