import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { renderAtom, tagUri, xmlEscape } from './atom';

describe('xmlEscape', () => {
  it('escapes markup characters and both quotes', () => {
    expect(xmlEscape(`<a href="x">Tom & 'Jerry'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;');
  });

  it('drops characters XML 1.0 cannot carry, keeps tabs, newlines and astral characters', () => {
    expect(xmlEscape('a\u0000b\u0008c\u001Fd\tе\n😀\uFFFE')).toBe('abcd\tе\n😀');
    expect(xmlEscape('lone \uD800 surrogate')).toBe('lone  surrogate');
  });
});

describe('renderAtom', () => {
  const feed = renderAtom({
    id: tagUri('tracker.example.org', 'feeds/changes?topic=a&b'),
    title: 'Changes & <more>',
    updated: '2021-06-11T00:00:00.000Z',
    links: [
      { rel: 'self', type: 'application/atom+xml', href: 'https://tracker.example.org/feeds/changes.atom?topic=a&status=b' },
    ],
    authors: ['Reform Tracker'],
    entries: [
      {
        id: tagUri('tracker.example.org', 'status-change/7'),
        title: 'Policy "interim" <b>',
        updated: '2021-06-11T00:00:00.000Z',
        published: '2021-06-11T00:00:00.000Z',
        authors: ['Editors'],
        links: [
          { rel: 'alternate', type: 'text/html', href: 'https://tracker.example.org/recommendations/x' },
          { rel: 'related', href: 'https://example.org/e?a=1&b=2' },
        ],
        categories: [{ term: 'interim', label: 'Interim measure in force' }],
        summary: 'line one\nline two & “quotes”\u0001',
      },
    ],
  });
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(feed);

  it('is well-formed XML in the Atom namespace', () => {
    expect(XMLValidator.validate(feed)).toBe(true);
    expect(feed.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">')).toBe(true);
    expect(doc.feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
  });

  it('round-trips every text and attribute value', () => {
    expect(doc.feed.id).toBe('tag:tracker.example.org,2017:feeds/changes?topic=a&b');
    expect(doc.feed.title['#text']).toBe('Changes & <more>');
    expect(doc.feed.link['@href']).toBe('https://tracker.example.org/feeds/changes.atom?topic=a&status=b');
    expect(doc.feed.entry.title['#text']).toBe('Policy "interim" <b>');
    expect(doc.feed.entry.link[1]['@href']).toBe('https://example.org/e?a=1&b=2');
    expect(doc.feed.entry.summary['#text']).toBe('line one\nline two & “quotes”');
    expect(doc.feed.entry.category['@label']).toBe('Interim measure in force');
    expect(doc.feed.entry.author.name).toBe('Editors');
  });

  it('renders an empty feed', () => {
    const empty = renderAtom({ id: 'tag:x,2017:f', title: 'T', updated: '2017-01-13T00:00:00.000Z', links: [], entries: [] });
    expect(XMLValidator.validate(empty)).toBe(true);
    expect(empty).not.toContain('<entry>');
  });
});
