#include "benchmarks/bench_figures.h"

#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "benchmarks/svg_plot.h"

namespace vnsearch::bench {
namespace {

const char* EngineName(const std::string& engine) {
  if (engine == "xapian") return "stock Xapian";
  if (engine == "fts5") return "SQLite FTS5";
  if (engine == "postgres") return "PostgreSQL 15";
  return engine == "vnsearch" ? "vnsearch" : "other";
}

int Order(const std::string& engine) {
  static const std::vector<std::string> kOrder = {"vnsearch", "xapian", "fts5",
                                                  "postgres"};
  auto it = std::find(kOrder.begin(), kOrder.end(), engine);
  return static_cast<int>(it - kOrder.begin());
}

double Num(const Record& r, const char* key) {
  auto it = r.find(key);
  return it != r.end() && it->is_number() ? it->get<double>() : 0.0;
}

// The last record of each engine for `label`, `kind` (and `class`), in
// report order.
std::vector<const Record*> Latest(const std::vector<Record>& records,
                                  const std::string& kind,
                                  const std::string& label,
                                  const std::string& query_class) {
  std::map<int, const Record*> by_engine;
  for (const Record& r : records) {
    if (r.value("kind", "") != kind || r.value("label", "") != label) continue;
    if (!query_class.empty() && r.value("class", "") != query_class) continue;
    by_engine[Order(r.value("engine", ""))] = &r;
  }
  std::vector<const Record*> out;
  for (const auto& [order, r] : by_engine) out.push_back(r);
  return out;
}

}  // namespace

std::vector<Figure> ReportFigures(const std::vector<Record>& records) {
  std::vector<Figure> figures;
  // Labels in the order of the runs, with their size.
  std::vector<std::pair<std::string, double>> labels;
  for (const Record& r : records) {
    if (r.value("kind", "") != "corpus") continue;
    const std::string label = r.value("label", "");
    auto known = std::find_if(labels.begin(), labels.end(),
                              [&](const auto& l) { return l.first == label; });
    if (known == labels.end()) labels.emplace_back(label, Num(r, "docs"));
  }
  std::vector<std::pair<std::string, double>> scaled;  // synthetic sizes
  for (const Record& r : records) {
    if (r.value("kind", "") == "corpus" && r.value("synthetic", false) &&
        std::none_of(scaled.begin(), scaled.end(), [&](const auto& l) {
          return l.first == r.value("label", "");
        })) {
      scaled.emplace_back(r.value("label", ""), Num(r, "docs"));
    }
  }

  for (const auto& [label, docs] : labels) {
    for (const char* query_class : {"mix", "known_item"}) {
      std::vector<PlotSeries> series;
      for (const Record* r : Latest(records, "latency", label, query_class)) {
        auto q = r->find("quantiles_ms");
        if (q == r->end() || !q->is_array() || q->size() < 2) continue;
        PlotSeries s;
        s.name = EngineName(r->value("engine", ""));
        const size_t n = q->size();
        for (size_t i = 0; i < n; ++i) {
          s.points.emplace_back((*q)[i].get<double>(),
                                static_cast<double>(i) / (n - 1));
        }
        series.push_back(std::move(s));
      }
      if (series.empty()) continue;
      const std::string what = std::string(query_class) == "mix"
                                   ? "the mix of every class"
                                   : "known-item queries";
      figures.push_back(
          {absl::StrCat("latency_cdf_", label, "_", query_class, ".svg"),
           absl::StrCat("Latency CDF on ", label, ", ", what,
                        " (single thread, top 10)"),
           label,
           SvgLineChart(series, LatencyCdfOptions(absl::StrCat(
                                    "Query latency, ", label, ", ", what)))});
    }
  }

  // The scale study's sizes when there are two or more, else every corpus.
  if (scaled.size() >= 2) labels = scaled;
  if (labels.size() < 2) return figures;
  // Against corpus size: one series per engine and percentile.
  std::map<int, PlotSeries> p50, p99, rate;
  for (const auto& [label, docs] : labels) {
    for (const Record* r : Latest(records, "latency", label, "mix")) {
      const std::string engine = r->value("engine", "");
      PlotSeries& a = p50[Order(engine)];
      a.name = absl::StrCat(EngineName(engine), " p50");
      a.markers = true;
      a.points.emplace_back(docs, Num(*r, "p50_ms"));
      PlotSeries& b = p99[Order(engine)];
      b.name = absl::StrCat(EngineName(engine), " p99");
      b.markers = true;
      b.points.emplace_back(docs, Num(*r, "p99_ms"));
    }
    for (const Record* r : Latest(records, "index", label, "")) {
      const std::string engine = r->value("engine", "");
      const double wall = Num(*r, "wall_s");
      if (wall <= 0) continue;
      PlotSeries& s = rate[Order(engine)];
      s.name = EngineName(engine);
      s.markers = true;
      s.points.emplace_back(docs, Num(*r, "input_bytes") / 1e6 / wall);
    }
  }
  std::vector<PlotSeries> latency, indexing;
  for (auto& [order, s] : p50) latency.push_back(std::move(s));
  for (auto& [order, s] : p99) latency.push_back(std::move(s));
  for (auto& [order, s] : rate) indexing.push_back(std::move(s));
  PlotOptions options;
  options.title = "Query latency of the mix against corpus size";
  options.x_label = "articles (log scale)";
  options.y_label = "ms (log scale)";
  options.log_x = true;
  options.log_y = true;
  figures.push_back({"scale_latency.svg",
                     "p50 and p99 of the mix against corpus size", "scale",
                     SvgLineChart(latency, options)});
  options.title = "Indexing rate against corpus size";
  options.y_label = "MB of text per second (wall)";
  options.log_y = false;
  figures.push_back({"scale_indexing.svg",
                     "Indexing rate (input MB per wall second) against corpus "
                     "size",
                     "scale", SvgLineChart(indexing, options)});
  return figures;
}

}  // namespace vnsearch::bench
