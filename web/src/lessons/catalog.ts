// The gallery of lessons: each one a curated experiment (one run, or up to four compared in
// lockstep from the same start) with a short text in English and Simplified Chinese saying what
// to do and what to look for. A lesson opens from a link (#lesson=<id>), in the page or
// embedded. Every lesson's effect is checked with numbers (tests/lessons/effects.mjs), against
// the engine in Node and through the page in Chromium.
//
// The lessons themselves are in catalog-data.mjs: plain JavaScript, so the Node tests import
// the same data (Node cannot import TypeScript); catalog-data.d.mts gives it these types.
import type { DeepPartial, ExperimentSpec } from '../engine/engine-api';
import type { PartialStudy, StageId } from '../spec/study-options';
import { kLessonData } from './catalog-data.mjs';

export type LessonTopic =
  | 'overfitting'
  | 'sparsity'
  | 'weightDecay'
  | 'dropout'
  | 'normalization'
  | 'earlyStopping'
  | 'augmentation'
  | 'gradients'
  | 'optimizers';

export interface Bilingual {
  en: string;
  zh: string;
}

export interface LessonRun {
  label: Bilingual; // what this run is, in the run legend ("no cure", "L2 λ = 0.01")
  spec: DeepPartial<ExperimentSpec>; // completed with the engine's defaults
}

export interface Lesson {
  id: string; // the link key: #lesson=<id>; never rename a published id
  topic: LessonTopic;
  title: Bilingual;
  task: Bilingual; // what to do (one or two sentences)
  look: Bilingual; // what to look for (one or two sentences)
  runs: LessonRun[]; // 1 to 4, compared in lockstep
  steps: number; // optimizer steps after which the effect has shown (the tests train this many)
  speed?: number; // steps per animation frame the lesson plays at (one of kSpeeds)
  xAxis?: 'step' | 'epoch';
  // The view the stage opens on ("Choosing λ", or what an image network sees), and its
  // settings over the defaults.
  stage?: StageId;
  study?: PartialStudy;
}

export const kLessons: readonly Lesson[] = kLessonData;

export function lessonById(id: string): Lesson | undefined {
  return kLessons.find((l) => l.id === id);
}
