// A strict reader for numeric CSV with a header row (RFC 4180 quoting), for the shipped sets
// and for user uploads, so every error message is written for the person who made the file:
//   line 1 holds the column names (quoted names may contain commas, "" is a quote);
//   every other non-empty line holds one number per column: decimal or scientific notation,
//   optionally quoted, surrounding spaces ignored; NaN, infinity and empty fields are refused.
// Lines end in \n, \r\n or \r; empty lines are skipped; a UTF-8 byte-order mark is ignored.
// Errors are std::invalid_argument: "line 17, column 3 (\"bmi\"): \"abc\" is not a number".
#pragma once

#include <string>
#include <vector>

#include "core/eigen.hpp"

namespace engine {

struct CsvTable {
  std::vector<std::string> columns;  // header names, unquoted
  Matrix values;                     // data rows × columns, row-major
  // Index of the column with that name, or -1.
  int columnIndex(const std::string& name) const;
};

constexpr int kCsvDefaultMaxRows = 20000;

// maxRows: the most data rows allowed (header excluded); more is an error.
CsvTable parseCsv(const std::string& text, int maxRows = kCsvDefaultMaxRows);

}  // namespace engine
