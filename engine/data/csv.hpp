// A strict CSV reader with a header row (RFC 4180 quoting), for the shipped sets and for user
// uploads, so every error message is written for the person who made the file:
//   line 1 holds the column names (quoted names may contain commas, "" is a quote);
//   every other non-empty line holds one field per column, optionally quoted (then it may hold
//   commas, "" and line breaks), surrounding spaces ignored, inside the quotes too.
// A column is either numeric or a column of text labels:
//   - numeric: every field is a number in decimal or scientific notation;
//   - text labels (a class column: "setosa", "yes"): no field is a number. The column's
//     `categories` are its distinct labels sorted by their bytes (so "B" < "a" < "b"), and its
//     values are the label's index 0..K−1. Sorted, not in order of first appearance, so that
//     shuffling a file's rows never renumbers its classes. At most kCsvMaxCategories labels per
//     column; a label longer than kCsvMaxLabelBytes bytes is cut to that length (at a UTF-8
//     character boundary) ending in "…", and labels equal once cut are one category.
// A column that mixes numbers and text is an error naming the first field of the rarer kind
// (numbers win a tie), as a stray word in a numeric column is almost always a mistake. In
// every column, empty fields, NaN, infinity and missing-value markers (NA, N/A, null, None, ?,
// as pandas reads them) are refused, never taken as labels.
// Lines end in \n, \r\n or \r; empty lines are skipped; a UTF-8 byte-order mark is ignored.
// Errors are std::invalid_argument: "line 17, column 3 (\"bmi\"): \"abc\" is not a number".
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/eigen.hpp"

namespace engine {

struct CsvTable {
  std::vector<std::string> columns;  // header names, unquoted
  Matrix values;                     // data rows × columns, row-major; label index in text columns
  // One per column: the sorted labels of a text column, empty for a numeric one.
  std::vector<std::vector<std::string>> categories;
  // Index of the column with that name, or -1.
  int columnIndex(const std::string& name) const;
  // Whether the column holds text labels.
  bool isCategory(int column) const;
};

constexpr int kCsvDefaultMaxRows = 20000;
constexpr std::size_t kCsvMaxCategories = 1000;  // distinct labels per text column
constexpr std::size_t kCsvMaxLabelBytes = 200;   // a longer label is cut, ending in "…"

// maxRows: the most data rows allowed (header excluded); more is an error.
CsvTable parseCsv(const std::string& text, int maxRows = kCsvDefaultMaxRows);

}  // namespace engine
