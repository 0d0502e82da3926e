import fc from 'fast-check';
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

  describe('properties', () => {
    /** The previous fold, one character at a time: obviously right and slow, kept as the oracle. */
    const foldByCharacter = (text: string) =>
      text
        .split('\r\n')
        .map((line) => {
          let out = '';
          let width = 0;
          for (const char of line) {
            const code = char.codePointAt(0)!;
            const bytes = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
            if (width + bytes > 75) {
              out += '\r\n ';
              width = 1;
            }
            out += char;
            width += bytes;
          }
          return out;
        })
        .join('\r\n');

    // Content lines of every width class: ASCII, 2-, 3- and 4-octet characters, and lone surrogates
    // (which UTF-8 writes as 3 octets). A content line holds no CR or LF and never starts with a space.
    const arbLine = fc
      .array(
        fc.oneof(
          fc.string({ unit: 'binary-ascii', maxLength: 120 }),
          fc.string({ unit: 'grapheme', maxLength: 60 }),
          fc.string({ unit: 'binary', maxLength: 60 }),
          fc.constantFrom('é', '—', '🚓', '\ud800', '\udc00', 'x'),
        ),
        { maxLength: 12 },
      )
      .map((chunks) =>
        chunks
          .join('')
          .replace(/[\r\n]/g, '')
          .replace(/^ +/, ''),
      );
    const arbText = fc.array(arbLine, { maxLength: 8 }).map((lines) => lines.join('\r\n'));

    it('unfolds back to its input, with every physical line within 75 octets', () => {
      fc.assert(
        fc.property(arbText, (text) => {
          const folded = foldIcal(text);
          expect(unfold(folded)).toBe(text);
          for (const line of folded.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
        }),
        { numRuns: 500 },
      );
    });

    it('never cuts a surrogate pair in two', () => {
      fc.assert(
        fc.property(arbText, (text) => {
          // Lone surrogates may sit at either end of a line; a high half followed by a low half across a fold may not.
          expect(foldIcal(text)).not.toMatch(/[\ud800-\udbff]\r\n [\udc00-\udfff]/);
        }),
        { numRuns: 500 },
      );
    });

    it('folds exactly as the character-at-a-time fold did', () => {
      fc.assert(
        fc.property(arbText, (text) => expect(foldIcal(text)).toBe(foldByCharacter(text))),
        { numRuns: 500 },
      );
    });
  });
});
