/**
 * Spreading an array into a call's arguments (`Math.max(...xs)`) throws RangeError once the array
 * holds more than about 125,000 values, which is how the scan once died above 41,600 subscribers.
 * Math.max/min and String.fromCharCode are where that happens with data-sized arrays: none in src.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Spreads of arrays whose size is fixed by the code, not by the data. */
const BOUNDED: Record<string, string> = {
  'dashboard/status-chart.ts': 'one count per status of the vocabulary',
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.ts$/.test(name) && !/\.spec\.ts$/.test(name) ? [path] : [];
  });
}

describe('src', () => {
  it('never spreads an array into Math.max, Math.min or String.fromCharCode', () => {
    const root = join(__dirname, '../../src');
    const offenders = sources(root)
      .map((file) => file.slice(root.length + 1))
      .filter((file) => !(file in BOUNDED))
      .flatMap((file) =>
        readFileSync(join(root, file), 'utf8')
          .split('\n')
          .map((line, i) => ({ file, line: i + 1, text: line }))
          .filter((l) => !/^\s*(?:\/\/|\*)/.test(l.text))
          .filter((l) => /(?:Math\.(?:max|min)|String\.fromCharCode)\([^)]*\.\.\./.test(l.text)),
      );
    expect(offenders).toEqual([]);
  });
});
