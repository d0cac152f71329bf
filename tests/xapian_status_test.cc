#include "common/base/xapian_status.h"

#include <functional>
#include <string>

#include <gtest/gtest.h>

namespace vnsearch {
namespace {

struct Row {
  const char* name;
  std::function<void()> fail;
  absl::StatusCode code;
};

TEST(XapianStatusTest, EachErrorClassHasItsCode) {
  const Row rows[] = {
      {"not found", [] { throw Xapian::DatabaseNotFoundError("no db"); },
       absl::StatusCode::kNotFound},
      {"opening", [] { throw Xapian::DatabaseOpeningError("cannot open"); },
       absl::StatusCode::kNotFound},
      {"lock", [] { throw Xapian::DatabaseLockError("locked"); },
       absl::StatusCode::kFailedPrecondition},
      {"corrupt", [] { throw Xapian::DatabaseCorruptError("bad block"); },
       absl::StatusCode::kDataLoss},
      {"version", [] { throw Xapian::DatabaseVersionError("too new"); },
       absl::StatusCode::kDataLoss},
      {"modified", [] { throw Xapian::DatabaseModifiedError("reopen"); },
       absl::StatusCode::kAborted},
      {"query parser", [] { throw Xapian::QueryParserError("syntax"); },
       absl::StatusCode::kInvalidArgument},
      {"invalid argument", [] { throw Xapian::InvalidArgumentError("bad"); },
       absl::StatusCode::kInvalidArgument},
      {"other", [] { throw Xapian::NetworkError("gone"); },
       absl::StatusCode::kInternal},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    const absl::Status status = XapianCall("opening x", row.fail);
    EXPECT_EQ(status.code(), row.code) << status;
    EXPECT_EQ(status.message().substr(0, 11), "opening x: ") << status;
    absl::Status direct;
    try {
      row.fail();
    } catch (const Xapian::Error& e) {
      direct = XapianErrorToStatus(e, "opening x");
    }
    EXPECT_EQ(direct, status);
  }
}

TEST(XapianStatusTest, InternalNamesTheTypeAndContext) {
  const absl::Status status = XapianCall(
      "searching", [] { throw Xapian::NetworkError("gone", "remote"); });
  EXPECT_EQ(status,
            absl::InternalError("searching: gone (remote) [NetworkError]"));
}

TEST(XapianStatusTest, ValuesAndStatusesPassThrough) {
  absl::StatusOr<int> value = XapianCall("x", [] { return 7; });
  ASSERT_TRUE(value.ok());
  EXPECT_EQ(*value, 7);
  EXPECT_EQ(XapianCall("x", [] { return absl::CancelledError("stop"); }),
            absl::CancelledError("stop"));
  EXPECT_TRUE(XapianCall("x", [] {}).ok());
}

TEST(XapianStatusTest, OutsideAHandlerIsInternal) {
  const Xapian::DatabaseLockError e("locked");
  EXPECT_EQ(XapianErrorToStatus(e, "x").code(), absl::StatusCode::kInternal);
}

}  // namespace
}  // namespace vnsearch
