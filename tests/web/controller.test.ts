// The controller against a fake worker: what each user action writes to the store and sends
// to the worker (no engine, no DOM; the engine's side is tested in tests/node).
import { describe, expect, it } from 'vitest';
import { setPath } from '../../web/src/spec/experiment-spec';
import { defaultExperiment } from '../../web/src/spec/url-codec';
import { Controller } from '../../web/src/state/controller';
import { Store } from '../../web/src/state/store';
import type { ToWorker } from '../../web/src/worker/protocol';
import type { WorkerPort } from '../../web/src/worker/worker-client';

class FakeWorker implements WorkerPort {
  sent: ToWorker[] = [];
  started = 0;
  stopped = 0;
  start() {
    this.started++;
  }
  stop() {
    this.stopped++;
  }
  send(msg: ToWorker) {
    this.sent.push(msg);
  }
  types() {
    return this.sent.map((m) => m.type);
  }
}

function setup() {
  const store = new Store(defaultExperiment(), 'en');
  const worker = new FakeWorker();
  const controller = new Controller(store, worker);
  return { store, worker, controller };
}

describe('Controller', () => {
  it('boots the worker and starts every run with the speed', () => {
    const { worker, controller, store } = setup();
    controller.boot();
    expect(worker.started).toBe(1);
    expect(worker.types()).toEqual(['start', 'speed']);
    expect(store.get().runs[0]!.starting).toBe(true);
  });

  it('sends a changed field to the running network as a configure', () => {
    const { worker, controller, store } = setup();
    controller.setField('optimizer.lr', 0.5);
    const msg = worker.sent.find((m) => m.type === 'configure');
    expect(msg && msg.type === 'configure' && msg.spec.optimizer.lr).toBe(0.5);
    expect(store.get().runs[0]!.spec.optimizer.lr).toBe(0.5);
  });

  it('repairs a cross-field conflict and notes it under the field it changed', () => {
    const { worker, controller, store } = setup();
    controller.setField('data.valFraction', 0.5); // test share stays 0.2: sum 0.7, fine
    expect(store.get().fieldNotes).toEqual({});
    controller.setField('data.testFraction', 0.5); // 0.5 + 0.5 > 0.8
    const spec = store.get().runs[0]!.spec;
    expect(spec.data.testFraction).toBeCloseTo(0.3, 12);
    expect(store.get().fieldNotes['data.testFraction']).toMatchObject({
      code: 'rule',
      key: 'splitShares',
    });
    const last = worker.sent.at(-1)!;
    expect(last.type === 'configure' && last.spec.data.testFraction).toBeCloseTo(0.3, 12);
    controller.setField('optimizer.lr', 0.1); // the next edit clears the note
    expect(store.get().fieldNotes).toEqual({});
  });

  it('turns Nesterov off when momentum is 0, and says so', () => {
    const { controller, store } = setup();
    controller.setField('optimizer.nesterov', true);
    expect(store.get().runs[0]!.spec.optimizer.nesterov).toBe(false);
    expect(store.get().fieldNotes['optimizer.nesterov']?.key).toBe('nesterovMomentum');
    controller.setField('optimizer.momentum', 0.9);
    controller.setField('optimizer.nesterov', true);
    expect(store.get().runs[0]!.spec.optimizer.nesterov).toBe(true);
  });

  it('duplicates the selected run to compare, restarting every run together', () => {
    const { worker, controller, store } = setup();
    controller.duplicateRun();
    expect(store.get().runs).toHaveLength(2);
    expect(store.get().selected).toBe(1);
    expect(worker.types()).toEqual(['start', 'view', 'view', 'reset']);
    controller.removeRun(0);
    expect(store.get().runs).toHaveLength(1);
    expect(worker.types()).toContain('dispose');
  });

  it('loads a new experiment: disposes the old runs and starts the new ones', () => {
    const { worker, controller, store } = setup();
    const oldId = store.get().runs[0]!.id;
    const next = defaultExperiment();
    next.runs = [setPath(next.runs[0]!, 'seed', 5), setPath(next.runs[0]!, 'seed', 6)];
    controller.load(next, null, []);
    expect(worker.sent[0]).toEqual({ type: 'pause' });
    expect(worker.sent[1]).toEqual({ type: 'dispose', runId: oldId });
    expect(worker.sent.filter((m) => m.type === 'start')).toHaveLength(2);
    expect(store.get().runs.map((r) => r.spec.seed)).toEqual([5, 6]);
  });

  it('shows a refused spec on its run, and a dead worker as a banner that stops playback', () => {
    const { controller, store, worker } = setup();
    const id = store.get().runs[0]!.id;
    controller.onMessage({ type: 'error', runId: id, message: 'bad spec', recoverable: true });
    expect(store.get().runs[0]!.error).toBe('bad spec');
    expect(store.get().banner?.kind).toBe('engineError');
    controller.onMessage({ type: 'playback', playing: true });
    controller.onDied('gone');
    expect(store.get().playing).toBe(false);
    expect(store.get().banner?.kind).toBe('loadFailed'); // the engine never said ready
    expect(worker.stopped).toBe(1);
  });

  it('switches the language and keeps it for the link', async () => {
    const { controller, store } = setup();
    await controller.setLanguage('zh');
    expect(store.get().lang).toBe('zh');
    expect(store.get().view.lang).toBe('zh');
  });
});
