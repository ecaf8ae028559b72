// fast-check generators of valid experiments, built from the engine's schema (so a new field is
// covered without editing this file).
import {
  kCvTargets,
  kGeometryPenalties,
  kGridParams,
  kPathModels,
  kStages,
  type StudyOptions,
} from '../../web/src/spec/study-options';
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

// Dense layers for specArb (the specs the PyTorch export tests take: it writes dense networks);
// the conv, pooling and DropBlock fields keep their defaults. anyLayerArb and cnnLayersArb below
// draw every kind and field.
const kLinkLayerFields = new Set(['units', 'activation', 'dropout', 'penaltyScale', 'batchNorm']);

// A layer of any kind with any valid value in every field (relevant to its kind or not).
export const anyLayerArb: fc.Arbitrary<LayerSpec> = fc
  .tuple(...schema.layerFields.map((f) => validValue(f).map((v) => [f.path, v] as const)))
  .map((entries) => Object.fromEntries(entries) as unknown as LayerSpec);

// A layer list shaped like a CNN: image layers (conv, pooling), then perhaps global pooling or
// flatten and dense layers, with random sizes: some fit an 8×8 or 12×12 image, some do not.
export const cnnLayersArb: fc.Arbitrary<LayerSpec[]> = fc
  .tuple(
    fc.array(
      fc.oneof(
        fc.record({
          kind: fc.constant('conv' as const),
          channels: fc.integer({ min: 1, max: 6 }),
          kernel: fc.integer({ min: 1, max: 7 }),
          stride: fc.integer({ min: 1, max: 4 }),
          padding: fc.integer({ min: 0, max: 3 }),
          activation: fc.constantFrom(...(layerFieldOptions('activation') as ['relu'])),
          dropout: fc.constantFrom(0, 0.3),
          dropBlock: fc.constantFrom(0, 0.2),
          blockSize: fc.integer({ min: 1, max: 7 }),
          batchNorm: fc.boolean(),
        }),
        fc.record({
          kind: fc.constantFrom('maxPool' as const, 'avgPool' as const),
          size: fc.integer({ min: 1, max: 4 }),
        }),
      ),
      { minLength: 1, maxLength: 4 },
    ),
    fc.constantFrom('flatten' as const, 'globalAvgPool' as const, 'none' as const),
    fc.array(fc.record({ units: fc.integer({ min: 1, max: 16 }) }), { maxLength: 2 }),
  )
  .map(([image, end, dense]) => [
    ...image.map((l) => ({ ...defaultLayer(), ...l })),
    ...(end === 'none' ? [] : [{ ...defaultLayer(), kind: end }]),
    ...dense.map((l) => ({ ...defaultLayer(), ...l })),
  ]);

function layerFieldOptions(key: string): string[] {
  return schema.layerFields.find((f) => f.path === key)?.options ?? [];
}

export const layerArb: fc.Arbitrary<LayerSpec> = fc
  .tuple(
    ...schema.layerFields
      .filter((f) => kLinkLayerFields.has(f.path))
      .map((f) => validValue(f).map((v) => [f.path, v] as const)),
  )
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

// Values a link can carry exactly: six significant digits, as the codec writes them.
const sixDigits = (min: number, max: number) =>
  fc.double({ min, max, noNaN: true }).map((v) => Number(v.toPrecision(6)));
const gridValues = fc.array(sixDigits(0, 1e6), { minLength: 2, maxLength: 12 });

export const studyArb: fc.Arbitrary<StudyOptions> = fc
  .record({
    model: fc.constantFrom(...kPathModels),
    l1Ratio: sixDigits(0.01, 1),
    alpha: fc.option(sixDigits(1e-12, 1e12)),
    target: fc.constantFrom(...kCvTargets),
    folds: fc.integer({ min: 2, max: 10 }),
    params: fc.uniqueArray(fc.constantFrom(...kGridParams), { minLength: 2, maxLength: 2 }),
    second: fc.boolean(),
    values: gridValues,
    values2: gridValues,
    epochs: fc.integer({ min: 1, max: 500 }),
    penalty: fc.constantFrom(...kGeometryPenalties),
    lambda: sixDigits(0, 100),
    gRatio: sixDigits(0, 1),
    p: sixDigits(0.1, 4),
    center: fc.tuple(sixDigits(-3, 3), sixDigits(-3, 3)),
    hessian: fc
      .tuple(sixDigits(0.1, 10), sixDigits(-1, 1), sixDigits(0.1, 10))
      .filter(([a, b, d]) => a * d - b * b > 1e-3 * Math.max(a, d) ** 2),
    compare: fc.boolean(),
    imageRow: fc.integer({ min: 0, max: 1e6 }),
    imageTraining: fc.boolean(),
  })
  .map((r) => ({
    path: { model: r.model, l1Ratio: r.l1Ratio, alpha: r.alpha },
    cv: {
      target: r.target,
      folds: r.folds,
      param: r.params[0]!,
      values: r.values,
      param2: r.second ? r.params[1]! : null,
      values2: r.second ? r.values2 : [],
      epochs: r.epochs,
    },
    geometry: {
      penalty: r.penalty,
      lambda: r.lambda,
      l1Ratio: r.gRatio,
      p: r.p,
      center: r.center,
      hessian: r.hessian,
      compare: r.compare,
    },
    images: { row: r.imageRow, training: r.imageTraining },
  }));

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
    stage: fc.constantFrom(...kStages),
    study: studyArb,
  })
  .map(({ runs, ...view }) => ({ runs, points: null, csv: null, view: { ...view, lesson: null } }));
