// A lesson's runs as full specs: each run's partial spec completed with the engine's defaults
// (and checked, as any spec from outside the page).
import { validateSpec } from '../spec/validate';
import type { ExperimentSpec } from '../spec/experiment-spec';
import { lessonById } from './catalog';

export function lessonRuns(id: string): ExperimentSpec[] | null {
  const lesson = lessonById(id);
  return lesson ? lesson.runs.map((r) => validateSpec(r.spec).value) : null;
}
