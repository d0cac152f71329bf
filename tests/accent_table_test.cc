// AccentTable and RestoreAccents on a table built here from made-up counts.

#include "common/restore/accent_table.h"

#include <gtest/gtest.h>

#include "common/restore/accent_restorer.h"

namespace vnsearch {
namespace {

class AccentTableTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::shared_ptr<const CharTable>> chars = CharTable::Create();
    ASSERT_TRUE(chars.ok()) << chars.status();
    AccentTable::Builder builder(*chars, 2);
    const std::pair<const char*, uint32_t> kWords[] = {
        {"báo", 400}, {"bảo", 300}, {"bão", 60}, {"bao", 80}, {"lũ", 50},
        {"lu", 10},   {"miền", 90}, {"miễn", 70}, {"trung", 500},
        {"typo", 1},  {"trump", 30}, {"test", 40}, {"bus", 12}, {"mien", 1},
        {"xoá", 5},   // not an index form ("xóa" is): left out
    };
    for (const auto& [word, docs] : kWords) builder.AddWord(word, docs);
    const std::tuple<const char*, const char*, uint32_t> kPairs[] = {
        {"bão", "lũ", 40}, {"báo", "chí", 90}, {"lũ", "miền", 8},
        {"miền", "trung", 80}, {"miễn", "phí", 50}, {"bảo", "vệ", 100},
        {"trump", "nói", 5},
    };
    for (const auto& [a, b, docs] : kPairs) builder.AddPair(a, b, docs);
    table_.emplace(std::move(builder).Finish());
  }

  // The reading of space-separated folded syllables.
  std::string Restore(const std::vector<std::string>& folded,
                      std::vector<double>* confidence = nullptr) {
    std::vector<RestoreSlot> slots;
    for (const std::string& f : folded) {
      slots.push_back(RestoreSlot{table_->Candidates(f)});
    }
    const std::vector<RestoredSlot> out = RestoreAccents(*table_, slots);
    std::string reading;
    for (size_t i = 0; i < out.size(); ++i) {
      if (!reading.empty()) reading += " ";
      if (out[i].choice < 0) {
        reading += folded[i];
      } else {
        reading += table_->Exact(slots[i].candidates[out[i].choice]);
      }
      if (confidence != nullptr) confidence->push_back(out[i].confidence);
    }
    return reading;
  }

  std::optional<AccentTable> table_;
};

TEST_F(AccentTableTest, KeepsSyllablesInEnoughDocuments) {
  EXPECT_EQ(table_->syllable_count(), 9u);  // no typo, mien, xoá, trump, ...
  EXPECT_TRUE(table_->Find("bão").has_value());
  EXPECT_FALSE(table_->Find("mien").has_value());
  EXPECT_FALSE(table_->Find("trump").has_value());
  ASSERT_EQ(table_->Candidates("bao").size(), 4u);
  EXPECT_EQ(table_->Exact(table_->Candidates("bao")[0]), "báo");  // most docs
  EXPECT_TRUE(table_->Candidates("xyz").empty());
  // Pairs whose words are not kept are dropped.
  EXPECT_EQ(table_->pair_count(), 3u);
  EXPECT_EQ(table_->PairCount(*table_->Find("bão"), *table_->Find("lũ")), 40u);
  EXPECT_EQ(table_->PairCount(*table_->Find("lũ"), *table_->Find("bão")), 0u);
}

TEST_F(AccentTableTest, TypedWordsThatWouldDecode) {
  EXPECT_EQ(table_->TypedCount("test"), 40u);  // Telex for "tét"
  EXPECT_EQ(table_->TypedCount("bus"), 12u);   // Telex for "bú"
  EXPECT_EQ(table_->TypedCount("trump"), 0u);  // decodes to nothing
}

TEST_F(AccentTableTest, SerializeRoundTrip) {
  const std::string bytes = table_->Serialize();
  absl::StatusOr<AccentTable> back = AccentTable::Parse(bytes);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->Serialize(), bytes);
  EXPECT_EQ(back->syllable_count(), table_->syllable_count());
  EXPECT_EQ(back->TypedCount("test"), 40u);
  EXPECT_DOUBLE_EQ(back->LogBigram(0, 1), table_->LogBigram(0, 1));
  for (size_t cut : {size_t{0}, size_t{5}, bytes.size() / 2, bytes.size() - 1}) {
    EXPECT_EQ(AccentTable::Parse(bytes.substr(0, cut)).status().code(),
              absl::StatusCode::kDataLoss)
        << cut;
  }
  EXPECT_EQ(AccentTable::Read("/nonexistent/vnaccents.bin").status().code(),
            absl::StatusCode::kNotFound);
}

TEST_F(AccentTableTest, NeighboursDecideTheReading) {
  EXPECT_EQ(Restore({"bao", "lu", "mien", "trung"}), "bão lũ miền trung");
  EXPECT_EQ(Restore({"mien", "trung"}), "miền trung");
  // Alone, the most frequent spelling, with less confidence.
  std::vector<double> confidence;
  EXPECT_EQ(Restore({"bao"}, &confidence), "báo");
  EXPECT_LT(confidence[0], 0.75);
  confidence.clear();
  EXPECT_EQ(Restore({"bao", "lu"}, &confidence), "bão lũ");
  EXPECT_GT(confidence[0], 0.5);
  EXPECT_GT(confidence[1], 0.5);
  // A word without candidates separates: "bao" alone again on its left.
  EXPECT_EQ(Restore({"bao", "covid", "lu"}), "báo covid lũ");
}

// Headline counts are a second model: kept through Serialize, and they move
// the scores of the pairs headlines use.
TEST(AccentTableTitleTest, HeadlineCountsRoundTripAndWeigh) {
  absl::StatusOr<std::shared_ptr<const CharTable>> chars = CharTable::Create();
  ASSERT_TRUE(chars.ok());
  auto build = [&](bool headlines) {
    AccentTable::Builder builder(*chars, 2);
    builder.AddWord("báo", 400, 200);
    builder.AddWord("bão", 60, 120);
    builder.AddWord("lũ", 50, 70);
    builder.AddPair("báo", "lũ", 30);
    builder.AddPair("bão", "lũ", 20);
    if (headlines) {
      builder.AddTitleWord("bão", 15);
      builder.AddTitleWord("lũ", 12);
      builder.AddTitleWord("trump", 40);  // not a kept syllable: ignored
      builder.AddTitlePair("bão", "lũ", 10);
    }
    return std::move(builder).Finish();
  };
  const AccentTable body = build(false), table = build(true);
  EXPECT_EQ(body.title_pair_count(), 0u);
  EXPECT_EQ(table.title_pair_count(), 1u);
  const uint32_t bao = *table.Find("bão"), bao_news = *table.Find("báo");
  const uint32_t lu = *table.Find("lũ");
  EXPECT_EQ(table.Count(bao_news), 400u);  // documents
  EXPECT_EQ(table.PairCount(bao, lu), 20u);
  auto score = [&](const AccentTable& t, uint32_t first) {
    return t.LogUnigram(first) + t.LogBigram(first, lu);
  };
  // The body alone reads "báo lũ"; headlines pull "bão lũ" above it.
  EXPECT_GT(score(body, bao_news), score(body, bao));
  EXPECT_GT(score(table, bao), score(table, bao_news));
  absl::StatusOr<AccentTable> back = AccentTable::Parse(table.Serialize());
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->title_pair_count(), 1u);
  EXPECT_DOUBLE_EQ(back->LogBigram(bao, lu), table.LogBigram(bao, lu));
  EXPECT_DOUBLE_EQ(back->LogUnigram(bao), table.LogUnigram(bao));
}

// Headline triples: a trigram over the bigram, kept through Serialize; the
// syllable two back decides between readings the bigram ties.
TEST(AccentTableTripleTest, TriplesRoundTripAndDecide) {
  absl::StatusOr<std::shared_ptr<const CharTable>> chars = CharTable::Create();
  ASSERT_TRUE(chars.ok());
  auto build = [&](bool triples) {
    AccentTable::Builder builder(*chars, 1);
    for (const char* w : {"giá", "vàng", "váng", "gia", "tăng", "đầu"}) {
      builder.AddWord(w, 100, 100);
    }
    builder.AddPair("giá", "vàng", 20);
    builder.AddPair("gia", "vàng", 20);
    builder.AddPair("vàng", "tăng", 10);
    builder.AddPair("váng", "tăng", 10);
    builder.AddWord("trump", 50);  // not a syllable
    if (triples) {
      for (int i = 0; i < 5; ++i) builder.AddTitleTriple("giá", "vàng", "tăng");
      builder.AddTitleTriple("gia", "vàng", "đầu");
      builder.AddTitleTriple("trump", "vàng", "tăng");  // ignored
    }
    return std::move(builder).Finish();
  };
  const AccentTable plain = build(false), table = build(true);
  EXPECT_FALSE(plain.has_triples());
  EXPECT_EQ(table.title_triple_count(), 2u);
  const uint32_t gia_price = *table.Find("giá"), gia = *table.Find("gia");
  const uint32_t vang = *table.Find("vàng"), tang = *table.Find("tăng");
  // Without triples the trigram is the bigram.
  EXPECT_DOUBLE_EQ(plain.LogTrigram(gia_price, vang, tang),
                   plain.LogBigram(vang, tang));
  EXPECT_GT(table.LogTrigram(gia_price, vang, tang),
            table.LogTrigram(gia, vang, tang));
  absl::StatusOr<AccentTable> back = AccentTable::Parse(table.Serialize());
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->title_triple_count(), 2u);
  EXPECT_DOUBLE_EQ(back->LogTrigram(gia_price, vang, tang),
                   table.LogTrigram(gia_price, vang, tang));
  EXPECT_EQ(back->Serialize(), table.Serialize());
  // A truncated triple list is not a table.
  const std::string bytes = table.Serialize();
  EXPECT_EQ(AccentTable::Parse(bytes.substr(0, bytes.size() - 4)).status().code(),
            absl::StatusCode::kDataLoss);
}

// A table written before headline counts (version 1: document counts only)
// is still read, with the body model over documents.
TEST(AccentTableVersionTest, ReadsVersionOne) {
  std::string bytes = "vnsearch-accents-1\n";
  auto put32 = [&](uint32_t v) {
    for (int i = 0; i < 4; ++i) bytes.push_back(static_cast<char>(v >> (8 * i)));
  };
  auto put = [&](std::string_view s) {
    bytes.push_back(static_cast<char>(s.size()));
    bytes.append(s);
  };
  put32(2);
  put("bão"), put("bao"), put32(60);
  put("lũ"), put("lu"), put32(50);
  put32(1);
  put32(0 << 16 | 1), put32(40);
  put32(0);  // typed words
  absl::StatusOr<AccentTable> table = AccentTable::Parse(bytes);
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ(table->syllable_count(), 2u);
  EXPECT_EQ(table->PairCount(0, 1), 40u);
  EXPECT_EQ(table->title_pair_count(), 0u);
  EXPECT_EQ(table->Count(0), 60u);
  // Rewritten as the current version.
  EXPECT_EQ(table->Serialize().rfind("vnsearch-accents-3\n", 0), 0u);
  EXPECT_FALSE(table->has_triples());
  bytes[17] = '9';  // an unknown version
  EXPECT_EQ(AccentTable::Parse(bytes).status().code(),
            absl::StatusCode::kDataLoss);
}

}  // namespace
}  // namespace vnsearch
