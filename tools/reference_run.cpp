// Runs the reference scenario (tests/golden/reference_scenario.json) natively and writes its
// trajectory as JSON, which the Node tests compare the WASM engine with (the two builds must
// agree to 1e-5). A tool, not a test, so the two suites need not run in a set order:
//   reference_run <scenario.json> <out.json>        (scripts/test.sh runs it)
#include <fstream>
#include <iostream>

#include "spec/json_input.hpp"
#include "train/trainer.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: reference_run <scenario.json> <out.json>\n";
    return 2;
  }
  try {
    std::ifstream in(argv[1]);
    if (!in) throw std::runtime_error(std::string("cannot read ") + argv[1]);
    const nlohmann::json scenario = nlohmann::json::parse(in);
    engine::Trainer trainer(engine::readSpec(engine::JsonInput(scenario.at("spec"))));
    const engine::RunStatus status = trainer.runSteps(scenario.at("steps").get<long>());
    if (status.state != engine::RunState::Running) throw std::runtime_error(status.message);
    const engine::MetricsColumns m = trainer.takeMetrics();
    nlohmann::json out;
    out["trainLoss"] = m["trainLoss"];
    out["valLoss"] = m["valLoss"];
    out["step"] = m["step"];
    for (engine::Param* p : trainer.parameters())
      out["final"][p->name] =
          std::vector<float>(p->value.data(), p->value.data() + p->value.size());
    std::ofstream file(argv[2]);
    if (!(file << out.dump())) throw std::runtime_error(std::string("cannot write ") + argv[2]);
  } catch (const std::exception& e) {
    std::cerr << "reference_run: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
