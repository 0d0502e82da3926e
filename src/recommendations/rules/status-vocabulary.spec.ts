import { readFileSync } from 'fs';
import { join } from 'path';
import { isStatus, STATUS_DESCRIPTIONS, STATUS_LABELS, STATUSES } from './status-vocabulary';

describe('status vocabulary', () => {
  it('keeps the order README "The rules, in plain words" documents', () => {
    const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
    const paragraph = /\*\*Statuses\.\*\*([\s\S]*?)\n\n/.exec(readme)?.[1] ?? '';
    const documented = [...paragraph.matchAll(/`([a-z_]+)`/g)].map((m) => m[1]);
    expect(documented).toEqual([...STATUSES]);
  });

  it('has exactly one label and one description per status', () => {
    expect(Object.keys(STATUS_LABELS).sort()).toEqual([...STATUSES].sort());
    expect(Object.keys(STATUS_DESCRIPTIONS).sort()).toEqual([...STATUSES].sort());
  });

  it('gives distinct, non-empty labels and one-sentence descriptions', () => {
    const labels = Object.values(STATUS_LABELS);
    expect(new Set(labels).size).toBe(labels.length);
    for (const status of STATUSES) {
      expect(STATUS_LABELS[status].trim()).not.toBe('');
      expect(STATUS_DESCRIPTIONS[status]).toMatch(/^[A-Z][^.]*\.$/);
    }
  });

  it('never presents "not assessed" as a lack of progress', () => {
    expect(STATUS_LABELS.not_assessed).toBe('Not yet assessed');
    expect(`${STATUS_LABELS.not_assessed} ${STATUS_DESCRIPTIONS.not_assessed}`).not.toMatch(/progress/i);
  });

  it('recognises statuses and nothing else', () => {
    for (const status of STATUSES) expect(isStatus(status)).toBe(true);
    for (const value of ['', 'done', 'Implemented', 'proposed', 'unknown', 'toString', null, undefined, 3]) {
      expect(isStatus(value)).toBe(false);
    }
  });
});
