// The metrics a run records, column by column (metric_columns.hpp), until the UI takes them.
// Per-layer columns hold `layers` values per row, row-major. Columns leave as typed arrays in
// one call (takeRows), never value by value.
#pragma once

#include <string>
#include <vector>

#include "metrics/metric_columns.hpp"

namespace engine {

struct MetricsColumns {
  int rows = 0;
  int layers = 0;
  std::vector<std::vector<double>> values;  // one per metricColumns() entry, in its order

  // The column of that name (throws std::invalid_argument for an unknown name).
  const std::vector<double>& operator[](const std::string& name) const;
};

class MetricsLog {
 public:
  explicit MetricsLog(int layers = 0);
  void append(const MetricsRow& row, const std::vector<LayerStats>& layers);
  // Everything recorded since the previous call; the log is empty afterwards.
  MetricsColumns takeRows();
  int pendingRows() const { return pending_.rows; }
  // Keeps memory bounded when nobody reads: oldest rows go first past this many.
  static constexpr int kMaxPendingRows = 100000;

 private:
  MetricsColumns pending_;
};

}  // namespace engine
