// SplitMix64: a tiny, fast generator that gives the same numbers on every
// machine and standard library (the standard distributions do not), so that
// a seed always yields the same corpus and the same queries.

#ifndef VNSEARCH_BENCHMARKS_RNG_H_
#define VNSEARCH_BENCHMARKS_RNG_H_

#include <cstdint>

namespace vnsearch::bench {

class Rng {
 public:
  // Streams for different `stream` values of one seed are independent.
  explicit Rng(uint64_t seed, uint64_t stream = 0)
      : state_(seed ^
               (stream * 0xD1B54A32D192ED03ULL + 0x8CB92BA72F3D8DD7ULL)) {
    Next();
  }

  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

  // Uniform in [0, n); n > 0.
  uint64_t Below(uint64_t n) {
    __extension__ using Wide = unsigned __int128;
    return static_cast<uint64_t>((static_cast<Wide>(Next()) * n) >> 64);
  }

 private:
  uint64_t state_;
};

}  // namespace vnsearch::bench

#endif  // VNSEARCH_BENCHMARKS_RNG_H_
