#include "bench/bench_articles.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "server/core/utf8.h"

namespace quotewire::bench {
namespace {

// Decodes the JSON string literal starting after the opening quote at
// `line[*pos]`; advances past the closing quote.
std::string DecodeJsonString(const std::string& line, size_t* pos) {
  std::string out;
  size_t i = *pos;
  auto hex4 = [&](size_t at) -> char32_t {
    return static_cast<char32_t>(std::stoul(line.substr(at, 4), nullptr, 16));
  };
  while (i < line.size() && line[i] != '"') {
    if (line[i] != '\\') {
      out.push_back(line[i++]);
      continue;
    }
    const char c = line[i + 1];
    i += 2;
    switch (c) {
      case 'n': out.push_back('\n'); break;
      case 't': out.push_back('\t'); break;
      case 'r': out.push_back('\r'); break;
      case 'b': out.push_back('\b'); break;
      case 'f': out.push_back('\f'); break;
      case 'u': {
        char32_t cp = hex4(i);
        i += 4;
        if (cp >= 0xD800 && cp <= 0xDBFF && line.compare(i, 2, "\\u") == 0) {
          const char32_t low = hex4(i + 2);
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          i += 6;
        }
        AppendUtf8(cp, &out);
        break;
      }
      default: out.push_back(c);
    }
  }
  *pos = i + 1;
  return out;
}

}  // namespace

std::vector<std::string> LoadSeedTexts(const std::string& shared_dir) {
  std::vector<std::string> texts;
  const std::filesystem::path dir = std::filesystem::path(shared_dir) / "seeds";
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".txt") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    texts.push_back(buffer.str());
  }
  return texts;
}

std::vector<std::string> LoadJsonlTexts(const std::string& path) {
  std::vector<std::string> texts;
  std::ifstream in(path, std::ios::binary);
  std::string line;
  while (std::getline(in, line)) {
    const size_t key = line.find("\"text\": \"");
    if (key == std::string::npos) continue;
    size_t pos = key + 9;
    texts.push_back(DecodeJsonString(line, &pos));
  }
  return texts;
}

}  // namespace quotewire::bench
