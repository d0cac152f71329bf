// The terms, record and text DocumentBuilder writes for one article: the
// index schema (common/schema.h) made concrete.

#include "common/index/document_builder.h"

#include <set>
#include <string>

#include <gtest/gtest.h>

namespace vnsearch {
namespace {

class DocumentBuilderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto analyzer = Analyzer::Create();
    ASSERT_TRUE(analyzer.ok()) << analyzer.status();
    builder_ = std::make_unique<DocumentBuilder>(*analyzer);
  }
  // Every term of the document with its wdf, as "term:wdf".
  static std::set<std::string> Terms(const Xapian::Document& doc) {
    std::set<std::string> out;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      out.insert(*t + ":" + std::to_string(t.get_wdf()));
    }
    return out;
  }
  std::unique_ptr<DocumentBuilder> builder_;
};

TEST_F(DocumentBuilderTest, TermsOfEveryFieldAndForm) {
  Article a;
  a.id = "x/1.txt";
  a.title = "Hoà bình";
  a.lead = "Đảng bộ, nhân dân.";
  a.body = "Hoà bình";
  a.date = "2023-07-01";
  a.officials = {{"Lê Văn A", "Bí thư", {}, 2}};
  const std::set<std::string> terms = Terms(builder_->Build(a));
  const std::set<std::string> expected = {
      // headline: its own field, then the start of the body (wdf + 1)
      "Shòa:1", "Sbình:1", "XSZhoa:1", "XSZbinh:1", "XSPZhoa binh:1",
      "XSPhòa bình:1",
      // body: headline and lead (wdf 2), body (wdf 1)
      "hòa:3", "bình:3", "Zhoa:3", "Zbinh:3", "XPZhoa binh:3", "XPhòa bình:3",
      "đảng:2", "bộ:2", "nhân:2", "dân:2", "Zdang:2", "Zbo:2", "Znhan:2",
      "Zdan:2", "XPZdang bo:2", "XPđảng bộ:2", "XPnhân dân:2",
      "XPZnhan dan:2",
      // across the comma: the folded pair, and the exact one of its own kind
      "XPZbo nhan:2", "XQbộ nhân:2",
      // officials: wdf = mentions
      "XOlê:2", "XOvăn:2", "XOa:2", "XOZle:2", "XOZvan:2", "XOZa:2",
      "XOPZle van:2", "XOPZvan a:2", "XOPlê văn:2", "XOPvăn a:2",
      // boolean terms
      "Qx/1.txt:0", "Y2023:0"};
  EXPECT_EQ(terms, expected);
}

TEST_F(DocumentBuilderTest, NoPairAcrossSentencesOrFields) {
  Article a;
  a.id = "2";
  a.title = "một hai";
  a.lead = "ba. Bốn";
  a.body = "năm";
  const std::set<std::string> terms = Terms(builder_->Build(a));
  for (const char* missing :
       {"XPZhai ba:2", "XPZba bon:2", "XPZbon nam:2", "XPZba bon:1"}) {
    EXPECT_EQ(terms.count(missing), 0u) << missing;
  }
  EXPECT_EQ(terms.count("XPZmot hai:2"), 1u);
}

TEST_F(DocumentBuilderTest, RecordAndText) {
  Article a;
  a.id = "3";
  a.title = "Tiêu đề";
  a.lead = "Đoạn đầu.";
  a.body = "Thân bài.";
  a.date = "2020-01-02";
  a.officials = {{"Trần B", "Bộ trưởng", {}, 1}};
  const Xapian::Document doc = builder_->Build(a);
  // A short text: its opening holds it whole.
  EXPECT_EQ(doc.get_value(kOpeningSlot)[0], kWholeText);
  EXPECT_EQ(doc.get_data(), kNoRest);
  std::string text;
  ASSERT_TRUE(
      DecodeStoredText(doc.get_value(kOpeningSlot), doc.get_data(), text).ok());
  EXPECT_EQ(text, "Đoạn đầu.\nThân bài.");
  EXPECT_EQ(doc.get_value(kDateSlot), "20200102");
  Article back;
  ASSERT_TRUE(DecodeRecord(doc.get_value(kRecordSlot), back));
  EXPECT_EQ(back.id, "3");
  EXPECT_EQ(back.title, "Tiêu đề");
  EXPECT_EQ(back.date, "2020-01-02");
  ASSERT_EQ(back.officials.size(), 1u);
  EXPECT_EQ(back.officials[0].name, "Trần B");
  EXPECT_EQ(back.officials[0].role, "Bộ trưởng");
  EXPECT_FALSE(DecodeRecord("not a record", back));
}

TEST_F(DocumentBuilderTest, RecordSeparatorsInTextAreReplaced) {
  Article a;
  a.id = "4";
  a.title = "a\x1f" "b\x1e" "c";
  Article back;
  ASSERT_TRUE(DecodeRecord(EncodeRecord(a), back));
  EXPECT_EQ(back.title, "a b c");
  EXPECT_TRUE(back.officials.empty());
  EXPECT_EQ(back.date, "");
}

}  // namespace
}  // namespace vnsearch
