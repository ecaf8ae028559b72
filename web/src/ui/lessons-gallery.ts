// The lessons: a gallery (each lesson a real link, #lesson=<id>, so it opens in a new tab or
// can be copied), and the open lesson's card beside the data: what to do, what to look for,
// and the way to the next lesson.
import { kLessons, lessonById } from '../lessons/catalog';
import type { Controller } from '../state/controller';
import type { AppState } from '../state/store';
import { language, t, type MessageKey } from '../i18n/i18n';
import { h } from './dom';

export function lessonHref(id: string): string {
  return `#lesson=${encodeURIComponent(id)}`;
}

export function lessonsGallery() {
  const list = h('ul', { class: 'lesson-list' });
  const dialog = h(
    'div',
    {
      class: 'lessons-gallery',
      'data-panel': 'lessons',
      role: 'region',
      'aria-label': t('lessons.title'),
    },
    h('h2', {}, t('lessons.title')),
    h('p', { class: 'field-help' }, t('lessons.intro')),
    list,
  );
  let lang = '';
  return {
    el: dialog,
    render(s: AppState) {
      if (lang === s.lang) return;
      lang = s.lang;
      list.replaceChildren(
        ...kLessons.map((lesson) =>
          h(
            'li',
            { class: `lesson topic-${lesson.topic}` },
            h(
              'a',
              { href: lessonHref(lesson.id), 'data-lesson': lesson.id },
              h('span', { class: 'lesson-topic' }, t(`topic.${lesson.topic}` as MessageKey)),
              h('strong', {}, lesson.title[language()]),
              h('span', { class: 'lesson-look' }, lesson.look[language()]),
            ),
          ),
        ),
      );
    },
  };
}

// Lessons suggested to a reader who opened the page without one.
const kStarters = ['overfittingCures', 'l1VsL2', 'gradientClipping'];

export function lessonCard(controller: Controller) {
  const starters = h('ul', { class: 'lesson-starters' });
  const start = h(
    'aside',
    { class: 'lesson-card start', 'data-panel': 'lesson' },
    h('span', { class: 'lesson-kicker' }, t('lessons.startKicker')),
    h('p', {}, t('lessons.start')),
    starters,
  );
  let startLang = '';
  const title = h('h2', {});
  const task = h('p', { class: 'lesson-task' });
  const look = h('p', { class: 'lesson-look' });
  const next = h('a', { class: 'button-like', 'data-action': 'next-lesson' }, t('lessons.next'));
  const close = h('button', { type: 'button', 'data-action': 'close-lesson' }, t('lessons.close'));
  close.addEventListener('click', () => controller.setView({ lesson: null }));
  const card = h(
    'aside',
    { class: 'lesson-card', 'data-panel': 'lesson', 'aria-live': 'polite' },
    h('span', { class: 'lesson-kicker' }, t('lessons.kicker')),
    title,
    h('p', {}, h('strong', {}, t('lessons.do')), ' ', task),
    h('p', {}, h('strong', {}, t('lessons.lookFor')), ' ', look),
    h('div', { class: 'buttons' }, next, close),
  );
  const el = h('div', { class: 'lesson-slot' }, card, start);
  return {
    el,
    render(s: AppState) {
      const lesson = s.view.lesson ? lessonById(s.view.lesson) : undefined;
      card.hidden = !lesson;
      start.hidden = !!lesson || s.view.embed;
      if (!lesson) {
        if (startLang !== s.lang) {
          startLang = s.lang;
          starters.replaceChildren(
            ...kStarters.flatMap((id) => {
              const l = lessonById(id);
              return l ? [h('li', {}, h('a', { href: lessonHref(id) }, l.title[language()]))] : [];
            }),
          );
        }
        return;
      }
      const lang = language();
      title.textContent = lesson.title[lang];
      task.textContent = lesson.task[lang];
      look.textContent = lesson.look[lang];
      const i = kLessons.indexOf(lesson);
      const following = kLessons[(i + 1) % kLessons.length];
      next.hidden = !following || following === lesson;
      if (following) next.setAttribute('href', lessonHref(following.id));
    },
  };
}
