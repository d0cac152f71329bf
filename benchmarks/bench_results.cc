#include "benchmarks/bench_results.h"

#include <algorithm>
#include <fstream>
#include <functional>
#include <optional>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "benchmarks/query_classes.h"

namespace vnsearch::bench {
namespace {

constexpr double kMB = 1e6;
constexpr double kMiB = 1024.0 * 1024.0;

std::string EngineTitle(const std::string& engine) {
  if (engine == "xapian") return "stock Xapian";
  if (engine == "fts5") return "SQLite FTS5";
  if (engine == "postgres") return "PostgreSQL 15";
  return engine;
}

// Engines in report order: vnsearch first, then the peers.
int EngineOrder(const std::string& engine) {
  if (engine == "vnsearch") return 0;
  if (engine == "xapian") return 1;
  if (engine == "fts5") return 2;
  if (engine == "postgres") return 3;
  return 4;
}

double Num(const Record& r, const char* key) {
  auto it = r.find(key);
  return it != r.end() && it->is_number() ? it->get<double>() : 0.0;
}

std::string Str(const Record& r, const char* key) {
  auto it = r.find(key);
  return it != r.end() && it->is_string() ? it->get<std::string>() : "";
}

std::vector<Record> Select(
    const std::vector<Record>& records, const std::string& kind,
    const std::function<bool(const Record&)>& keep = [](const Record&) {
      return true;
    }) {
  std::vector<Record> out;
  for (const Record& r : records) {
    if (Str(r, "kind") == kind && keep(r)) out.push_back(r);
  }
  // The last record of a (label, engine, class) wins: a re-run replaces.
  std::vector<Record> unique;
  for (auto it = out.rbegin(); it != out.rend(); ++it) {
    const bool seen =
        std::any_of(unique.begin(), unique.end(), [&](const Record& u) {
          return Str(u, "label") == Str(*it, "label") &&
                 Str(u, "engine") == Str(*it, "engine") &&
                 Str(u, "class") == Str(*it, "class");
        });
    if (!seen) unique.push_back(*it);
  }
  std::reverse(unique.begin(), unique.end());
  std::stable_sort(
      unique.begin(), unique.end(), [](const Record& a, const Record& b) {
        return EngineOrder(Str(a, "engine")) < EngineOrder(Str(b, "engine"));
      });
  return unique;
}

std::optional<Record> Find(const std::vector<Record>& records,
                           const std::string& kind, const std::string& label,
                           const std::string& engine,
                           const std::string& query_class = "") {
  std::optional<Record> found;
  for (const Record& r : records) {
    if (Str(r, "kind") == kind && Str(r, "label") == label &&
        Str(r, "engine") == engine &&
        (query_class.empty() || Str(r, "class") == query_class)) {
      found = r;
    }
  }
  return found;
}

std::string Ms(double ms) {
  if (ms >= 100) return absl::StrFormat("%.0f", ms);
  if (ms >= 10) return absl::StrFormat("%.1f", ms);
  if (ms >= 1) return absl::StrFormat("%.2f", ms);
  return absl::StrFormat("%.3f", ms);
}

std::string Ratio(double numerator, double denominator) {
  if (numerator <= 0 || denominator <= 0) return "–";
  return absl::StrFormat("%.2fx", numerator / denominator);
}

std::string Row(const std::vector<std::string>& cells) {
  return absl::StrCat("| ", absl::StrJoin(cells, " | "), " |\n");
}

std::string Header(const std::vector<std::string>& cells) {
  std::string out = Row(cells);
  std::vector<std::string> rule(cells.size(), "---");
  for (size_t i = 1; i < cells.size(); ++i) rule[i] = "---:";
  return absl::StrCat(out, Row(rule));
}

// Labels that have records of `kind`, ordered by corpus size.
std::vector<std::pair<std::string, double>> Labels(
    const std::vector<Record>& records, const std::string& kind) {
  std::vector<std::pair<std::string, double>> labels;
  for (const Record& r : records) {
    if (Str(r, "kind") != kind) continue;
    const std::string label = Str(r, "label");
    auto it = std::find_if(labels.begin(), labels.end(),
                           [&](const auto& l) { return l.first == label; });
    if (it == labels.end()) labels.emplace_back(label, Num(r, "docs"));
  }
  std::stable_sort(
      labels.begin(), labels.end(),
      [](const auto& a, const auto& b) { return a.second < b.second; });
  return labels;
}

// The real corpus's label (the first corpus record not synthetic), or the
// smallest label measured.
std::string ReferenceLabel(const std::vector<Record>& records) {
  for (const Record& r : records) {
    if (Str(r, "kind") == "corpus" && !r.value("synthetic", false)) {
      return Str(r, "label");
    }
  }
  auto labels = Labels(records, "latency");
  return labels.empty() ? "" : labels.front().first;
}

std::string LargestSyntheticLabel(const std::vector<Record>& records) {
  std::string best;
  double docs = -1;
  for (const Record& r : records) {
    if (Str(r, "kind") == "corpus" && r.value("synthetic", false) &&
        Num(r, "docs") > docs &&
        Find(records, "index", Str(r, "label"), "vnsearch").has_value()) {
      docs = Num(r, "docs");
      best = Str(r, "label");
    }
  }
  return best;
}

}  // namespace

absl::Status AppendRecord(const std::string& path, const Record& record) {
  std::ofstream out(path, std::ios::app);
  out << record.dump() << "\n";
  out.close();
  if (!out) return absl::InternalError(absl::StrCat("cannot append to ", path));
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Record>> LoadRecords(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::vector<Record> records;
  std::string line;
  while (std::getline(in, line)) {
    Record r = Record::parse(line, nullptr, /*allow_exceptions=*/false);
    if (r.is_object()) records.push_back(std::move(r));
  }
  return records;
}

double LoadAverage() {
  double load = 0;
  std::ifstream("/proc/loadavg") >> load;
  return load;
}

std::string LatencyTables(const std::vector<Record>& records,
                          const std::string& label) {
  const std::vector<Record> rows =
      Select(records, "latency",
             [&](const Record& r) { return Str(r, "label") == label; });
  if (rows.empty()) return "";
  auto vnsearch_of = [&](const std::string& query_class) {
    return Find(records, "latency", label, "vnsearch", query_class);
  };
  const std::vector<std::string> columns = {"engine",
                                            "queries",
                                            "runs",
                                            "p50 ms",
                                            "p95 ms",
                                            "p99 ms",
                                            "mean ms",
                                            "queries/s",
                                            "CPU p50 ms",
                                            "CPU p99 ms",
                                            "mean hits",
                                            "vnsearch/engine p50",
                                            "vnsearch/engine p99"};
  auto cells = [&](const Record& r) {
    std::optional<Record> vn = vnsearch_of(Str(r, "class"));
    const std::string engine = Str(r, "engine");
    const bool self = engine == "vnsearch";
    std::vector<std::string> c = {
        EngineTitle(engine),
        // "4 of 10": a slow peer capped to the class's first queries.
        r.contains("capped_from")
            ? absl::StrCat(static_cast<int64_t>(Num(r, "queries")), " of ",
                           static_cast<int64_t>(Num(r, "capped_from")))
            : absl::StrCat(static_cast<int64_t>(Num(r, "queries"))),
        absl::StrCat(static_cast<int64_t>(Num(r, "runs"))),
        Ms(Num(r, "p50_ms")),
        Ms(Num(r, "p95_ms")),
        Ms(Num(r, "p99_ms")),
        Ms(Num(r, "mean_ms")),
        absl::StrFormat("%.0f", Num(r, "qps")),
        Ms(Num(r, "cpu_p50_ms")),
        Ms(Num(r, "cpu_p99_ms")),
        absl::StrFormat("%.1f", Num(r, "mean_hits")),
        self || !vn ? "–" : Ratio(Num(*vn, "p50_ms"), Num(r, "p50_ms")),
        self || !vn ? "–" : Ratio(Num(*vn, "p99_ms"), Num(r, "p99_ms"))};
    if (Num(r, "errors") > 0) {
      c[0] += absl::StrFormat(" (%d errors)",
                              static_cast<int64_t>(Num(r, "errors")));
    }
    return c;
  };
  double load = 0;
  for (const Record& r : rows) load = std::max(load, Num(r, "load_average"));
  std::string out = absl::StrCat(
      "Whole mix (", label, ", ",
      static_cast<int64_t>(Num(rows.front(), "docs")),
      " documents; single thread, warm; top 10; wall-clock percentiles, and "
      "the "
      "thread's CPU time per query, which leaves out waiting for a core; "
      "highest 1-minute load average seen: ",
      absl::StrFormat("%.1f", load), " on ",
      std::thread::hardware_concurrency(), " cores):\n\n");
  out += Header(columns);
  for (const Record& r : rows) {
    if (Str(r, "class") == "mix") out += Row(cells(r));
  }
  out += "\nPer query class:\n\n";
  std::vector<std::string> class_columns = columns;
  class_columns.insert(class_columns.begin(), "class");
  out += Header(class_columns);
  for (QueryClass c : kAllQueryClasses) {
    for (const Record& r : rows) {
      if (Str(r, "class") != QueryClassName(c)) continue;
      std::vector<std::string> row = cells(r);
      row.insert(row.begin(), std::string(QueryClassName(c)));
      out += Row(row);
    }
  }
  return out;
}

std::string IndexTable(const std::vector<Record>& records,
                       const std::string& label) {
  const std::vector<Record> rows =
      Select(records, "index",
             [&](const Record& r) { return Str(r, "label") == label; });
  if (rows.empty()) return "";
  std::optional<Record> vn = Find(records, "index", label, "vnsearch");
  std::string out =
      absl::StrCat("Indexing (", label,
                   "; wall time of the indexing process to a searchable, "
                   "compacted index — vnindex and stock Xapian compact, FTS5 "
                   "runs 'optimize'; "
                   "peak RSS of that process):\n\n");
  out += Header({"engine", "threads", "docs", "input MB", "wall s", "docs/s",
                 "MB/s", "CPU s", "peak RSS MiB", "index MB",
                 "vnsearch/engine wall", "vnsearch/engine size", "load after"});
  for (const Record& r : rows) {
    const std::string engine = Str(r, "engine");
    const bool self = engine == "vnsearch";
    const double wall = Num(r, "wall_s");
    // A reused index (benchmarks/run --quick) shows the figures of the
    // build that made it; vnrelevance's builds did not record CPU and RSS.
    const bool cached = r.value("cached", false);
    auto known = [&](const char* field, std::string text) {
      return r.contains(field) ? text : std::string("–");
    };
    out += Row({EngineTitle(engine) + (cached ? " (cached)" : ""),
                absl::StrCat(static_cast<int64_t>(Num(r, "threads"))),
                absl::StrCat(static_cast<int64_t>(Num(r, "docs"))),
                absl::StrFormat("%.1f", Num(r, "input_bytes") / kMB),
                absl::StrFormat("%.1f", wall),
                absl::StrFormat("%.0f", wall > 0 ? Num(r, "docs") / wall : 0),
                absl::StrFormat(
                    "%.2f", wall > 0 ? Num(r, "input_bytes") / kMB / wall : 0),
                known("cpu_s", absl::StrFormat("%.1f", Num(r, "cpu_s"))),
                known("peak_rss_bytes",
                      absl::StrFormat("%.0f", Num(r, "peak_rss_bytes") / kMiB)),
                absl::StrFormat("%.1f", Num(r, "index_bytes") / kMB),
                self || !vn ? "–" : Ratio(Num(*vn, "wall_s"), wall),
                self || !vn
                    ? "–"
                    : Ratio(Num(*vn, "index_bytes"), Num(r, "index_bytes")),
                known("load_average",
                      absl::StrFormat("%.1f", Num(r, "load_average")))});
  }
  std::vector<std::string> cached, parallel;
  for (const Record& r : rows) {
    if (r.value("cached", false)) {
      cached.push_back(absl::StrCat(EngineTitle(Str(r, "engine")), " (",
                                    r.value("cached_at", "earlier"), ")"));
    }
    if (r.contains("parallel_builds")) {
      parallel.push_back(EngineTitle(Str(r, "engine")));
    }
  }
  if (!cached.empty()) {
    absl::StrAppend(&out, "\nNot rebuilt in this run: the index of ",
                    absl::StrJoin(cached, ", "),
                    " was reused from the build's news-cache (same corpus, "
                    "engine version and settings); its row is the record of "
                    "the build that made it, at that time's load.\n");
  }
  if (!parallel.empty()) {
    absl::StrAppend(&out, "\nBuilt side by side (up to ",
                    static_cast<int64_t>(Num(
                        *std::find_if(rows.begin(), rows.end(),
                                      [](const Record& r) {
                                        return r.contains("parallel_builds");
                                      }),
                        "parallel_builds")),
                    " at once, to save time): ", absl::StrJoin(parallel, ", "),
                    "; their wall times include waiting for the cores the "
                    "others used.\n");
  }
  return out;
}

std::string BatchTable(const std::vector<Record>& records) {
  const std::vector<Record> rows = Select(records, "batch");
  if (rows.empty()) return "";
  std::string out =
      "vnsearch in batch mode (`vnsearch --index DIR --json < queries.txt`, "
      "snippets on, the whole mix once; latency from its own took_ms):\n\n";
  out += Header({"corpus", "docs", "queries", "wall s", "queries/s",
                 "peak RSS MiB", "p50 ms", "p95 ms", "p99 ms"});
  std::vector<Record> sorted = rows;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const Record& a, const Record& b) {
                     return Num(a, "docs") < Num(b, "docs");
                   });
  for (const Record& r : sorted) {
    const double wall = Num(r, "wall_s");
    out += Row(
        {Str(r, "label"), absl::StrCat(static_cast<int64_t>(Num(r, "docs"))),
         absl::StrCat(static_cast<int64_t>(Num(r, "queries"))),
         absl::StrFormat("%.2f", wall),
         absl::StrFormat("%.0f", wall > 0 ? Num(r, "queries") / wall : 0),
         absl::StrFormat("%.1f", Num(r, "peak_rss_bytes") / kMiB),
         Ms(Num(r, "p50_ms")), Ms(Num(r, "p95_ms")), Ms(Num(r, "p99_ms"))});
  }
  return out;
}

std::string ScaleTable(const std::vector<Record>& records) {
  const auto labels = Labels(records, "index");
  if (labels.empty()) return "";
  const std::string reference = ReferenceLabel(records);
  std::optional<Record> reference_index =
      Find(records, "index", reference, "vnsearch");
  const double reference_rate =
      reference_index && Num(*reference_index, "wall_s") > 0
          ? Num(*reference_index, "docs") / Num(*reference_index, "wall_s")
          : 0;
  std::string out = absl::StrCat(
      "vnsearch against corpus size (latency: single thread, warm; the "
      "synthetic sizes all answer the same queries, drawn from the real "
      "corpus, which may be fewer per class than the reference's; indexing "
      "rate relative to ",
      reference,
      " and to synthetic-1x, whose text is "
      "alike):\n\n");
  std::optional<Record> synthetic_1x =
      Find(records, "index", "synthetic-1x", "vnsearch");
  const double synthetic_rate =
      synthetic_1x && Num(*synthetic_1x, "wall_s") > 0
          ? Num(*synthetic_1x, "docs") / Num(*synthetic_1x, "wall_s")
          : 0;
  out += Header({"corpus", "docs", "input MB", "vnindex wall s", "docs/s",
                 "rate vs reference", "rate vs synthetic-1x", "vnindex CPU s",
                 "vnindex peak RSS MiB", "index MB", "mix p50 ms", "mix p95 ms",
                 "mix p99 ms", "vnsearch batch RSS MiB"});
  for (const auto& [label, docs] : labels) {
    std::optional<Record> index = Find(records, "index", label, "vnsearch");
    if (!index) continue;
    std::optional<Record> mix =
        Find(records, "latency", label, "vnsearch", "mix");
    std::optional<Record> batch = Find(records, "batch", label, "vnsearch");
    const double wall = Num(*index, "wall_s");
    const double rate = wall > 0 ? Num(*index, "docs") / wall : 0;
    out += Row(
        {label, absl::StrCat(static_cast<int64_t>(Num(*index, "docs"))),
         absl::StrFormat("%.0f", Num(*index, "input_bytes") / kMB),
         absl::StrFormat("%.1f", wall), absl::StrFormat("%.0f", rate),
         reference_rate > 0
             ? absl::StrFormat("%.0f%%", 100 * rate / reference_rate)
             : "–",
         synthetic_rate > 0
             ? absl::StrFormat("%.0f%%", 100 * rate / synthetic_rate)
             : "–",
         absl::StrFormat("%.0f", Num(*index, "cpu_s")),
         absl::StrFormat("%.0f", Num(*index, "peak_rss_bytes") / kMiB),
         absl::StrFormat("%.0f", Num(*index, "index_bytes") / kMB),
         mix ? Ms(Num(*mix, "p50_ms")) : "–",
         mix ? Ms(Num(*mix, "p95_ms")) : "–",
         mix ? Ms(Num(*mix, "p99_ms")) : "–",
         batch ? absl::StrFormat("%.1f", Num(*batch, "peak_rss_bytes") / kMiB)
               : "–"});
  }
  // Peers wherever they were measured beyond the reference corpus.
  std::string peers;
  for (const auto& [label, docs] : labels) {
    if (label == reference) continue;
    for (const char* engine : {"xapian", "fts5"}) {
      std::optional<Record> index = Find(records, "index", label, engine);
      std::optional<Record> mix =
          Find(records, "latency", label, engine, "mix");
      if (!index && !mix) continue;
      std::optional<Record> vn_index =
          Find(records, "index", label, "vnsearch");
      std::optional<Record> vn_mix =
          Find(records, "latency", label, "vnsearch", "mix");
      const double wall = index ? Num(*index, "wall_s") : 0;
      const double any_size = index ? Num(*index, "index_bytes") : 0;
      peers += Row(
          {label, EngineTitle(engine),
           index ? absl::StrFormat("%.1f", wall) : "–",
           index && wall > 0
               ? absl::StrFormat("%.0f", Num(*index, "docs") / wall)
               : "–",
           index ? absl::StrFormat("%.0f", Num(*index, "peak_rss_bytes") / kMiB)
                 : "–",
           index ? absl::StrFormat("%.0f", any_size / kMB) : "–",
           mix ? Ms(Num(*mix, "p50_ms")) : "–",
           mix ? Ms(Num(*mix, "p99_ms")) : "–",
           vn_index && index ? Ratio(Num(*vn_index, "wall_s"), wall) : "–",
           vn_index && index ? Ratio(Num(*vn_index, "index_bytes"), any_size)
                             : "–",
           vn_mix && mix ? Ratio(Num(*vn_mix, "p50_ms"), Num(*mix, "p50_ms"))
                         : "–",
           vn_mix && mix ? Ratio(Num(*vn_mix, "p99_ms"), Num(*mix, "p99_ms"))
                         : "–"});
    }
  }
  if (!peers.empty()) {
    out += "\nPeers at scale:\n\n";
    out += Header({"corpus", "engine", "index wall s", "docs/s", "peak RSS MiB",
                   "index MB", "mix p50 ms", "mix p99 ms",
                   "vnsearch/engine wall", "vnsearch/engine size",
                   "vnsearch/engine p50", "vnsearch/engine p99"});
    out += peers;
  }
  return out;
}

std::string TargetsTable(const std::vector<Record>& records) {
  const std::string ref = ReferenceLabel(records);
  const std::string large = LargestSyntheticLabel(records);
  std::string out = absl::StrCat(
      "Targets (reference corpus: ", ref.empty() ? "none" : ref,
      large.empty() ? "" : absl::StrCat("; largest: ", large), "):\n\n");
  out += Header({"target", "measured", "status"});
  auto row = [&](const std::string& target, std::optional<double> value,
                 const std::function<std::string(double)>& show,
                 const std::function<bool(double)>& met) {
    if (!value) {
      out += Row({target, "not measured", "–"});
      return;
    }
    out += Row({target, show(*value), met(*value) ? "met" : "**missed**"});
  };
  auto latency = [&](const std::string& label, const std::string& engine,
                     const char* key) -> std::optional<double> {
    std::optional<Record> r = Find(records, "latency", label, engine, "mix");
    if (!r) return std::nullopt;
    return Num(*r, key);
  };
  auto ratio = [](double v) { return absl::StrFormat("%.2fx", v); };
  auto div = [](std::optional<double> a,
                std::optional<double> b) -> std::optional<double> {
    if (!a || !b || *b <= 0) return std::nullopt;
    return *a / *b;
  };
  auto ms_cpu = [&](const std::string& label, const char* cpu_key) {
    return [&, label, cpu_key](double v) {
      std::optional<double> cpu = latency(label, "vnsearch", cpu_key);
      return absl::StrCat(
          Ms(v), " ms",
          cpu ? absl::StrCat(" (thread CPU ", Ms(*cpu), " ms)") : "");
    };
  };
  row(absl::StrCat(ref, " mix p50 <= 0.5 ms"),
      latency(ref, "vnsearch", "p50_ms"), ms_cpu(ref, "cpu_p50_ms"),
      [](double v) { return v <= 0.5; });
  row(absl::StrCat(ref, " mix p99 <= 5 ms"), latency(ref, "vnsearch", "p99_ms"),
      ms_cpu(ref, "cpu_p99_ms"), [](double v) { return v <= 5; });
  row("p50 no worse than stock Xapian (vnsearch/Xapian <= 1)",
      div(latency(ref, "vnsearch", "p50_ms"), latency(ref, "xapian", "p50_ms")),
      ratio, [](double v) { return v <= 1; });
  row("p99 no worse than stock Xapian (vnsearch/Xapian <= 1)",
      div(latency(ref, "vnsearch", "p99_ms"), latency(ref, "xapian", "p99_ms")),
      ratio, [](double v) { return v <= 1; });
  row("p50 at least 5x faster than FTS5 (FTS5/vnsearch >= 5)",
      div(latency(ref, "fts5", "p50_ms"), latency(ref, "vnsearch", "p50_ms")),
      ratio, [](double v) { return v >= 5; });
  auto index_value = [&](const std::string& label, const std::string& engine,
                         const char* key) -> std::optional<double> {
    std::optional<Record> r = Find(records, "index", label, engine);
    if (!r) return std::nullopt;
    return Num(*r, key);
  };
  auto seconds = [](double v) { return absl::StrFormat("%.1f s", v); };
  row(absl::StrCat("indexing ", ref,
                   " no slower than stock Xapian (wall ratio <= 1)"),
      div(index_value(ref, "vnsearch", "wall_s"),
          index_value(ref, "xapian", "wall_s")),
      ratio, [](double v) { return v <= 1; });
  row(absl::StrCat("indexing ", ref, " <= 20 s (aim)"),
      index_value(ref, "vnsearch", "wall_s"), seconds,
      [](double v) { return v <= 20; });
  std::optional<double> xapian_size = index_value(ref, "xapian", "index_bytes");
  row("index size <= 1.5x stock Xapian's, compacted",
      div(index_value(ref, "vnsearch", "index_bytes"), xapian_size), ratio,
      [](double v) { return v <= 1.5; });
  if (!large.empty()) {
    double large_docs = 0;
    for (const Record& r : records) {
      if (Str(r, "kind") == "corpus" && Str(r, "label") == large)
        large_docs = Num(r, "docs");
    }
    const std::string caveat =
        large_docs < 1e6
            ? absl::StrFormat(" (target set for ~1.1M articles; %s has %.0f)",
                              large, large_docs)
            : "";
    row(absl::StrCat(large, " mix p99 <= 50 ms", caveat),
        latency(large, "vnsearch", "p99_ms"), ms_cpu(large, "cpu_p99_ms"),
        [](double v) { return v <= 50; });
    auto rate = [&](const std::string& label) -> std::optional<double> {
      return div(index_value(label, "vnsearch", "docs"),
                 index_value(label, "vnsearch", "wall_s"));
    };
    std::optional<double> vs_synthetic = div(rate(large), rate("synthetic-1x"));
    row(
        absl::StrCat(large, " indexing rate >= 80% of ", ref, "'s", caveat),
        div(rate(large), rate(ref)),
        [vs_synthetic](double v) {
          return absl::StrCat(
              absl::StrFormat("%.0f%%", 100 * v),
              vs_synthetic ? absl::StrFormat(" (%.0f%% of synthetic-1x's)",
                                             100 * *vs_synthetic)
                           : "");
        },
        [](double v) { return v >= 0.8; });
  }
  // Peak RSS at every size.
  std::optional<double> worst_index_rss, worst_batch_rss;
  std::string worst_index_label, worst_batch_label;
  for (const Record& r : records) {
    if (Str(r, "engine") != "vnsearch") continue;
    const double rss = Num(r, "peak_rss_bytes");
    if (Str(r, "kind") == "index" &&
        (!worst_index_rss || rss > *worst_index_rss)) {
      worst_index_rss = rss;
      worst_index_label = Str(r, "label");
    }
    if (Str(r, "kind") == "batch" &&
        (!worst_batch_rss || rss > *worst_batch_rss)) {
      worst_batch_rss = rss;
      worst_batch_label = Str(r, "label");
    }
  }
  row(
      absl::StrCat("vnindex peak RSS <= 1 GB at every size (worst: ",
                   worst_index_label, ")"),
      worst_index_rss,
      [](double v) { return absl::StrFormat("%.0f MiB", v / kMiB); },
      [](double v) { return v <= 1e9; });
  row(
      absl::StrCat("vnsearch RSS <= 100 MB at every size (worst: ",
                   worst_batch_label, ")"),
      worst_batch_rss,
      [](double v) { return absl::StrFormat("%.1f MiB", v / kMiB); },
      [](double v) { return v <= 100e6; });
  return out;
}

}  // namespace vnsearch::bench
