/**
 * RFC 5545 §3.1 line folding: a content line longer than 75 octets is split with CRLF + one space,
 * never inside a UTF-8 sequence (nor between the two halves of a surrogate pair). The continuation's
 * leading space counts towards its 75 octets.
 *
 * ical-generator folds its whole output with a fresh TextEncoder per character (1.2–2.7 s for a
 * 2,000-event calendar), so the feed folds its own body here. Each line is measured once and cut into
 * slices that are joined at the end: linear in the text, with no per-character string building
 * (test/bench/ical-fold.js measures it).
 */

const LIMIT = 75;

/** UTF-8 octets of the code unit at i (a whole surrogate pair counts 4 at its high half, 0 at its low half). */
function octetsAt(line: string, i: number): number {
  const code = line.charCodeAt(i);
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  if (code >= 0xd800 && code <= 0xdbff) {
    const next = line.charCodeAt(i + 1);
    if (next >= 0xdc00 && next <= 0xdfff) return 4;
  }
  // Other BMP characters, and lone surrogates (which UTF-8 encodes as U+FFFD, 3 octets).
  return 3;
}

function foldLine(line: string): string {
  if (line.length <= LIMIT / 4) return line;
  const octets = Buffer.byteLength(line);
  if (octets <= LIMIT) return line;
  const parts: string[] = [];
  if (octets === line.length) {
    // ASCII only: one octet per code unit, so the cuts are at fixed offsets.
    parts.push(line.slice(0, LIMIT));
    for (let start = LIMIT; start < line.length; start += LIMIT - 1) parts.push(line.slice(start, start + LIMIT - 1));
    return parts.join('\r\n ');
  }
  let start = 0;
  let width = 0;
  for (let i = 0; i < line.length;) {
    const bytes = octetsAt(line, i);
    if (width + bytes > LIMIT) {
      parts.push(line.slice(start, i));
      start = i;
      width = 1; // the continuation's leading space
    }
    width += bytes;
    i += bytes === 4 ? 2 : 1;
  }
  parts.push(line.slice(start));
  return parts.join('\r\n ');
}

/** Folds every line of unfolded iCalendar text (CRLF-separated). */
export function foldIcal(text: string): string {
  return text.split('\r\n').map(foldLine).join('\r\n');
}
