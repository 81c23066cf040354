// Article texts for benchmarks: the seed articles and the development sets
// under QUOTEWIRE_SHARED_DIR (read at run time, never copied into the
// project), and the synthetic corpus.
#ifndef QUOTEWIRE_BENCH_BENCH_ARTICLES_H_
#define QUOTEWIRE_BENCH_BENCH_ARTICLES_H_

#include <string>
#include <vector>

namespace quotewire::bench {

// The texts of `dir`/seeds/*.txt; empty when absent.
std::vector<std::string> LoadSeedTexts(const std::string& shared_dir);

// The "text" field of every line of a JSONL file; empty when absent.
std::vector<std::string> LoadJsonlTexts(const std::string& path);

}  // namespace quotewire::bench

#endif  // QUOTEWIRE_BENCH_BENCH_ARTICLES_H_
