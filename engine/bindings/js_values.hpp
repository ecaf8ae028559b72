// What every Embind file of the engine shares: JS errors, plain JS values read with type and
// range checks, the spec reader's adapter, and copied typed arrays. Only engine/bindings/*.cpp
// include this (it needs <emscripten/val.h>).
#pragma once

#include <emscripten/val.h>

#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/eigen.hpp"
#include "data/make_data.hpp"
#include "spec/experiment_spec.hpp"

namespace engine::js {

using emscripten::val;

// Throws a JS Error with the message (em++ 3.1.6 would otherwise deliver a bare number).
[[noreturn]] void throwJsError(const std::string& message);

// Runs f, turning any C++ exception into a JS Error with the same message.
template <typename F>
auto guarded(F f) -> decltype(f()) {
  try {
    return f();
  } catch (const std::exception& e) {
    throwJsError(e.what());
  }
}

// "null", "array", or JS typeof.
std::string typeOf(const val& v);
bool isPlainObject(const val& v);
std::vector<std::string> objectKeys(const val& obj);
// Error naming `what` for a key of obj not in `allowed` (a misspelt option must not pass).
void checkKeys(const val& obj, const std::vector<std::string>& allowed, const std::string& what);

// A spec from a JS object, every key read through the schema table; errors name the key path.
ExperimentSpec readSpecFromJs(const val& input, const ExperimentSpec& base = ExperimentSpec{});
// An ExperimentSpec as a plain JS object (every field).
val specToJs(const ExperimentSpec& spec);

// Copies into new typed arrays (a view into the heap breaks when memory grows).
val float64Array(const std::vector<double>& v);
val float64Array(const double* data, std::size_t n);
val float32Array(const float* data, std::size_t n);
val float32Array(const Matrix& m);
val int32Array(const std::vector<int>& v);
val stringArray(const std::vector<std::string>& v);

// A JS array or typed array of finite numbers (expected ≥ 0: exactly that many), checked
// against the size limit before copying.
std::vector<float> numbersFrom(const val& v, const std::string& what, long long expected);
std::vector<double> doublesFrom(const val& v, const std::string& what, long long minLength,
                                long long maxLength);
// An optional list of `count` column names (undefined: none), each cut to 64 characters.
std::vector<std::string> namesFrom(const val& v, const std::string& what, int count);
// An integer in [0, max].
int positiveInt(const val& v, const std::string& what, double max);
// An integer in [lo, hi], or `fallback` when v is undefined.
int intIn(const val& v, const std::string& what, int lo, int hi, int fallback);
// A finite number in [lo, hi], or `fallback` when v is undefined.
double numberIn(const val& v, const std::string& what, double lo, double hi, double fallback);
// One of `options`, or `fallback` when v is undefined.
std::string oneOf(const val& v, const std::string& what, const std::vector<std::string>& options,
                  const std::string& fallback);

// The CustomData object {x, y, rows, cols, targetCols?, featureNames?, targetNames?}.
CustomData customDataFrom(const val& data);

}  // namespace engine::js
