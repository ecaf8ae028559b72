// What it takes to go from the spec a network is training under to another one, decided by
// each field's effect in the schema (field_desc.hpp): nothing, live changes, a new optimizer
// state, or a new network from step 0. A field that matters in neither spec (momentum while
// the optimizer is Adam) never costs more than a live change.
#pragma once

#include "spec/experiment_spec.hpp"

namespace engine {

enum class ChangeCost { None, Live, NewState, Rebuild };

ChangeCost changeCost(const ExperimentSpec& from, const ExperimentSpec& to);

}  // namespace engine
