#include <catch2/catch.hpp>
#include <fstream>
#include <string>

#include "data/csv.hpp"

using namespace engine;
using Catch::Equals;

namespace {

std::string readFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  REQUIRE(f.good());
  return std::string((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_CASE("CSV: a header of names and rows of numbers become names and a matrix", "[data][csv]") {
  CsvTable t = parseCsv("a,b,c\n1,2,3\n-4.5,6e2,.25\n");
  REQUIRE(t.columns == std::vector<std::string>{"a", "b", "c"});
  REQUIRE(t.values.rows() == 2);
  REQUIRE(t.values.cols() == 3);
  CHECK(t.values(0, 0) == 1.0f);
  CHECK(t.values(0, 2) == 3.0f);
  CHECK(t.values(1, 0) == -4.5f);
  CHECK(t.values(1, 1) == 600.0f);
  CHECK(t.values(1, 2) == 0.25f);
  CHECK(t.columnIndex("b") == 1);
  CHECK(t.columnIndex("z") == -1);
}

TEST_CASE(
    "CSV: CRLF and CR line ends, a missing final newline, empty lines, spaces and a "
    "byte-order mark are accepted",
    "[data][csv]") {
  const std::string expectedNames[] = {"x", "y"};
  for (const std::string& text :
       {std::string("x,y\r\n1,2\r\n3,4\r\n"), std::string("x,y\r1,2\r3,4"),
        std::string("x,y\n1,2\n3,4"), std::string("\n\nx,y\n\n1,2\n   \n3,4\n\n\n"),
        std::string("\xEF\xBB\xBFx,y\n1,2\n3,4\n"), std::string(" x , y \n 1 ,\t2\n+3, 4.\n"),
        std::string("\"x\",\"y\"\n\"1\",\" 2 \"\n3,4E0\n")}) {
    INFO("text: " << text);
    CsvTable t = parseCsv(text);
    CHECK(t.columns[0] == expectedNames[0]);
    CHECK(t.columns[1] == expectedNames[1]);
    REQUIRE(t.values.rows() == 2);
    CHECK(t.values(0, 0) == 1.0f);
    CHECK(t.values(0, 1) == 2.0f);
    CHECK(t.values(1, 0) == 3.0f);
    CHECK(t.values(1, 1) == 4.0f);
  }
}

TEST_CASE("CSV: quoted header names keep commas, doubled quotes and line breaks", "[data][csv]") {
  CsvTable t = parseCsv("\"weight, kg\",\"say \"\"hi\"\"\",\"two\nlines\",plain\n1,2,3,4\n");
  REQUIRE(t.columns.size() == 4);
  CHECK(t.columns[0] == "weight, kg");
  CHECK(t.columns[1] == "say \"hi\"");
  CHECK(t.columns[2] == "two\nlines");
  CHECK(t.columns[3] == "plain");
  CHECK(t.values(0, 3) == 4.0f);
  // The line break inside the quotes counts: the data row is line 3. (Column c has a number
  // too, so it is numeric: a column of text only would be a column of labels.)
  CHECK_THROWS_WITH(parseCsv("\"a\nb\",c\n1,x\n2,3\n"),
                    Equals("line 3, column 2 (\"c\"): \"x\" is not a number"));
}

TEST_CASE("CSV: empty input is refused with a message", "[data][csv]") {
  const std::string msg =
      "The file is empty: expected a header row of column names, then one row of numbers per "
      "line";
  CHECK_THROWS_WITH(parseCsv(""), Equals(msg));
  CHECK_THROWS_WITH(parseCsv("\n\r\n  \n"), Equals(msg));
  CHECK_THROWS_WITH(parseCsv("\xEF\xBB\xBF"), Equals(msg));
  CHECK_THROWS_WITH(parseCsv("a,b\n\n"), Equals("The file has a header row but no data rows"));
}

TEST_CASE("CSV: a row with the wrong number of fields names its line and both counts",
          "[data][csv]") {
  CHECK_THROWS_WITH(parseCsv("a,b,c,d\n1,2,3,4\n1,2,3\n"),
                    Equals("line 3 has 3 fields, but the header has 4"));
  CHECK_THROWS_WITH(parseCsv("a,b\n1,2,3\n"), Equals("line 2 has 3 fields, but the header has 2"));
  CHECK_THROWS_WITH(parseCsv("a,b\n1\n"), Equals("line 2 has 1 field, but the header has 2"));
  // Blank lines are skipped but still counted, so the number is the editor's line number.
  CHECK_THROWS_WITH(parseCsv("a,b\n\n1,2\n\n\n1,2,\n"),
                    Equals("line 6 has 3 fields, but the header has 2"));
}

// A column holding numbers is numeric: a field in it that is not a number is an error (a column
// with no number at all is a column of text labels, tested below).
TEST_CASE("CSV: a value that is not a number names line, column and column name", "[data][csv]") {
  CHECK_THROWS_WITH(parseCsv("age,sex,bmi\n1,2,3\n4,5,abc\n"),
                    Equals("line 3, column 3 (\"bmi\"): \"abc\" is not a number"));
  CHECK_THROWS_WITH(parseCsv("a,b\n1,2x\n3,4\n"),
                    Equals("line 2, column 2 (\"b\"): \"2x\" is not a number"));
  // Notations strtod would take but a data file should not contain.
  for (const char* bad : {"0x1A", "1e", "--1", "1,5e", "1.2.3", ".", "e5", "1 2"}) {
    INFO(bad);
    CHECK_THROWS_WITH(parseCsv(std::string("a\n1\n") + bad + "\n"),
                      Catch::Contains("is not a number") || Catch::Contains("fields"));
  }
  // A huge cell is cut short in the message.
  CHECK_THROWS_WITH(
      parseCsv("a\n" + std::string(500, 'z') + "\n1\n"),
      Equals("line 2, column 1 (\"a\"): \"" + std::string(40, 'z') + "...\" is not a number"));
}

TEST_CASE("CSV: NaN, infinity and missing values are refused, not read as numbers", "[data][csv]") {
  CHECK_THROWS_WITH(parseCsv("a,b\n1,NaN\n"),
                    Equals("line 2, column 2 (\"b\"): \"NaN\" is not allowed, values must be "
                           "finite numbers"));
  for (const char* bad : {"nan", "inf", "-inf", "+Infinity", "INF"}) {
    INFO(bad);
    CHECK_THROWS_WITH(parseCsv(std::string("a\n") + bad + "\n"),
                      Catch::Contains("is not allowed, values must be finite numbers"));
  }
  CHECK_THROWS_WITH(parseCsv("a,b\n1,\n"),
                    Equals("line 2, column 2 (\"b\"): the value is empty (missing values are not "
                           "allowed)"));
  CHECK_THROWS_WITH(parseCsv("a,b\n1,\"\"\n"), Catch::Contains("the value is empty"));
  CHECK_THROWS_WITH(parseCsv("a,b\nNA,1\n"),
                    Equals("line 2, column 1 (\"a\"): \"NA\" looks like a missing value (missing "
                           "values are not allowed)"));
  CHECK_THROWS_WITH(parseCsv("a\n1e999\n"),
                    Equals("line 2, column 1 (\"a\"): \"1e999\" is too large (beyond ±3.4e38)"));
  // Finite in double but not in the float the engine trains in.
  CHECK_THROWS_WITH(parseCsv("a\n1e39\n"), Catch::Contains("is too large"));
  CHECK(parseCsv("a\n1e-50\n").values(0, 0) == 0.0f);  // underflow to 0 is harmless
}

TEST_CASE("CSV: more data rows than the limit is an error naming the limit", "[data][csv]") {
  CHECK(parseCsv("a\n1\n2\n3\n", 3).values.rows() == 3);
  CHECK_THROWS_WITH(parseCsv("a\n1\n2\n3\n4\n", 3),
                    Equals("line 5: the file has more than 3 data rows, the limit"));
  CHECK_THROWS_WITH(parseCsv("a\n1\n", 0), Catch::Contains("maxRows"));
}

TEST_CASE("CSV: broken quoting is reported with its line", "[data][csv]") {
  CHECK_THROWS_WITH(parseCsv("a,b\n1,\"2\n3,4\n"),
                    Equals("line 2: a quoted field is never closed (missing \")"));
  CHECK_THROWS_WITH(parseCsv("\"a\"x,b\n1,2\n"),
                    Equals("line 1: unexpected text after the closing quote of \"a\" (put a comma "
                           "between fields)"));
  CHECK_THROWS_WITH(parseCsv("a,b\"c\n1,2\n"),
                    Equals("line 1: a quote (\") inside an unquoted field; quote the whole field "
                           "and double the inner quote (\"\")"));
}

TEST_CASE("CSV: header names must be present and distinct, and other separators get a hint",
          "[data][csv]") {
  CHECK_THROWS_WITH(parseCsv("a,,c\n1,2,3\n"),
                    Equals("line 1, column 2: the column name is empty"));
  CHECK_THROWS_WITH(parseCsv("a,b,a\n1,2,3\n"),
                    Equals("line 1, column 3: the column name \"a\" already names column 1"));
  CHECK_THROWS_WITH(parseCsv("a;b;c\n1;2;3\n"),
                    Equals("line 1: the header has no commas but contains semicolons; save the "
                           "file as comma-separated values"));
  CHECK_THROWS_WITH(parseCsv("a\tb\n1\t2\n"), Catch::Contains("contains tabs"));
}

TEST_CASE("CSV: the shipped sets parse to 442x11, 569x31 and 1797x65 with their first values",
          "[data][csv]") {
  const std::string dir = PROJECT_SOURCE_DIR "/engine/data/sets/";
  CsvTable diabetes = parseCsv(readFile(dir + "diabetes.csv"));
  CHECK(diabetes.values.rows() == 442);
  CHECK(diabetes.values.cols() == 11);
  CHECK(diabetes.columns.front() == "age");
  CHECK(diabetes.columns.back() == "target");
  // First line of the file: 59,2,32.1,101,157,93.2,38,4,4.8598,87,151
  CHECK(diabetes.values(0, 0) == 59.0f);
  CHECK(diabetes.values(0, 2) == 32.1f);
  CHECK(diabetes.values(0, 8) == 4.8598f);
  CHECK(diabetes.values(0, 10) == 151.0f);

  CsvTable cancer = parseCsv(readFile(dir + "breast_cancer.csv"));
  CHECK(cancer.values.rows() == 569);
  CHECK(cancer.values.cols() == 31);
  CHECK(cancer.columns.front() == "mean_radius");
  CHECK(cancer.columns.back() == "malignant");
  CHECK(cancer.values(0, 0) == 17.99f);

  CsvTable digits = parseCsv(readFile(dir + "digits.csv"));
  CHECK(digits.values.rows() == 1797);
  CHECK(digits.values.cols() == 65);
  CHECK(digits.columns.front() == "p0");
  CHECK(digits.columns[63] == "p63");
  CHECK(digits.columns.back() == "label");
  CHECK(digits.values(0, 2) == 5.0f);
  CHECK(digits.values(1, 64) == 1.0f);
}

TEST_CASE("CSV: a column of text labels becomes categories, numbered in sorted order",
          "[data][csv]") {
  CsvTable t = parseCsv("sepal,species\n5.1,setosa\n7.0,versicolor\n6.3,virginica\n4.9,setosa\n");
  REQUIRE(t.values.rows() == 4);
  REQUIRE(t.categories.size() == 2);
  CHECK(t.categories[0].empty());
  CHECK_FALSE(t.isCategory(0));
  CHECK(t.isCategory(1));
  CHECK_FALSE(t.isCategory(2));
  CHECK(t.categories[1] == std::vector<std::string>{"setosa", "versicolor", "virginica"});
  CHECK(t.values(0, 0) == 5.1f);
  CHECK(t.values(3, 0) == 4.9f);
  CHECK(t.values(0, 1) == 0.0f);
  CHECK(t.values(1, 1) == 1.0f);
  CHECK(t.values(2, 1) == 2.0f);
  CHECK(t.values(3, 1) == 0.0f);
  // Sorted, not by first appearance: "yes" comes first in the file and still gets 1, and the
  // same rows in another order keep the numbering.
  CsvTable a = parseCsv("x,label\n1,yes\n2,no\n3,yes\n");
  CHECK(a.categories[1] == std::vector<std::string>{"no", "yes"});
  CHECK(a.values(0, 1) == 1.0f);
  CHECK(a.values(1, 1) == 0.0f);
  CHECK(a.values(2, 1) == 1.0f);
  CsvTable b = parseCsv("x,label\n2,no\n3,yes\n1,yes\n");
  CHECK(b.categories[1] == a.categories[1]);
  CHECK(b.values(0, 1) == 0.0f);
  CHECK(b.values(1, 1) == 1.0f);
  // Byte order: upper case before lower case.
  CHECK(parseCsv("k\nb\na\nB\n").categories[0] == std::vector<std::string>{"B", "a", "b"});
  // Every column may be text; labels that look a bit like numbers are labels when the column
  // holds no number.
  CsvTable c = parseCsv("age,sex\n18-25,M\n26-35,F\n18-25,F\n2x,M\n");
  CHECK(c.categories[0] == std::vector<std::string>{"18-25", "26-35", "2x"});
  CHECK(c.categories[1] == std::vector<std::string>{"F", "M"});
  CHECK(c.values(3, 0) == 2.0f);
  CHECK(c.values(0, 1) == 1.0f);
}

TEST_CASE("CSV: quoted labels keep commas, doubled quotes and line breaks", "[data][csv]") {
  CsvTable t = parseCsv(
      "x,name\n1,\"Smith, John\"\n2,\"say \"\"hi\"\"\"\n3,\" padded "
      "\"\n4,\"two\nlines\"\n5,padded\n");
  REQUIRE(t.values.rows() == 5);
  // Byte order: 'S' (0x53) < 'p' (0x70) < 's' (0x73) < 't' (0x74); spaces inside the quotes
  // are dropped as outside, so " padded " and padded are one label.
  CHECK(t.categories[1] ==
        std::vector<std::string>{"Smith, John", "padded", "say \"hi\"", "two\nlines"});
  CHECK(t.values(0, 1) == 0.0f);
  CHECK(t.values(1, 1) == 2.0f);
  CHECK(t.values(2, 1) == 1.0f);
  CHECK(t.values(3, 1) == 3.0f);
  CHECK(t.values(4, 1) == 1.0f);
  CHECK(t.values(4, 0) == 5.0f);
}

TEST_CASE("CSV: a column mixing numbers and text names the first field of the rarer kind",
          "[data][csv]") {
  // Mostly numbers: the text is the mistake.
  CHECK_THROWS_WITH(parseCsv("x,y\n1,2\n3,4\nfoo,5\n"),
                    Equals("line 4, column 1 (\"x\"): \"foo\" is not a number"));
  // Mostly text: the number is the odd one.
  CHECK_THROWS_WITH(parseCsv("x,label\n1,yes\n2,no\n3,1\n"),
                    Equals("line 4, column 2 (\"label\"): \"1\" is a number, but the column's "
                           "other values are text (\"yes\" on line 2); a column holds numbers "
                           "only, or text labels only"));
  // Two mixed columns: the report that comes first in the file (line 3, column 2).
  CHECK_THROWS_WITH(parseCsv("a,b\n1,2\n3,x\ny,4\n"),
                    Equals("line 3, column 2 (\"b\"): \"x\" is not a number"));
}

TEST_CASE("CSV: missing values and NaN are refused in text columns too", "[data][csv]") {
  CHECK_THROWS_WITH(parseCsv("x,label\n1,yes\n2,NA\n"),
                    Equals("line 3, column 2 (\"label\"): \"NA\" looks like a missing value "
                           "(missing values are not allowed)"));
  CHECK_THROWS_WITH(parseCsv("x,label\n1,yes\n2,None\n"),
                    Catch::Contains("looks like a missing value"));
  CHECK_THROWS_WITH(parseCsv("x,label\n1,yes\n2,nan\n"),
                    Catch::Contains("is not allowed, values must be finite numbers"));
  CHECK_THROWS_WITH(parseCsv("x,label\n1,yes\n2,\n"),
                    Equals("line 3, column 2 (\"label\"): the value is empty (missing values are "
                           "not allowed)"));
  CHECK_THROWS_WITH(parseCsv("x,label\n1,yes\n2,\"  \"\n"), Catch::Contains("the value is empty"));
}

TEST_CASE("CSV: at most 1000 labels per column, each at most 200 bytes", "[data][csv]") {
  auto labels = [](int n) {
    std::string text = "label\n";
    for (int i = 0; i < n; ++i) {
      std::string id = std::to_string(i);
      text += "c" + std::string(4 - id.size(), '0') + id + "\n";  // c0000, c0001, ...
    }
    return text;
  };
  CsvTable ok = parseCsv(labels(1000) + "c0999\nc0000\n");
  REQUIRE(ok.categories[0].size() == 1000);
  CHECK(ok.categories[0].front() == "c0000");
  CHECK(ok.categories[0].back() == "c0999");
  CHECK(ok.values(999, 0) == 999.0f);
  CHECK(ok.values(1000, 0) == 999.0f);
  CHECK(ok.values(1001, 0) == 0.0f);
  // The 1001st label (c1000) is on line 1002.
  CHECK_THROWS_WITH(parseCsv(labels(1001)),
                    Equals("line 1002, column 1 (\"label\"): more than 1000 different text "
                           "values; a column of text labels holds at most 1000 categories"));

  const std::string ellipsis = "\xE2\x80\xA6";
  const std::string exact(200, 'q');  // 200 bytes: kept whole
  const std::string longA(250, 'a');
  const std::string longB = std::string(197, 'a') + std::string(10, 'b');  // equal in 197 bytes
  CsvTable t = parseCsv("label\n" + exact + "\n" + longA + "\n" + longB + "\n");
  // 197 bytes and the 3-byte "…": 200 bytes; both long labels are one category.
  CHECK(t.categories[0] == std::vector<std::string>{std::string(197, 'a') + ellipsis, exact});
  CHECK(t.values(0, 0) == 1.0f);
  CHECK(t.values(1, 0) == 0.0f);
  CHECK(t.values(2, 0) == 0.0f);
  // A cut never splits a UTF-8 character: "é" is 2 bytes, so 197 bytes would end inside the
  // 99th; the label keeps 98 of them (196 bytes) and the "…".
  std::string accents;
  for (int i = 0; i < 120; ++i) accents += "\xC3\xA9";
  std::string kept;
  for (int i = 0; i < 98; ++i) kept += "\xC3\xA9";
  CsvTable u = parseCsv("label\n" + accents + "\n");
  CHECK(u.categories[0] == std::vector<std::string>{kept + ellipsis});
  CHECK(u.categories[0][0].size() == 199);
}
