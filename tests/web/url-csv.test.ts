// The user's table in a link: compressed, carried, unpacked to the same text; hostile payloads
// refused without unbounded work.
import { describe, expect, it } from 'vitest';
import { decode, defaultExperiment, encode } from '../../web/src/spec/url-codec';
import {
  compressCsv,
  decompressCsv,
  kMaxCsvBytes,
  kMaxCsvLinkChars,
} from '../../web/src/spec/url-csv';
import { setPath } from '../../web/src/spec/experiment-spec';

const table = [
  'x1,x2,label',
  ...Array.from({ length: 300 }, (_, i) => `${i % 17},${(i * 7) % 13},${i % 3 ? 'yes' : 'no'}`),
].join('\n');

describe('CSV in a link', () => {
  it('compresses a table and unpacks the same text', async () => {
    const payload = await compressCsv(table);
    expect(payload).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(payload.length).toBeLessThan(table.length / 2);
    expect(await decompressCsv(payload)).toBe(table);
  });

  it('travels in the link with its targets and name, for the custom data kind', async () => {
    const experiment = defaultExperiment();
    experiment.runs = [setPath(experiment.runs[0]!, 'data.kind', 'custom')];
    experiment.csv = { payload: await compressCsv(table), targets: [2], name: 'my data.csv' };
    const { experiment: back, warnings } = decode(encode(experiment));
    expect(warnings).toEqual([]);
    expect(back.csv).toEqual(experiment.csv);
    expect(back.runs[0]!.data.kind).toBe('custom');
    expect(await decompressCsv(back.csv!.payload)).toBe(table);
  });

  it('refuses a payload that is not deflate data, or too long, with a warning', async () => {
    expect(await decompressCsv('not!base64')).toBeNull();
    expect(await decompressCsv('AAAA')).toBeNull();
    const { experiment, warnings } = decode(
      `v=2&ds=custom&csv=${'A'.repeat(kMaxCsvLinkChars + 1)}&csvt=1`,
    );
    expect(experiment.csv).toBeNull();
    expect(experiment.runs[0]!.data.kind).not.toBe('custom');
    expect(warnings.map((w) => w.key)).toContain('csv');
    expect(decode('v=2&ds=custom&csv=AAAA&csvt=-1').experiment.csv).toBeNull();
  });

  it('stops unpacking a bomb at the size limit', async () => {
    const bomb = await compressCsv('a'.repeat(kMaxCsvBytes + 1000));
    expect(bomb.length).toBeLessThan(kMaxCsvLinkChars);
    expect(await decompressCsv(bomb)).toBeNull();
  });
});
