// What a link shows besides the experiment: language, embed mode and hidden panels, autoplay,
// the charts' x axis, the speed, whether test points are drawn, and the lesson it opened. Not
// part of the engine's spec; checked like it (bad values are dropped with a warning).
import { lessonById } from '../lessons/catalog';
import {
  decodeStudy,
  defaultStudy,
  encodeStudy,
  studyWith,
  kStudyKeys,
  type StageId,
  type StudyOptions,
} from './study-options';
import { safeText, type SpecWarning } from './validate';

const isLesson = (id: string) => lessonById(id) !== undefined;

export const kPanels = [
  'header',
  'data',
  'model',
  'regularization',
  'optimizer',
  'playback',
  'charts',
  'network',
  'boundary',
  'compare',
  'share',
] as const;
export type PanelId = (typeof kPanels)[number];
export const kLanguages = ['en', 'zh'] as const;
export type Language = (typeof kLanguages)[number];
export const kSpeeds = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] as const;

export interface ViewOptions {
  lang: Language | null; // null: follow the browser
  embed: boolean;
  hide: PanelId[];
  autoplay: boolean;
  xAxis: 'step' | 'epoch';
  speed: number; // optimizer steps per animation frame, one of kSpeeds
  showTest: boolean;
  lesson: string | null; // the lesson the page opened with (#lesson=<id>), shown beside the run
  stage: StageId; // what the stage shows beside the data: the network or a "Choosing λ" view
  study: StudyOptions; // the "Choosing λ" views' settings (study-options.ts)
}

export function defaultView(): ViewOptions {
  return {
    lang: null,
    embed: false,
    hide: [],
    autoplay: false,
    xAxis: 'step',
    speed: 10,
    showTest: false,
    lesson: null,
    stage: 'network',
    study: defaultStudy(),
  };
}

// The keys this file reads.
export const kViewKeys = new Set([
  'lang',
  'embed',
  'hide',
  'autoplay',
  'x',
  'speed',
  'tp',
  'lesson',
  ...kStudyKeys,
]);

// The view a link starts from: the defaults, or the lesson's speed, x axis and study settings.
export function baseView(lessonId: string | null): ViewOptions {
  const view = defaultView();
  const lesson = lessonId ? lessonById(lessonId) : undefined;
  if (!lesson) return view;
  view.lesson = lesson.id;
  view.speed = lesson.speed ?? view.speed;
  view.xAxis = lesson.xAxis ?? view.xAxis;
  view.stage = lesson.stage ?? view.stage;
  view.study = studyWith(lesson.study);
  return view;
}

export function encodeView(view: ViewOptions): string[] {
  const pairs: string[] = [];
  const d = baseView(view.lesson);
  if (view.lang) pairs.push(`lang=${view.lang}`);
  if (view.embed) pairs.push('embed=1');
  if (view.hide.length) pairs.push(`hide=${view.hide.join(',')}`);
  if (view.autoplay) pairs.push('autoplay=1');
  if (view.xAxis !== d.xAxis) pairs.push(`x=${view.xAxis}`);
  if (view.speed !== d.speed) pairs.push(`speed=${view.speed}`);
  if (view.showTest !== d.showTest) pairs.push(`tp=${view.showTest ? 1 : 0}`);
  if (view.lesson) pairs.push(`lesson=${view.lesson}`);
  pairs.push(...encodeStudy(view.stage, view.study, d));
  return pairs;
}

export function decodeView(pairs: Map<string, string>, warnings: SpecWarning[]): ViewOptions {
  // A lesson's view first: the link's other keys change it.
  const lessonId = pairs.get('lesson');
  const view = baseView(lessonId !== undefined && isLesson(lessonId) ? lessonId : null);
  const lang = pairs.get('lang');
  if (lang !== undefined) {
    if ((kLanguages as readonly string[]).includes(lang)) view.lang = lang as Language;
    else
      warnings.push({
        code: 'invalid',
        key: 'lang',
        value: safeText(lang),
        allowed: kLanguages.join(', '),
      });
  }
  const flag = (key: string): boolean | undefined => {
    const t = pairs.get(key);
    if (t === undefined) return undefined;
    if (t === '1' || t === 'true' || t === '') return true;
    if (t === '0' || t === 'false') return false;
    warnings.push({ code: 'invalid', key, value: safeText(t), allowed: '0 or 1' });
    return undefined;
  };
  view.embed = flag('embed') ?? view.embed;
  view.autoplay = flag('autoplay') ?? view.autoplay;
  view.showTest = flag('tp') ?? view.showTest;
  const hide = pairs.get('hide');
  if (hide !== undefined && hide !== '') {
    for (const item of hide.split(',', 32)) {
      if ((kPanels as readonly string[]).includes(item)) {
        if (!view.hide.includes(item as PanelId)) view.hide.push(item as PanelId);
      } else warnings.push({ code: 'invalid', key: 'hide', value: safeText(item) });
    }
  }
  const x = pairs.get('x');
  if (x !== undefined) {
    if (x === 'step' || x === 'epoch') view.xAxis = x;
    else warnings.push({ code: 'invalid', key: 'x', value: safeText(x), allowed: 'step, epoch' });
  }
  const speed = pairs.get('speed');
  if (speed !== undefined) {
    const n = Number(speed);
    if ((kSpeeds as readonly number[]).includes(n) && /^\d+$/.test(speed)) view.speed = n;
    else
      warnings.push({
        code: 'invalid',
        key: 'speed',
        value: safeText(speed),
        allowed: kSpeeds.join(', '),
      });
  }
  const lesson = pairs.get('lesson');
  if (lesson !== undefined) {
    if (isLesson(lesson)) view.lesson = lesson;
    else warnings.push({ code: 'invalid', key: 'lesson', value: safeText(lesson) });
  }
  const { stage, study } = decodeStudy(pairs, warnings, view);
  view.stage = stage;
  view.study = study;
  return view;
}
