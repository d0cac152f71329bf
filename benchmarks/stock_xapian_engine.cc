// Stock Xapian as a peer: what a developer gets from Xapian's own examples
// (simpleindex/simplesearch) with no Vietnamese-specific work. TermGenerator
// with its defaults (no stemmer), headline indexed with wdf weight 3, then
// lead and body; QueryParser with its defaults (default operator OR, no
// stemmer, default flags); BM25Weight with its defaults. One thread, then a
// compaction (xapian-compact), as vnsearch's own build does.

#include <xapian.h>

#include <filesystem>

#include "benchmarks/engine.h"
#include "benchmarks/news_corpus.h"
#include "common/base/xapian_status.h"

namespace vnsearch::bench {
namespace {
namespace fs = std::filesystem;

constexpr char kIdPrefix[] = "Q";

class StockXapianEngine : public Engine {
 public:
  std::string name() const override { return "xapian"; }

  std::string index_version() const override {
    return std::string("stock-xapian-1-") + Xapian::version_string();
  }

  absl::StatusOr<BuildStats> Build(const std::string& corpus_dir,
                                   const std::string& index_dir) override {
    // The database as written goes to `raw`; its compaction is the index.
    const std::string raw = index_dir + ".raw";
    return BuildFreshIndex(
        index_dir, [&](const std::string& staging, BuildStats& stats) {
          std::error_code ec;
          fs::remove_all(raw, ec);
          absl::StatusOr<uint64_t> bytes;
          absl::Status built = XapianCall("building stock Xapian index", [&] {
            Xapian::WritableDatabase db(raw, Xapian::DB_CREATE_OR_OVERWRITE);
            Xapian::TermGenerator generator;
            bytes = ForEachNewsArticle(corpus_dir, [&](NewsArticle&& article) {
              Xapian::Document doc;
              generator.set_document(doc);
              generator.index_text(article.headline, 3);
              generator.increase_termpos();
              generator.index_text(article.lead);
              generator.increase_termpos();
              generator.index_text(article.body);
              const std::string id_term = kIdPrefix + article.id;
              doc.add_boolean_term(id_term);
              doc.set_data(article.id);
              db.replace_document(id_term, doc);
            });
            db.commit();
            stats.documents = db.get_doccount();
            db.close();
            Xapian::Database(raw).compact(staging);
          });
          fs::remove_all(raw, ec);
          if (!built.ok()) return built;
          if (!bytes.ok()) return bytes.status();
          stats.input_bytes = *bytes;
          return absl::OkStatus();
        });
  }

  absl::Status Open(const std::string& index_dir) override {
    return XapianCall("opening stock Xapian index " + index_dir, [&] {
      db_ = Xapian::Database(index_dir);
      enquire_ = std::make_unique<Xapian::Enquire>(db_);
      enquire_->set_weighting_scheme(Xapian::BM25Weight());
    });
  }

  absl::StatusOr<std::vector<std::string>> Search(const std::string& query,
                                                  size_t k) override {
    if (enquire_ == nullptr) {
      return absl::FailedPreconditionError("stock Xapian engine: Open() first");
    }
    return XapianCall("stock Xapian search", [&] {
      Xapian::QueryParser parser;
      enquire_->set_query(parser.parse_query(query));
      Xapian::MSet mset =
          enquire_->get_mset(0, static_cast<Xapian::doccount>(k));
      std::vector<std::string> ids;
      ids.reserve(mset.size());
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        ids.push_back(it.get_document().get_data());
      }
      return ids;
    });
  }

 private:
  Xapian::Database db_;
  std::unique_ptr<Xapian::Enquire> enquire_;
};

}  // namespace

std::unique_ptr<Engine> MakeStockXapianEngine() {
  return std::make_unique<StockXapianEngine>();
}

}  // namespace vnsearch::bench
