#include "data/csv.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <set>
#include <stdexcept>

namespace engine {

namespace {

struct Field {
  std::string text;
  bool quoted = false;
  int line = 0;  // physical line where the field starts (1-based)
};

// Splits the text into records of fields, RFC 4180: a quoted field may hold commas, line breaks
// and "" (one quote). Tracks physical lines so messages point where an editor shows them.
class Reader {
 public:
  explicit Reader(const std::string& text) : s_(text) {
    // Spreadsheet programs often start UTF-8 files with a byte-order mark.
    if (s_.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = 3;
  }

  // Next non-blank record; false at the end. recordLine is the line it starts on.
  bool next(std::vector<Field>& fields, int& recordLine) {
    for (;;) {
      if (pos_ >= s_.size()) return false;
      std::size_t eol = lineEnd(pos_);
      if (isBlank(pos_, eol)) {  // empty (or all-space) lines are skipped
        advanceLine(eol);
        continue;
      }
      break;
    }
    fields.clear();
    recordLine = line_;
    for (;;) {
      fields.push_back(readField());
      if (pos_ >= s_.size()) break;
      char c = s_[pos_];
      if (c == ',') {
        ++pos_;
        continue;
      }
      // readField stops only at ',' or a line break.
      advanceLine(pos_);
      return true;
    }
    return true;
  }

 private:
  std::size_t lineEnd(std::size_t p) const {
    while (p < s_.size() && s_[p] != '\n' && s_[p] != '\r') ++p;
    return p;
  }
  bool isBlank(std::size_t b, std::size_t e) const {
    for (std::size_t p = b; p < e; ++p) {
      if (s_[p] != ' ' && s_[p] != '\t') return false;
    }
    return true;
  }
  // p is at a line break (or the end): step over \n, \r\n or \r.
  void advanceLine(std::size_t p) {
    pos_ = p;
    if (pos_ >= s_.size()) return;
    if (s_[pos_] == '\r' && pos_ + 1 < s_.size() && s_[pos_ + 1] == '\n') ++pos_;
    ++pos_;
    ++line_;
  }
  static bool isSpace(char c) { return c == ' ' || c == '\t'; }

  Field readField() {
    Field f;
    while (pos_ < s_.size() && isSpace(s_[pos_])) ++pos_;
    f.line = line_;
    if (pos_ < s_.size() && s_[pos_] == '"') {
      f.quoted = true;
      const int openLine = line_;
      ++pos_;
      for (;;) {
        if (pos_ >= s_.size()) {
          throw std::invalid_argument("line " + std::to_string(openLine) +
                                      ": a quoted field is never closed (missing \")");
        }
        char c = s_[pos_];
        if (c == '"') {
          if (pos_ + 1 < s_.size() && s_[pos_ + 1] == '"') {
            f.text += '"';
            pos_ += 2;
            continue;
          }
          ++pos_;
          break;
        }
        if (c == '\r' || c == '\n') {
          // A line break inside quotes belongs to the field; count it as a line.
          if (c == '\r' && pos_ + 1 < s_.size() && s_[pos_ + 1] == '\n') {
            f.text += '\r';
            ++pos_;
          }
          f.text += s_[pos_];
          ++pos_;
          ++line_;
          continue;
        }
        f.text += c;
        ++pos_;
      }
      while (pos_ < s_.size() && isSpace(s_[pos_])) ++pos_;
      if (pos_ < s_.size() && s_[pos_] != ',' && s_[pos_] != '\n' && s_[pos_] != '\r') {
        throw std::invalid_argument("line " + std::to_string(line_) +
                                    ": unexpected text after the closing quote of \"" + f.text +
                                    "\" (put a comma between fields)");
      }
      return f;
    }
    std::size_t b = pos_;
    while (pos_ < s_.size() && s_[pos_] != ',' && s_[pos_] != '\n' && s_[pos_] != '\r') {
      if (s_[pos_] == '"') {
        throw std::invalid_argument("line " + std::to_string(line_) +
                                    ": a quote (\") inside an unquoted field; quote the whole "
                                    "field and double the inner quote (\"\")");
      }
      ++pos_;
    }
    std::size_t e = pos_;
    while (e > b && isSpace(s_[e - 1])) --e;
    f.text = s_.substr(b, e - b);
    return f;
  }

  const std::string& s_;
  std::size_t pos_ = 0;
  int line_ = 1;
};

std::string shown(const std::string& t) {
  // Keep messages readable when a cell holds something huge (say, a pasted binary file).
  const std::size_t kMax = 40;
  return "\"" + (t.size() <= kMax ? t : t.substr(0, kMax) + "...") + "\"";
}

std::string lower(std::string t) {
  for (char& c : t) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return t;
}

#ifdef ENGINE_DOUBLE
const char* const kLargest = "1.8e308";
#else
const char* const kLargest = "3.4e38";
#endif

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// [+-]? (d+ (. d*)? | . d+) ([eE] [+-]? d+)? — what strtod accepts minus hex, inf and nan.
bool isDecimal(const std::string& t) {
  std::size_t i = 0;
  const std::size_t n = t.size();
  if (i < n && (t[i] == '+' || t[i] == '-')) ++i;
  std::size_t digits = 0;
  while (i < n && isDigit(t[i])) ++i, ++digits;
  if (i < n && t[i] == '.') {
    ++i;
    while (i < n && isDigit(t[i])) ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < n && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < n && (t[i] == '+' || t[i] == '-')) ++i;
    std::size_t expDigits = 0;
    while (i < n && isDigit(t[i])) ++i, ++expDigits;
    if (expDigits == 0) return false;
  }
  return i == n;
}

// A category label as kept: at most kCsvMaxLabelBytes bytes; a longer one is cut at a UTF-8
// character boundary and ends in "…".
std::string cutLabel(const std::string& t) {
  if (t.size() <= kCsvMaxLabelBytes) return t;
  const std::string ellipsis = "\xE2\x80\xA6";
  std::size_t n = kCsvMaxLabelBytes - ellipsis.size();
  // Back off over continuation bytes (10xxxxxx) so no character is split; a character has at
  // most three of them (in text that is not UTF-8, the cut just stays there).
  for (int back = 0; back < 3 && n > 0 && (static_cast<unsigned char>(t[n]) & 0xC0) == 0x80; ++back)
    --n;
  return t.substr(0, n) + ellipsis;
}

// A field of a text (or possibly text) column: its place in the row-major cell list, its line
// and its label.
struct TextCell {
  std::size_t cell = 0;
  int line = 0;
  std::string text;
};

// How many numbers and texts a column holds, and the first of each.
struct ColumnKinds {
  long numbers = 0;
  long texts = 0;
  TextCell firstNumber;
  TextCell firstText;
};

}  // namespace

bool CsvTable::isCategory(int column) const {
  return column >= 0 && static_cast<std::size_t>(column) < categories.size() &&
         !categories[static_cast<std::size_t>(column)].empty();
}

int CsvTable::columnIndex(const std::string& name) const {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i] == name) return static_cast<int>(i);
  }
  return -1;
}

CsvTable parseCsv(const std::string& text, int maxRows) {
  if (maxRows < 1) {
    throw std::invalid_argument("parseCsv: maxRows must be at least 1, got " +
                                std::to_string(maxRows));
  }
  Reader reader(text);
  std::vector<Field> fields;
  int line = 0;
  if (!reader.next(fields, line)) {
    throw std::invalid_argument(
        "The file is empty: expected a header row of column names, then one row of numbers per "
        "line");
  }

  CsvTable table;
  for (std::size_t c = 0; c < fields.size(); ++c) {
    const std::string& name = fields[c].text;
    const std::string where = "line " + std::to_string(line) + ", column " + std::to_string(c + 1);
    if (name.empty()) throw std::invalid_argument(where + ": the column name is empty");
    for (std::size_t k = 0; k < c; ++k) {
      if (table.columns[k] == name) {
        throw std::invalid_argument(where + ": the column name " + shown(name) +
                                    " already names column " + std::to_string(k + 1));
      }
    }
    table.columns.push_back(name);
  }
  if (fields.size() == 1 && !fields[0].quoted) {
    // One column whose name holds a ';' or a tab: almost surely another separator.
    const std::string& h = fields[0].text;
    const char* sep = h.find(';') != std::string::npos    ? "semicolons"
                      : h.find('\t') != std::string::npos ? "tabs"
                                                          : nullptr;
    if (sep) {
      throw std::invalid_argument("line " + std::to_string(line) +
                                  ": the header has no commas but contains " + sep +
                                  "; save the file as comma-separated values");
    }
  }

  const std::size_t cols = table.columns.size();
  // Numbers go to `values` as they are read; a text field leaves NaN there and its (cut) text
  // in `texts`. Which columns are numeric and which hold labels is known only at the end.
  std::vector<double> values;
  std::vector<TextCell> texts;
  std::vector<ColumnKinds> kinds(cols);
  int rows = 0;
  while (reader.next(fields, line)) {
    if (rows == maxRows) {
      throw std::invalid_argument("line " + std::to_string(line) + ": the file has more than " +
                                  std::to_string(maxRows) + " data rows, the limit");
    }
    if (fields.size() != cols) {
      throw std::invalid_argument(
          "line " + std::to_string(line) + " has " + std::to_string(fields.size()) + " field" +
          (fields.size() == 1 ? "" : "s") + ", but the header has " + std::to_string(cols));
    }
    for (std::size_t c = 0; c < cols; ++c) {
      std::string t = fields[c].text;
      if (fields[c].quoted) {  // spaces inside the quotes are as harmless as outside
        std::size_t b = t.find_first_not_of(" \t");
        std::size_t e = t.find_last_not_of(" \t");
        t = b == std::string::npos ? "" : t.substr(b, e - b + 1);
      }
      const std::string where = "line " + std::to_string(fields[c].line) + ", column " +
                                std::to_string(c + 1) + " (" + shown(table.columns[c]) + ")";
      if (t.empty()) {
        throw std::invalid_argument(where +
                                    ": the value is empty (missing values are not allowed)");
      }
      const std::size_t cell = values.size();
      ColumnKinds& k = kinds[c];
      if (!isDecimal(t)) {
        std::string bare = lower(t[0] == '+' || t[0] == '-' ? t.substr(1) : t);
        if (bare == "nan" || bare == "inf" || bare == "infinity") {
          throw std::invalid_argument(where + ": " + shown(t) +
                                      " is not allowed, values must be finite numbers");
        }
        if (bare == "na" || bare == "n/a" || bare == "null" || bare == "none" || bare == "?") {
          throw std::invalid_argument(where + ": " + shown(t) +
                                      " looks like a missing value (missing values are not "
                                      "allowed)");
        }
        if (k.texts++ == 0) k.firstText = {cell, fields[c].line, cutLabel(t)};
        texts.push_back({cell, fields[c].line, cutLabel(t)});
        values.push_back(std::nan(""));
        continue;
      }
      double v = std::strtod(t.c_str(), nullptr);
      // Overflow gives ±inf; a float build also cannot hold beyond ±3.4e38.
      if (!std::isfinite(v) || !std::isfinite(static_cast<Scalar>(v))) {
        throw std::invalid_argument(where + ": " + shown(t) + " is too large (beyond ±" + kLargest +
                                    ")");
      }
      if (k.numbers++ == 0) k.firstNumber = {cell, fields[c].line, cutLabel(t)};
      values.push_back(v);
    }
    ++rows;
  }
  if (rows == 0) {
    throw std::invalid_argument("The file has a header row but no data rows");
  }

  // A column with numbers and text: report the first field of the rarer kind (numbers win a
  // tie), in the column whose report comes first in the file.
  const TextCell* odd = nullptr;
  std::size_t oddColumn = 0;
  bool oddIsText = true;
  for (std::size_t c = 0; c < cols; ++c) {
    const ColumnKinds& k = kinds[c];
    if (k.numbers == 0 || k.texts == 0) continue;
    const bool isText = k.numbers >= k.texts;
    const TextCell& cell = isText ? k.firstText : k.firstNumber;
    if (!odd || cell.cell < odd->cell) {
      odd = &cell;
      oddColumn = c;
      oddIsText = isText;
    }
  }
  if (odd) {
    const std::string where = "line " + std::to_string(odd->line) + ", column " +
                              std::to_string(oddColumn + 1) + " (" +
                              shown(table.columns[oddColumn]) + ")";
    if (oddIsText)
      throw std::invalid_argument(where + ": " + shown(odd->text) + " is not a number");
    const TextCell& label = kinds[oddColumn].firstText;
    throw std::invalid_argument(where + ": " + shown(odd->text) +
                                " is a number, but the column's other values are text (" +
                                shown(label.text) + " on line " + std::to_string(label.line) +
                                "); a column holds numbers only, or text labels only");
  }

  // Text columns: the distinct labels sorted by their bytes, each cell its label's index.
  table.categories.assign(cols, {});
  std::vector<std::set<std::string>> labels(cols);
  for (const TextCell& t : texts) {
    const std::size_t c = t.cell % cols;
    if (labels[c].insert(t.text).second && labels[c].size() > kCsvMaxCategories) {
      throw std::invalid_argument("line " + std::to_string(t.line) + ", column " +
                                  std::to_string(c + 1) + " (" + shown(table.columns[c]) +
                                  "): more than " + std::to_string(kCsvMaxCategories) +
                                  " different text values; a column of text labels holds at most " +
                                  std::to_string(kCsvMaxCategories) + " categories");
    }
  }
  for (std::size_t c = 0; c < cols; ++c)
    table.categories[c].assign(labels[c].begin(), labels[c].end());
  for (const TextCell& t : texts) {
    const std::vector<std::string>& cats = table.categories[t.cell % cols];
    const auto it = std::lower_bound(cats.begin(), cats.end(), t.text);
    values[t.cell] = static_cast<double>(it - cats.begin());
  }

  table.values.resize(rows, static_cast<Index>(cols));
  for (int r = 0; r < rows; ++r) {
    for (std::size_t c = 0; c < cols; ++c) {
      table.values(r, static_cast<Index>(c)) =
          static_cast<Scalar>(values[static_cast<std::size_t>(r) * cols + c]);
    }
  }
  return table;
}

}  // namespace engine
