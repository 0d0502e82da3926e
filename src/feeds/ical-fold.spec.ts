import { foldIcal } from './ical-fold';

const unfold = (text: string) => text.replace(/\r\n /g, '');

describe('foldIcal', () => {
  it('leaves short lines alone', () => {
    expect(foldIcal('BEGIN:VEVENT\r\nSUMMARY:Short\r\nEND:VEVENT\r\n')).toBe('BEGIN:VEVENT\r\nSUMMARY:Short\r\nEND:VEVENT\r\n');
  });

  it('keeps every physical line within 75 octets and unfolds back to the original', () => {
    const long = `DESCRIPTION:${'Mayor Lightfoot promised a new foot pursuit policy “sometime in May” — 🚓 '.repeat(6)}`;
    const folded = foldIcal(`${long}\r\n`);
    for (const line of folded.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(unfold(folded)).toBe(`${long}\r\n`);
    expect(folded.split('\r\n').length).toBeGreaterThan(3);
  });

  it('never splits a multi-byte character or a surrogate pair', () => {
    const line = `SUMMARY:${'é🚓'.repeat(40)}`;
    const folded = foldIcal(line);
    for (const part of folded.split('\r\n ')) expect(() => Buffer.from(part, 'utf8').toString('utf8')).not.toThrow();
    expect(folded).not.toMatch(/\uFFFD/);
    expect([...unfold(folded)]).toEqual([...line]);
  });
});
