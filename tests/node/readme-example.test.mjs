// The README's JavaScript example runs as written (from the project root): after 2000 steps
// the run is still running, its loss and accuracy are finite and better than chance.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';

import { root } from './load-engine.mjs';

test("the README's engine example runs and trains", () => {
  const readme = readFileSync(`${root}README.md`, 'utf8');
  const section = readme.slice(readme.indexOf('## The engine from JavaScript'));
  const code = section.match(/```js\n([\s\S]*?)```/)[1];
  const file = `${root}build/readme-example.cjs`;
  writeFileSync(file, code.replaceAll("'./build/wasm/", `'${root}build/wasm/`));
  try {
    const lines = execFileSync('node', [file], { cwd: root, encoding: 'utf8' }).trim().split('\n');
    const [state, step, loss, accuracy] = lines[0].split(' ');
    assert.equal(state, 'running');
    assert.equal(Number(step), 2000);
    assert.ok(Number.isFinite(Number(loss)) && Number(loss) < 0.69, `loss ${loss}`);
    assert.ok(Number(accuracy) > 0.5, `accuracy ${accuracy}`);
    assert.match(lines.slice(1).join('\n'), /name: 'layers\.0\.weight'/);
  } finally {
    rmSync(file, { force: true });
  }
});
