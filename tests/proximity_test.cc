#include "common/proximity.h"

#include <gtest/gtest.h>

namespace vnsearch {
namespace {

TEST(LongestRunTest, Table) {
  struct Row {
    std::vector<std::vector<uint32_t>> positions;
    size_t expected;
  };
  const Row rows[] = {
      {{}, 0},
      {{{}, {}}, 0},
      {{{3}, {}}, 1},
      {{{1}, {2}, {3}}, 3},
      {{{1}, {3}, {4}}, 2},
      {{{5}, {6}, {1}, {2}}, 2},
      {{{1, 10}, {2, 11}, {12}}, 3},
      {{{2}, {1}}, 1},                  // out of order
      {{{1, 4}, {2, 5}, {3}, {4, 9}}, 4},
      {{{7}, {7}}, 1},                  // same position is not adjacent
  };
  for (const Row& row : rows) {
    EXPECT_EQ(LongestRun(row.positions), row.expected);
  }
}

}  // namespace
}  // namespace vnsearch
