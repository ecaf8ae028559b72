#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <string>

#include "data/real_sets.hpp"

using namespace engine;

namespace {

std::string readFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  REQUIRE(f.good());
  return std::string((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
}

// Class counts read straight from the file's last field, without the engine's parser.
std::vector<int> lastFieldCounts(const std::string& text, int classes) {
  std::vector<int> counts(static_cast<std::size_t>(classes), 0);
  std::istringstream in(text);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    ++counts[static_cast<std::size_t>(std::stoi(line.substr(line.rfind(',') + 1)))];
  }
  return counts;
}

}  // namespace

TEST_CASE("The embedded CSV text equals the files in engine/data/sets byte for byte", "[data]") {
  for (auto [kind, file] : {std::pair<const char*, const char*>{"diabetes", "diabetes.csv"},
                            {"breastCancer", "breast_cancer.csv"},
                            {"digits", "digits.csv"}}) {
    const std::string onDisk =
        readFile(std::string(PROJECT_SOURCE_DIR "/engine/data/sets/") + file);
    const std::string& embedded = embeddedCsv(kind);
    INFO(kind << ": " << embedded.size() << " bytes embedded, " << onDisk.size()
              << " on disk; rerun engine/data/sets/embed_sets.py after changing a CSV");
    CHECK(embedded.size() == onDisk.size());
    CHECK(embedded == onDisk);
  }
  CHECK_THROWS_WITH(embeddedCsv("iris"), Catch::Contains("not a real data set"));
}

TEST_CASE("Every embedded literal is under 60,000 characters", "[data]") {
  REQUIRE(detail::kEmbeddedCsvCount == 3);
  for (int i = 0; i < detail::kEmbeddedCsvCount; ++i) {
    const auto& e = detail::kEmbeddedCsvs[i];
    for (int c = 0; c < e.chunkCount; ++c) {
      INFO(e.file << " chunk " << c);
      CHECK(std::string(e.chunks[c]).size() < 60000);
    }
  }
}

TEST_CASE("diabetes loads as 442 x 10 regression with targets 25..346 (Efron et al. 2004)",
          "[data]") {
  const Dataset& d = loadRealSet("diabetes");
  CHECK(d.raw.rows() == 442);
  CHECK(d.raw.cols() == 10);
  CHECK(d.x == d.raw);
  CHECK(d.numClasses == 0);
  CHECK(d.rawNames ==
        std::vector<std::string>{"age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"});
  CHECK(*std::min_element(d.target.begin(), d.target.end()) == 25.0f);
  CHECK(*std::max_element(d.target.begin(), d.target.end()) == 346.0f);
  CHECK(d.target[0] == 151.0f);
}

TEST_CASE("breastCancer loads as 569 x 30 binary: 212 malignant, 357 benign (UCI WDBC)", "[data]") {
  const Dataset& d = loadRealSet("breastCancer");
  CHECK(d.raw.rows() == 569);
  CHECK(d.raw.cols() == 30);
  CHECK(d.numClasses == 2);
  CHECK(d.featureNames.front() == "mean_radius");
  CHECK(std::count(d.target.begin(), d.target.end(), 1.0f) == 212);
  CHECK(std::count(d.target.begin(), d.target.end(), 0.0f) == 357);
}

TEST_CASE("digits loads as 1797 x 64 pixels in 0..16 with labels 0..9", "[data]") {
  const Dataset& d = loadRealSet("digits");
  CHECK(d.raw.rows() == 1797);
  CHECK(d.raw.cols() == 64);
  CHECK(d.numClasses == 10);
  CHECK(d.raw.minCoeff() == 0.0f);
  CHECK(d.raw.maxCoeff() == 16.0f);
  std::vector<int> expected =
      lastFieldCounts(readFile(PROJECT_SOURCE_DIR "/engine/data/sets/digits.csv"), 10);
  for (int k = 0; k < 10; ++k) {
    INFO("class " << k);
    CHECK(std::count(d.target.begin(), d.target.end(), static_cast<float>(k)) ==
          expected[static_cast<std::size_t>(k)]);
  }
  CHECK_THROWS_WITH(loadRealSet("mnist"), Catch::Contains("not a real data set"));
}
