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
  REQUIRE(realSets().size() == 3);
  for (const RealSetDesc& set : realSets()) {
    const std::string onDisk =
        readFile(std::string(PROJECT_SOURCE_DIR "/engine/data/sets/") + set.file);
    const std::string* embedded = detail::embeddedFile(set.file);
    REQUIRE(embedded != nullptr);
    INFO(set.kind << ": " << embedded->size() << " bytes embedded, " << onDisk.size()
                  << " on disk");
    CHECK(*embedded == onDisk);
    CHECK(realSetAvailable(set.kind));
  }
  CHECK(detail::embeddedFile("iris.csv") == nullptr);
  CHECK_THROWS_WITH(realSetCsv("iris"), Catch::Contains("not a real data set"));
}

TEST_CASE("A registered table replaces the embedded one, and a wrong table is refused", "[data]") {
  const std::string original = realSetCsv("diabetes");
  // Only the first three rows: the loaded set follows the registered text.
  std::string shortText;
  std::istringstream in(original);
  std::string line;
  for (int i = 0; i < 4 && std::getline(in, line); ++i) shortText += line + "\n";
  registerRealSetCsv("diabetes", shortText);
  CHECK(loadRealSet("diabetes").rows() == 3);
  CHECK_THROWS_WITH(registerRealSetCsv("diabetes", "a,b\n1,2\n"),
                    Catch::Contains("no column \"target\""));
  CHECK(loadRealSet("diabetes").rows() == 3);  // a refused table changes nothing
  CHECK_THROWS_WITH(registerRealSetCsv("digits", "label,p\n11,0\n"),
                    Catch::Contains("label out of range"));
  // The CSV reader takes text labels; a real set's table must still be all numbers.
  CHECK_THROWS_WITH(registerRealSetCsv("digits", "label,p\nseven,0\n"),
                    Catch::Equals("digits: the column \"label\" holds text, not numbers"));
  registerRealSetCsv("diabetes", original);
  CHECK(loadRealSet("diabetes").rows() == 442);
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
