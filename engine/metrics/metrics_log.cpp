#include "metrics/metrics_log.hpp"

#include <utility>

namespace engine {

const std::vector<double>& MetricsColumns::operator[](const std::string& name) const {
  return values[metricIndex(name)];
}

MetricsLog::MetricsLog(int layers) {
  pending_.layers = layers;
  pending_.values.resize(metricColumns().size());
}

void MetricsLog::append(const MetricsRow& r, const std::vector<LayerStats>& layers) {
  MetricsColumns& c = pending_;
  const auto& columns = metricColumns();
  if (c.rows >= kMaxPendingRows) {
    for (std::size_t i = 0; i < columns.size(); ++i) {
      auto& col = c.values[i];
      col.erase(col.begin(), col.begin() + (columns[i].perLayer ? c.layers : 1));
    }
    --c.rows;
  }
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].perLayer) {
      for (const LayerStats& s : layers) c.values[i].push_back(s.*columns[i].layer);
    } else {
      c.values[i].push_back(r.*columns[i].row);
    }
  }
  ++c.rows;
}

MetricsColumns MetricsLog::takeRows() {
  MetricsColumns out = std::move(pending_);
  pending_ = MetricsColumns{};
  pending_.layers = out.layers;
  pending_.values.resize(metricColumns().size());
  return out;
}

}  // namespace engine
