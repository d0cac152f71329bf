// shard_bench: query latency of the same query mix on several forms of one
// index (one database, local shards, remote shards through xapian-tcpsrv),
// measured in one process, the forms interleaved pass by pass, and whether
// every form gives the first one's answers (ids and scores; documents tied
// on score may come in another order, see docs/OPERATIONS.md "Shards").
//   shard_bench --queries FILE --index single=DIR,local2=DIR2,remote2=STUB
//   shard_bench --relevance --index ...   (the relevance suite's test half,
//                                          generated from the news corpus)
// Prints a Markdown table (benchmarks/REPORT.md "Shards").

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "benchmarks/news_corpus.h"
#include "benchmarks/percentile.h"
#include "benchmarks/relevance_suite.h"
#include "common/search/searcher.h"

ABSL_FLAG(std::string, queries, "", "queries, one per line");
ABSL_FLAG(std::string, index, "",
          "label=PATH,... : index directories, sharded ones or stubs");
ABSL_FLAG(int, passes, 3, "timed runs of each query (after one warm-up)");
ABSL_FLAG(bool, snippets, false, "generate snippets (the benchmarks do not)");
ABSL_FLAG(int, limit, 10, "hits per query");
ABSL_FLAG(bool, facets, false,
          "count facets over the whole match set (remote shards: Xapian's "
          "ValueCountMatchSpy; search/facets.h)");
ABSL_FLAG(bool, relevance, false,
          "use the relevance suite's test-half queries (news corpus)");

namespace {

struct Form {
  std::string label, path;
  std::unique_ptr<vnsearch::Searcher> searcher;
  std::vector<double> ms;
  uint64_t errors = 0, different = 0;
  std::string first_error;
};

using Answer = std::vector<std::pair<std::string, double>>;

// Same ids and scores (relative 1e-9), ties on score compared as sets; the
// last group of ties may be cut differently by the page size.
bool SameAnswer(const Answer& a, const Answer& b) {
  if (a.size() != b.size()) return false;
  const auto close = [](double x, double y) {
    return std::abs(x - y) <= 1e-9 * std::max(1.0, std::abs(x));
  };
  size_t i = 0;
  while (i < a.size()) {
    size_t j = i;
    while (j < a.size() && close(a[j].second, a[i].second)) ++j;
    for (size_t k = i; k < j; ++k) {
      if (!close(a[k].second, b[k].second)) return false;
    }
    if (j < a.size()) {
      std::vector<std::string> x, y;
      for (size_t k = i; k < j; ++k) {
        x.push_back(a[k].first);
        y.push_back(b[k].first);
      }
      std::sort(x.begin(), x.end());
      std::sort(y.begin(), y.end());
      if (x != y) return false;
    }
    i = j;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  std::vector<std::string> queries;
  if (absl::GetFlag(FLAGS_relevance)) {
    namespace bench = vnsearch::bench;
    absl::StatusOr<std::string> root = bench::PrepareNewsCorpus(
        bench::NewsArchivePath(), bench::NewsCacheDir());
    absl::StatusOr<std::vector<bench::NewsArticle>> articles =
        root.ok()
            ? bench::ReadNewsCorpus(*root)
            : absl::StatusOr<std::vector<bench::NewsArticle>>(root.status());
    absl::StatusOr<bench::RelevanceSuite> suite =
        articles.ok()
            ? bench::RelevanceSuite::Generate(*articles, {})
            : absl::StatusOr<bench::RelevanceSuite>(articles.status());
    if (!suite.ok()) {
      std::cerr << "shard_bench: " << suite.status().message() << "\n";
      return 1;
    }
    for (const bench::RelevanceQuery& q : suite->Queries(bench::Split::kTest)) {
      queries.push_back(q.text);
    }
  } else {
    std::ifstream in(absl::GetFlag(FLAGS_queries));
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) queries.push_back(line);
    }
  }
  if (queries.empty()) {
    std::cerr << "shard_bench: no queries (--queries FILE)\n";
    return 2;
  }
  std::vector<Form> forms;
  for (absl::string_view item :
       absl::StrSplit(absl::GetFlag(FLAGS_index), ',', absl::SkipEmpty())) {
    std::pair<std::string, std::string> kv = absl::StrSplit(item, '=');
    Form form{kv.first, kv.second, nullptr, {}, 0, 0, {}};
    vnsearch::SearcherOptions options;
    options.index_dir = form.path;
    absl::StatusOr<std::unique_ptr<vnsearch::Searcher>> searcher =
        vnsearch::Searcher::Open(options);
    if (!searcher.ok()) {
      std::cerr << "shard_bench: " << form.label << ": "
                << searcher.status().message() << "\n";
      return 1;
    }
    form.searcher = *std::move(searcher);
    forms.push_back(std::move(form));
  }
  if (forms.empty()) {
    std::cerr << "shard_bench: no index (--index label=PATH,...)\n";
    return 2;
  }
  vnsearch::SearchRequest request;
  request.limit = static_cast<size_t>(absl::GetFlag(FLAGS_limit));
  request.snippets = absl::GetFlag(FLAGS_snippets);
  request.facets = absl::GetFlag(FLAGS_facets);

  // Warm-up, and the answers compared.
  std::vector<Answer> reference(queries.size());
  for (Form& form : forms) {
    for (size_t q = 0; q < queries.size(); ++q) {
      absl::StatusOr<vnsearch::SearchResult> r =
          form.searcher->Search(queries[q], request);
      Answer answer;
      if (r.ok()) {
        for (const vnsearch::Hit& hit : r->hits) {
          answer.emplace_back(hit.article.id, hit.score);
        }
      } else if (form.first_error.empty()) {
        form.first_error = std::string(r.status().message());
      }
      if (&form == &forms[0]) {
        reference[q] = std::move(answer);
      } else if (!SameAnswer(reference[q], answer)) {
        ++form.different;
      }
    }
  }
  const int passes = std::max(1, absl::GetFlag(FLAGS_passes));
  for (int pass = 0; pass < passes; ++pass) {
    for (Form& form : forms) {
      for (const std::string& query : queries) {
        const auto started = std::chrono::steady_clock::now();
        absl::StatusOr<vnsearch::SearchResult> r =
            form.searcher->Search(query, request);
        form.ms.push_back(std::chrono::duration<double, std::milli>(
                              std::chrono::steady_clock::now() - started)
                              .count());
        if (!r.ok()) ++form.errors;
      }
    }
  }
  std::cout
      << "| form | queries | runs | p50 ms | p95 ms | p99 ms | mean ms | "
         "p50 / first | answers differing from the first | errors |\n"
         "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | "
         "---: |\n";
  double first_p50 = 0;
  for (Form& form : forms) {
    std::sort(form.ms.begin(), form.ms.end());
    double sum = 0;
    for (double v : form.ms) sum += v;
    const double p50 = vnsearch::bench::Percentile(form.ms, 0.5);
    if (&form == &forms[0]) first_p50 = p50;
    std::cout << absl::StrFormat(
        "| %s | %d | %d | %.3f | %.3f | %.3f | %.3f | %.2fx | %d | %d |\n",
        form.label, queries.size(), form.ms.size(), p50,
        vnsearch::bench::Percentile(form.ms, 0.95),
        vnsearch::bench::Percentile(form.ms, 0.99),
        sum / static_cast<double>(form.ms.size()),
        first_p50 > 0 ? p50 / first_p50 : 0, form.different, form.errors);
    if (!form.first_error.empty()) {
      std::cerr << "shard_bench: " << form.label
                << ": first error: " << form.first_error << "\n";
    }
  }
  return 0;
}
