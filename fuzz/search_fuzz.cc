// libFuzzer target: FuzzChecks::CheckSearch (fuzz/fuzz_checks.h says what it
// checks).
#include "fuzz/fuzz_target.h"

VNSEARCH_FUZZ_TARGET(CheckSearch)
