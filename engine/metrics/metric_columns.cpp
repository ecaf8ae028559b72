#include "metrics/metric_columns.hpp"

#include <stdexcept>

namespace engine {
namespace {

MetricColumn scalar(const char* name, double MetricsRow::*member, const char* doc) {
  return {name, false, doc, member, nullptr};
}
MetricColumn perLayer(const char* name, double LayerStats::*member, const char* doc) {
  return {name, true, doc, nullptr, member};
}

}  // namespace

const std::vector<MetricColumn>& metricColumns() {
  static const std::vector<MetricColumn> columns = {
      scalar("step", &MetricsRow::step, "optimizer steps taken"),
      scalar("epoch", &MetricsRow::epoch, "epochs, fractional within an epoch"),
      scalar("lr", &MetricsRow::lr, "learning rate of the last step"),
      scalar("batchLoss", &MetricsRow::batchLoss, "data loss of the last training batch"),
      scalar("trainLoss", &MetricsRow::trainLoss, "data loss on the training split, eval mode"),
      scalar("trainPenalty", &MetricsRow::trainPenalty, "penalty R(w)"),
      scalar("valLoss", &MetricsRow::valLoss, "data loss on the validation split"),
      scalar("testLoss", &MetricsRow::testLoss, "data loss on the test split"),
      scalar("lossGap", &MetricsRow::lossGap, "validation loss minus training loss"),
      scalar("trainAccuracy", &MetricsRow::trainAccuracy, "accuracy on the training split"),
      scalar("valAccuracy", &MetricsRow::valAccuracy, "accuracy on the validation split"),
      scalar("testAccuracy", &MetricsRow::testAccuracy, "accuracy on the test split"),
      scalar("gradNormTotal", &MetricsRow::gradNormTotal, "global gradient norm before clipping"),
      scalar("gradNormClipped", &MetricsRow::gradNormClipped,
             "global gradient norm after clipping"),
      perLayer("weightL1", &LayerStats::weightL1, "sum of |w| of the layer's weights"),
      perLayer("weightL2", &LayerStats::weightL2, "2-norm of the layer's weights"),
      perLayer("gradNorm", &LayerStats::gradNorm, "gradient 2-norm of the layer, before clipping"),
      perLayer("updateRatio", &LayerStats::updateRatio, "‖Δw‖ / ‖w‖ of the last step"),
      perLayer("zeroFraction", &LayerStats::zeroFraction, "share of weights exactly 0"),
      perLayer("smallFraction", &LayerStats::smallFraction,
               "share of weights with |w| < 0.001, zeros included"),
  };
  return columns;
}

std::size_t metricIndex(const std::string& name) {
  const auto& columns = metricColumns();
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i].name == name) return i;
  throw std::invalid_argument("no metric column \"" + name + "\"");
}

}  // namespace engine
