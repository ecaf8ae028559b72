// The real data sets' CSV files (engine/data/sets/), which the engine's download leaves out to
// keep the page's first load small: a set's file is fetched the first time a run uses it and
// handed to the engine (loadDataSet). Vite emits each file as an asset next to the page.
import type { EngineModule, ExperimentSpec } from '../engine/engine-api';
import { schema } from '../spec/experiment-spec';

const urls = import.meta.glob('../../../engine/data/sets/*.csv', {
  query: '?url',
  import: 'default',
  eager: true,
}) as Record<string, string>;

function urlOf(file: string): string | undefined {
  const found = Object.entries(urls).find(([path]) => path.endsWith(`/${file}`));
  return found?.[1];
}

// Makes sure the engine has the table of spec's data set; resolves at once when it already
// has, or when the set is generated. Rejects with a readable reason.
export async function ensureDataSet(engine: EngineModule, spec: ExperimentSpec): Promise<void> {
  const kind = spec.data.kind;
  const file = schema.dataKinds.find((d) => d.kind === kind)?.file;
  if (!file || engine.dataSetLoaded(kind)) return;
  const url = urlOf(file);
  if (!url) throw new Error(`the ${kind} data set is not part of this build`);
  const response = await fetch(new URL(url, import.meta.url));
  if (!response.ok)
    throw new Error(`could not load the ${kind} data set (${file}: HTTP ${response.status})`);
  engine.loadDataSet(kind, await response.text());
}
