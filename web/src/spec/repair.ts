// A spec repaired by the engine's cross-field rules (rules.ts), with one warning per repair for
// the page to show: used wherever a spec comes from outside (a link, an embedding page's
// message) or from a control, so that no state the page reaches is one the engine refuses.
import type { ExperimentSpec } from './experiment-spec';
import { repairSpec } from './rules';
import type { SpecWarning } from './validate';

export function repairWarnings(
  spec: ExperimentSpec,
  warnings: SpecWarning[],
  prefix = '',
): ExperimentSpec {
  const { spec: repaired, repairs } = repairSpec(spec);
  for (const r of repairs) {
    warnings.push({
      code: r.removed ? 'layerRemoved' : 'rule',
      key: r.id,
      value: `${prefix}${r.path}`,
      allowed: String(r.to),
    });
  }
  return repaired;
}
