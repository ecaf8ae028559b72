// The native contender of the benchmark (bench/run.mjs): the engine's Trainer compiled for this
// CPU, timed on the same workloads as the WebAssembly builds and the other libraries, and the
// GEMM ceiling of the engine's matrix type (Eigen) measured the same way as gemmKernel() in the
// WASM builds. The Node harness writes each workload (engine spec, data, initial weights) to a
// JSON file; this program reads it, so the inputs are identical bit for bit, and prints one JSON
// line with its measurement.
//   engine_bench --workload FILE [--warmup-seconds S] (--steps N | --seconds S)
//   engine_bench --workload FILE --smoke        loss before and after one step
//   engine_bench --gemm N [--warmup-seconds S] (--repeats R | --seconds S)
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/eigen.hpp"
#include "spec/experiment_spec.hpp"
#include "spec/json_input.hpp"
#include "train/trainer.hpp"

namespace engine {
namespace {

using Json = nlohmann::json;
using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

struct Options {
  std::string workload;
  int gemm = 0;
  bool smoke = false;
  double warmupSeconds = 0.2;
  long steps = 0;      // timed steps (workload) or products (gemm); 0: from --seconds
  double seconds = 0;  // target duration of the timed block when no count is given
};

Options parseOptions(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(arg + ": needs a value");
      return argv[++i];
    };
    if (arg == "--workload")
      o.workload = value();
    else if (arg == "--gemm")
      o.gemm = std::stoi(value());
    else if (arg == "--smoke")
      o.smoke = true;
    else if (arg == "--warmup-seconds")
      o.warmupSeconds = std::stod(value());
    else if (arg == "--steps" || arg == "--repeats")
      o.steps = std::stol(value());
    else if (arg == "--seconds")
      o.seconds = std::stod(value());
    else
      throw std::invalid_argument("unknown argument " + arg);
  }
  if (o.workload.empty() == (o.gemm == 0))
    throw std::invalid_argument("give either --workload FILE or --gemm N");
  if (!o.smoke && o.steps <= 0 && o.seconds <= 0)
    throw std::invalid_argument("give --steps/--repeats N or --seconds S");
  return o;
}

struct Workload {
  ExperimentSpec spec;
  CustomData data;
  std::vector<std::pair<std::string, std::vector<float>>> params;
};

Workload readWorkload(const std::string& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot open " + file);
  const Json j = Json::parse(in);
  Workload w;
  w.spec = readSpec(JsonInput(j.at("spec")));
  w.data.rows = j.at("rows").get<int>();
  w.data.cols = j.at("cols").get<int>();
  // JSON carries each float32 value as the double it converts to exactly.
  for (double v : j.at("x")) w.data.x.push_back(static_cast<float>(v));
  for (double v : j.at("y")) w.data.y.push_back(static_cast<float>(v));
  for (const Json& p : j.at("params")) {
    std::vector<float> values;
    for (double v : p.at("values")) values.push_back(static_cast<float>(v));
    w.params.emplace_back(p.at("name").get<std::string>(), std::move(values));
  }
  return w;
}

std::unique_ptr<Trainer> makeTrainer(const Workload& w) {
  auto trainer = std::make_unique<Trainer>(w.spec, w.data);
  for (const auto& [name, values] : w.params)
    trainer->setParameter(name, values.data(), static_cast<long>(values.size()));
  return trainer;
}

void train(Trainer& trainer, long steps) {
  const RunStatus s = trainer.runSteps(steps);
  if (s.state != RunState::Running || s.stepsRun != steps)
    throw std::runtime_error("training stopped: " + s.message);
}

// Runs chunks of steps until `seconds` have passed; returns the rate of the last chunk.
template <typename Run>
double warmUp(Run run, double seconds, long& done) {
  long chunk = 1;
  double rate = 0.0;
  const auto start = Clock::now();
  do {
    const auto t0 = Clock::now();
    run(chunk);
    done += chunk;
    const double dt = secondsSince(t0);
    rate = static_cast<double>(chunk) / std::max(dt, 1e-9);
    chunk = std::min<long>(chunk * 2, 1000000);
  } while (secondsSince(start) < seconds);
  return rate;
}

Json runWorkload(const Options& o) {
  const Workload w = readWorkload(o.workload);
  std::unique_ptr<Trainer> trainer = makeTrainer(w);
  if (o.smoke) {
    Json out;
    out["initialLoss"] = trainer->evaluate(Split::Train).loss;
    train(*trainer, 1);
    out["lossAfterStep"] = trainer->evaluate(Split::Train).loss;
    return out;
  }
  long warmupSteps = 0;
  const double rate = warmUp([&](long n) { train(*trainer, n); }, o.warmupSeconds, warmupSteps);
  const long steps = o.steps > 0 ? o.steps : std::max(1L, std::lround(rate * o.seconds));
  const auto t0 = Clock::now();
  train(*trainer, steps);
  const double seconds = secondsSince(t0);
  return Json{{"steps", steps}, {"seconds", seconds}, {"warmupSteps", warmupSteps}};
}

// The GEMM ceiling: c = a·b with n×n float matrices, as gemmKernel() in the WASM builds.
Json runGemm(const Options& o) {
  const Index n = o.gemm;
  if (n < 1 || n > 4096) throw std::invalid_argument("--gemm: n must be in [1, 4096]");
  Matrix a = Matrix::Constant(n, n, Scalar(0.5));
  Matrix b = Matrix::Constant(n, n, Scalar(0.25));
  Matrix c(n, n);
  double checksum = 0.0;
  auto run = [&](long repeats) {
    for (long r = 0; r < repeats; ++r) {
      c.noalias() = a * b;
      checksum += static_cast<double>(c(r % n, 0));
    }
  };
  long warmupRepeats = 0;
  const double rate = warmUp(run, o.warmupSeconds, warmupRepeats);
  const long repeats = o.steps > 0 ? o.steps : std::max(1L, std::lround(rate * o.seconds));
  const auto t0 = Clock::now();
  run(repeats);
  const double seconds = secondsSince(t0);
  const double expected = 0.125 * static_cast<double>(n);  // every entry of c is n · 0.5 · 0.25
  if (std::abs(static_cast<double>(c(0, 0)) - expected) > 1e-3 * expected)
    throw std::runtime_error("GEMM result is wrong");
  return Json{{"repeats", repeats}, {"seconds", seconds}, {"checksum", checksum}};
}

}  // namespace
}  // namespace engine

int main(int argc, char** argv) {
  try {
    const engine::Options o = engine::parseOptions(argc, argv);
    const nlohmann::json out = o.gemm ? engine::runGemm(o) : engine::runWorkload(o);
    std::cout << out.dump() << std::endl;
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "engine_bench: " << e.what() << std::endl;
    return 1;
  }
}
