/**
 * Entity tags for optimistic concurrency. A mutable resource's ETag is its version, quoted
 * (`"3"`); every change bumps the version. PATCH must send it back in If-Match: without it the
 * answer is 428, with an old one 412, so two editors racing never silently overwrite each other.
 * Also the tags of computed answers (feeds, cached reads) and RFC 9110's If-None-Match test.
 */
import { HttpStatus } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { ProblemException } from '../problem/problem';

export function etagFor(version: number): string {
  return `"${version}"`;
}

/**
 * The versions an If-Match header names. Lenient about form: `"3"`, `W/"3"` (proxies that compress
 * weaken tags) and a bare `3` all name version 3; a list names several. `*` is returned as such.
 * Anything else is ignored, so it can only fail to match.
 */
export function parseIfMatch(header: string | string[] | undefined): { any: boolean; versions: number[] } | null {
  if (header === undefined) return null;
  const raw = (Array.isArray(header) ? header.join(',') : header).trim();
  if (raw === '') return null;
  const versions: number[] = [];
  let any = false;
  for (const part of raw.split(',')) {
    const tag = part
      .trim()
      .replace(/^W\//, '')
      .replace(/^"(.*)"$/, '$1');
    if (tag === '*') any = true;
    else if (/^\d{1,15}$/.test(tag)) versions.push(Number(tag));
  }
  return { any, versions };
}

/**
 * Checks If-Match against the current version of `what`. Throws 428 when the header is missing
 * (or is `*`, which would defeat the check) and `required`, 412 when it names another version.
 */
export function checkIfMatch(header: string | string[] | undefined, current: number, what: string, required: boolean): void {
  const parsed = parseIfMatch(header);
  if (parsed === null || (parsed.any && parsed.versions.length === 0)) {
    if (!required) return;
    throw new ProblemException({
      type: 'about:blank',
      title: 'Precondition Required',
      status: HttpStatus.PRECONDITION_REQUIRED,
      detail: `Send If-Match with the ETag you last read for this ${what} (currently ${etagFor(current)}), so a change made since then is not overwritten.`,
    });
  }
  if (!parsed.versions.includes(current)) {
    throw staleVersion(what, current);
  }
}

export function staleVersion(what: string, current: number): ProblemException {
  return new ProblemException({
    type: 'about:blank',
    title: 'Precondition Failed',
    status: HttpStatus.PRECONDITION_FAILED,
    detail: `This ${what} was changed since you read it (its ETag is now ${etagFor(current)}). Read it again, reapply your change and send the new ETag in If-Match.`,
  });
}

/** A strong ETag for a computed body (feeds, cached answers). */
export function etagOf(body: string | Uint8Array): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/**
 * Whether an If-None-Match header matches `etag`: `*`, or any listed tag by weak comparison
 * (`W/"x"` matches `"x"`), which is what RFC 9110 asks of If-None-Match.
 */
export function ifNoneMatchHits(header: string | string[] | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const value = Array.isArray(header) ? header.join(',') : header;
  if (value.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return (value.match(/(?:W\/)?"[^"]*"/g) ?? []).some((tag) => opaque(tag) === wanted);
}
