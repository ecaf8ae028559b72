// Weight initialisers, as torch.nn.init (1.13), on a weight W of shape out × in
// (fan_in = in = cols, fan_out = out = rows, PyTorch's convention for Linear).
//   xavierUniform: U(−a, a), a = gain·√(6/(fan_in + fan_out))     (xavier_uniform_)
//   xavierNormal:  N(0, s²), s = gain·√(2/(fan_in + fan_out))     (xavier_normal_)
//   heUniform:     U(−a, a), a = √(6/fan_in)    (kaiming_uniform_, mode='fan_in', 'relu')
//   heNormal:      N(0, s²), s = √(2/fan_in)    (kaiming_normal_,  mode='fan_in', 'relu')
// Entries are drawn from engine::Rng in row-major order. Biases start at 0 (PyTorch's Linear
// draws them uniformly; zero biases keep a shared URL easy to reason about).
// Glorot & Bengio 2010; He et al. 2015.
#pragma once

#include <string>

#include "core/eigen.hpp"
#include "core/rng.hpp"

namespace engine {

enum class InitKind { XavierUniform, XavierNormal, HeUniform, HeNormal };

// "xavierUniform" | "xavierNormal" | "heUniform" | "heNormal"; throws std::invalid_argument
// naming model.init and the allowed values otherwise.
InitKind parseInit(const std::string& name);

void xavierUniform(Matrix& w, Rng& rng, double gain = 1.0);
void xavierNormal(Matrix& w, Rng& rng, double gain = 1.0);
void heUniform(Matrix& w, Rng& rng);
void heNormal(Matrix& w, Rng& rng);
// Dispatches on kind (gain 1 for the Xavier kinds).
void initialize(Matrix& w, InitKind kind, Rng& rng);
// A convolution weight stored as out × (in·kh·kw) (torch's [out][in][kh][kw], one output
// channel per row), receptiveField = kh·kw: fan_in = in·kh·kw = cols and fan_out = out·kh·kw =
// rows·receptiveField, as torch's _calculate_fan_in_and_fan_out for a 4-D weight. The same
// bounds and draws as initialize() otherwise (the He kinds, which read only fan_in, give exactly
// what initialize() gives on the same matrix).
void initializeConv(Matrix& w, InitKind kind, int receptiveField, Rng& rng);

}  // namespace engine
