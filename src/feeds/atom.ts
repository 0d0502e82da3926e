// A small Atom (RFC 4287) writer: enough for the tracker's feeds, with every text value escaped and
// characters XML 1.0 forbids removed, so stored text can never break the document.

export interface AtomLink {
  href: string;
  rel?: 'alternate' | 'self' | 'related' | 'via';
  type?: string;
  title?: string;
}

export interface AtomEntry {
  /** A permanent, unique IRI: the same entry keeps it forever (tag: URIs here). */
  id: string;
  title: string;
  /** RFC 3339 instant. */
  updated: string;
  published?: string;
  authors?: string[];
  links?: AtomLink[];
  categories?: Array<{ term: string; label?: string; scheme?: string }>;
  summary?: string;
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle?: string;
  updated: string;
  links: AtomLink[];
  authors?: string[];
  generator?: string;
  entries: AtomEntry[];
}

// XML 1.0 allows tab, LF, CR and everything from U+0020 except surrogates out of pairs and U+FFFE/U+FFFF.
const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text safe for element content and attribute values. */
export function xmlEscape(value: string): string {
  return value.replace(FORBIDDEN, '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const attrs = (a: Record<string, string | undefined>) =>
  Object.entries(a)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => ` ${k}="${xmlEscape(v)}"`)
    .join('');

const link = (l: AtomLink) => `<link${attrs({ rel: l.rel, type: l.type, href: l.href, title: l.title })}/>`;
const text = (tag: string, value: string) => `<${tag} type="text">${xmlEscape(value)}</${tag}>`;
const authors = (names: string[] | undefined) =>
  (names ?? []).map((n) => `<author><name>${xmlEscape(n)}</name></author>`).join('');

export function renderAtom(feed: AtomFeed): string {
  const entries = feed.entries.map(
    (e) =>
      `<entry>` +
      `<id>${xmlEscape(e.id)}</id>` +
      text('title', e.title) +
      `<updated>${xmlEscape(e.updated)}</updated>` +
      (e.published ? `<published>${xmlEscape(e.published)}</published>` : '') +
      authors(e.authors) +
      (e.links ?? []).map(link).join('') +
      (e.categories ?? []).map((c) => `<category${attrs({ term: c.term, scheme: c.scheme, label: c.label })}/>`).join('') +
      (e.summary !== undefined ? text('summary', e.summary) : '') +
      `</entry>`,
  );
  return (
    `<?xml version="1.0" encoding="utf-8"?>\n` +
    `<feed xmlns="http://www.w3.org/2005/Atom">` +
    `<id>${xmlEscape(feed.id)}</id>` +
    text('title', feed.title) +
    (feed.subtitle ? text('subtitle', feed.subtitle) : '') +
    `<updated>${xmlEscape(feed.updated)}</updated>` +
    authors(feed.authors) +
    feed.links.map(link).join('') +
    (feed.generator ? `<generator>${xmlEscape(feed.generator)}</generator>` : '') +
    `\n${entries.join('\n')}\n</feed>\n`
  );
}

/** `tag:tracker.example.org,2017:status-change/42` (RFC 4151): stable however the feed is filtered or hosted later. */
export function tagUri(host: string, specific: string): string {
  return `tag:${host},2017:${specific}`;
}
