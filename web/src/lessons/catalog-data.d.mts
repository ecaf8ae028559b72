// Types of catalog-data.mjs (plain JavaScript so that Node imports it too). The Node lesson
// tests check what the types cannot: every run spec passes the engine's normalizeSpec, every
// hidden layer names all five layer fields, and the texts are filled in both languages.
import type { Lesson } from './catalog';

export declare const kLessonData: readonly Lesson[];
