// What the geometry view shows for a lesson that opens it (stage 'geometry'), computed with the
// engine in Node: per penalty drawn (L1 and L2 when the lesson compares them), the optimum
// w*(λ) at the lesson's c, and the share of the view's grid of positions of c for which w* has
// an exact zero. The grid is the view's (web/src/ui/stage/geometry-settings.ts: kZeroMapSize
// cells per side over kBounds, each sampled off its centre as web/src/worker/jobs/geometry.ts
// zeroSample does); the effect (effects.mjs) asserts thresholds, so a change of grid there
// does not need one here.
const kSize = 48;
const kBounds = [-3.5, 3.5, -3.5, 3.5];
const kOffset = [0.5 + (Math.SQRT2 - 1.4) / 2, 0.5 - (Math.sqrt(5) - 2.2) / 2];

const penaltyOptions = (g, penalty) =>
  penalty === 'elasticNet'
    ? { penalty, l1Ratio: g.l1Ratio }
    : penalty === 'lp'
      ? { penalty, p: g.p }
      : { penalty };

function optimum(engine, g, penalty, center) {
  const r = engine.geometry2d({
    center,
    hessian: g.hessian,
    ...penaltyOptions(g, penalty),
    lambdas: [g.lambda],
    bounds: kBounds,
    resolution: 2,
    outlinePoints: 8,
  });
  return [r.optima[0], r.optima[1]];
}

export function lessonGeometry(engine, lesson) {
  const g = lesson.study?.geometry;
  for (const key of ['penalty', 'lambda', 'l1Ratio', 'p', 'center', 'hessian', 'compare'])
    if (g?.[key] === undefined) throw new Error(`lesson ${lesson.id}: study.geometry.${key} unset`);
  const penalties = g.compare ? ['l1', 'l2'] : [g.penalty];
  const [xMin, xMax, yMin, yMax] = kBounds;
  const out = {};
  for (const penalty of penalties) {
    let zeros = 0;
    for (let row = 0; row < kSize; row++)
      for (let col = 0; col < kSize; col++) {
        const c = [
          xMin + ((col + kOffset[0]) * (xMax - xMin)) / kSize,
          yMin + ((row + kOffset[1]) * (yMax - yMin)) / kSize,
        ];
        if (optimum(engine, g, penalty, c).includes(0)) zeros++;
      }
    out[penalty] = { w: optimum(engine, g, penalty, g.center), zeroFraction: zeros / kSize ** 2 };
  }
  return out;
}
