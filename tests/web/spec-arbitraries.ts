// fast-check generators of valid experiments, built from the engine's schema (so a new field is
// covered without editing this file).
import fc from 'fast-check';
import {
  defaultLayer,
  defaultSpec,
  schema,
  setPath,
  type ExperimentSpec,
  type FieldSchema,
  type FieldValue,
  type LayerSpec,
  type SpecPath,
} from '../../web/src/spec/experiment-spec';
import { repairSpec } from '../../web/src/spec/rules';
import { kMaxRuns, kPanels, kSpeeds, type SharedExperiment } from '../../web/src/spec/url-codec';

export function validValue(f: FieldSchema): fc.Arbitrary<FieldValue> {
  switch (f.type) {
    case 'integer':
      return fc.integer({ min: f.min ?? 0, max: f.max ?? 1e6 });
    case 'number': {
      const min = f.min ?? 0;
      const max = f.max ?? 1e6;
      return fc
        .oneof(
          fc.double({ min, max, noNaN: true, noDefaultInfinity: true }),
          fc.constantFrom(min, max, (min + max) / 2, 1e-7 + min, 0.1, 0.001),
        )
        .filter(
          (v) =>
            v >= min &&
            v <= max &&
            !(f.minExclusive && v === min) &&
            !(f.maxExclusive && v === max) &&
            !Object.is(v, -0),
        );
    }
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...(f.options ?? []));
    case 'stringList':
      return fc.uniqueArray(fc.constantFrom(...(f.options ?? [])), { minLength: 1 });
  }
}

export const layerArb: fc.Arbitrary<LayerSpec> = fc
  .tuple(...schema.layerFields.map((f) => validValue(f).map((v) => [f.path, v] as const)))
  .map((entries) => ({ ...defaultLayer(), ...Object.fromEntries(entries) }) as LayerSpec);

export const specArb: fc.Arbitrary<ExperimentSpec> = fc
  .tuple(
    fc.tuple(
      ...schema.fields
        .filter((f) => f.path !== 'version' && f.path !== 'data.kind')
        .map((f) => fc.option(validValue(f).map((v) => [f.path as SpecPath, v] as const))),
    ),
    fc
      .constantFrom(...(schema.fields.find((f) => f.path === 'data.kind')!.options ?? []))
      .filter((k) => k !== 'custom'),
    fc.array(layerArb, { maxLength: schema.limits.maxHiddenLayers }),
  )
  .map(([entries, kind, hidden]) => {
    let spec = setPath(defaultSpec(), 'data.kind', kind);
    for (const e of entries) if (e) spec = setPath(spec, e[0], e[1]);
    spec.model.hidden = hidden;
    // Fields valid alone can still break a cross-field rule: keep only specs the engine takes.
    return repairSpec(spec).spec;
  });

export const experimentArb: fc.Arbitrary<SharedExperiment> = fc
  .record({
    runs: fc.array(specArb, { minLength: 1, maxLength: kMaxRuns }),
    lang: fc.constantFrom(null, 'en' as const, 'zh' as const),
    embed: fc.boolean(),
    hide: fc.uniqueArray(fc.constantFrom(...kPanels)),
    autoplay: fc.boolean(),
    xAxis: fc.constantFrom('step' as const, 'epoch' as const),
    speed: fc.constantFrom(...kSpeeds),
    showTest: fc.boolean(),
  })
  .map(({ runs, ...view }) => ({ runs, points: null, csv: null, view: { ...view, lesson: null } }));
