#include "data/csv.hpp"

#include <cmath>
#include <cstdlib>
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

}  // namespace

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
  std::vector<double> values;
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
      if (fields[c].quoted) {  // spaces inside the quotes of a number are as harmless as outside
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
        throw std::invalid_argument(where + ": " + shown(t) + " is not a number");
      }
      double v = std::strtod(t.c_str(), nullptr);
      // Overflow gives ±inf; a float build also cannot hold beyond ±3.4e38.
      if (!std::isfinite(v) || !std::isfinite(static_cast<Scalar>(v))) {
        throw std::invalid_argument(where + ": " + shown(t) + " is too large (beyond ±" + kLargest +
                                    ")");
      }
      values.push_back(v);
    }
    ++rows;
  }
  if (rows == 0) {
    throw std::invalid_argument("The file has a header row but no data rows");
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
