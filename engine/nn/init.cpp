#include "nn/init.hpp"

#include <cmath>
#include <stdexcept>

namespace engine {
namespace {

void fillUniform(Matrix& w, Rng& rng, double a) {
  Scalar* d = w.data();
  for (Index i = 0; i < w.size(); ++i) d[i] = static_cast<Scalar>(rng.uniform(-a, a));
}

void fillNormal(Matrix& w, Rng& rng, double s) {
  Scalar* d = w.data();
  for (Index i = 0; i < w.size(); ++i) d[i] = static_cast<Scalar>(rng.normal(0.0, s));
}

// PyTorch's _calculate_fan_in_and_fan_out for a Linear weight [out][in].
double fanIn(const Matrix& w) { return static_cast<double>(w.cols()); }
double fanOut(const Matrix& w) { return static_cast<double>(w.rows()); }

}  // namespace

InitKind parseInit(const std::string& name) {
  if (name == "xavierUniform") return InitKind::XavierUniform;
  if (name == "xavierNormal") return InitKind::XavierNormal;
  if (name == "heUniform") return InitKind::HeUniform;
  if (name == "heNormal") return InitKind::HeNormal;
  throw std::invalid_argument(
      "model.init: must be one of: xavierUniform, xavierNormal, heUniform, heNormal, got \"" +
      name + "\"");
}

void xavierUniform(Matrix& w, Rng& rng, double gain) {
  fillUniform(w, rng, gain * std::sqrt(6.0 / (fanIn(w) + fanOut(w))));
}

void xavierNormal(Matrix& w, Rng& rng, double gain) {
  fillNormal(w, rng, gain * std::sqrt(2.0 / (fanIn(w) + fanOut(w))));
}

void heUniform(Matrix& w, Rng& rng) {
  // gain √2 (relu) times √(3/fan_in).
  fillUniform(w, rng, std::sqrt(6.0 / fanIn(w)));
}

void heNormal(Matrix& w, Rng& rng) { fillNormal(w, rng, std::sqrt(2.0 / fanIn(w))); }

void initializeConv(Matrix& w, InitKind kind, int receptiveField, Rng& rng) {
  if (receptiveField < 1) {
    throw std::invalid_argument("initializeConv: receptive field must be >= 1, got " +
                                std::to_string(receptiveField));
  }
  const double in = fanIn(w);
  const double out = fanOut(w) * receptiveField;
  switch (kind) {
    case InitKind::XavierUniform: fillUniform(w, rng, std::sqrt(6.0 / (in + out))); return;
    case InitKind::XavierNormal: fillNormal(w, rng, std::sqrt(2.0 / (in + out))); return;
    case InitKind::HeUniform: fillUniform(w, rng, std::sqrt(6.0 / in)); return;
    case InitKind::HeNormal: fillNormal(w, rng, std::sqrt(2.0 / in)); return;
  }
}

void initialize(Matrix& w, InitKind kind, Rng& rng) {
  switch (kind) {
    case InitKind::XavierUniform: xavierUniform(w, rng); return;
    case InitKind::XavierNormal: xavierNormal(w, rng); return;
    case InitKind::HeUniform: heUniform(w, rng); return;
    case InitKind::HeNormal: heNormal(w, rng); return;
  }
}

}  // namespace engine
