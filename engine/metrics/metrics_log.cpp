#include "metrics/metrics_log.hpp"

#include <utility>

namespace engine {
namespace {

template <typename Fn>
void forEachRowColumn(MetricsColumns& c, Fn fn) {
  for (auto* col : {&c.step, &c.epoch, &c.lr, &c.batchLoss, &c.trainLoss, &c.trainPenalty,
                    &c.valLoss, &c.testLoss, &c.trainAccuracy, &c.valAccuracy, &c.testAccuracy})
    fn(*col, 1);
  for (auto* col :
       {&c.weightL1, &c.weightL2, &c.gradNorm, &c.updateRatio, &c.zeroFraction, &c.smallFraction})
    fn(*col, c.layers);
}

}  // namespace

void MetricsLog::append(const MetricsRow& r, const std::vector<LayerStats>& layers) {
  MetricsColumns& c = pending_;
  if (c.rows >= kMaxPendingRows) {
    forEachRowColumn(c, [](std::vector<double>& col, int width) {
      col.erase(col.begin(), col.begin() + width);
    });
    --c.rows;
  }
  c.step.push_back(r.step);
  c.epoch.push_back(r.epoch);
  c.lr.push_back(r.lr);
  c.batchLoss.push_back(r.batchLoss);
  c.trainLoss.push_back(r.trainLoss);
  c.trainPenalty.push_back(r.trainPenalty);
  c.valLoss.push_back(r.valLoss);
  c.testLoss.push_back(r.testLoss);
  c.trainAccuracy.push_back(r.trainAccuracy);
  c.valAccuracy.push_back(r.valAccuracy);
  c.testAccuracy.push_back(r.testAccuracy);
  for (const LayerStats& s : layers) {
    c.weightL1.push_back(s.weightL1);
    c.weightL2.push_back(s.weightL2);
    c.gradNorm.push_back(s.gradNorm);
    c.updateRatio.push_back(s.updateRatio);
    c.zeroFraction.push_back(s.zeroFraction);
    c.smallFraction.push_back(s.smallFraction);
  }
  ++c.rows;
}

MetricsColumns MetricsLog::takeRows() {
  MetricsColumns out = std::move(pending_);
  pending_ = MetricsColumns{};
  pending_.layers = out.layers;
  return out;
}

}  // namespace engine
