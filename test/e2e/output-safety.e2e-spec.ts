/**
 * Output safety: hostile text (markup, CDATA ends, entities, CR/LF, iCalendar separators, control
 * characters, RTL marks, emoji) comes back out of the Atom and iCalendar feeds exactly as stored, as
 * a strict XML parser (fast-xml-parser's validator) and an iCalendar parser (ical.js) read them; and
 * an email address with CR/LF (legal in a quoted local part) is refused on the way in, by the API
 * and by the form, so it can never start a header line.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { DataSource } from 'typeorm';
import { bootNotifyApp, NotifyApp } from '../support/notify-app';
import type { FactoryItem } from '../support/factories';

// ical.js is an ES module with a CommonJS build, which is what require() (and Jest) load.
type IcalModule = typeof import('ical.js', { with: { 'resolution-mode': 'import' } }).default;
const ICAL = require('ical.js') as IcalModule;

const HOSTILE_TITLE = `]]> </title><script>alert("x")</script> &amp; &lt; 'q' \\ ; , : \u202eevil\u202c 😀 e\u0301`;
const HOSTILE_LABEL = 'by May;\r\nATTENDEE:mailto:x@example.org\r\nEND:VEVENT, or "soon" \\n';

const items: FactoryItem[] = [
  {
    slug: 'hostile',
    title: HOSTILE_TITLE,
    statuses: [{ status: 'accepted', on: '2029-06-01' }],
    deadlines: [{ due: '2030-05', precision: 'month', label: HOSTILE_LABEL, labelIsVerbatim: true }],
  },
];

describe('output safety', () => {
  let t: NotifyApp;

  beforeAll(async () => {
    t = await bootNotifyApp(items);
  });
  afterAll(() => t.close());

  it('keeps hostile text intact and inert in the Atom feeds (strict XML parser)', async () => {
    for (const path of ['/feeds/changes.atom', '/feeds/recommendations/hostile.atom']) {
      const res = await t.http.get(path);
      expect(res.status).toBe(200);
      expect(XMLValidator.validate(res.text)).toBe(true);
      const doc = new XMLParser({ ignoreAttributes: false, processEntities: true, htmlEntities: false }).parse(res.text);
      const entries = [doc.feed.entry].flat();
      const title: string = entries[0].title['#text'] ?? entries[0].title;
      expect(title).toContain(HOSTILE_TITLE);
      // Nothing but the feed's own elements: the text did not open any.
      expect(res.text).not.toMatch(/<script/);
    }
  });

  it('keeps hostile text intact in the iCalendar feed, without adding a property or an event (ical.js)', async () => {
    const res = await t.http.get('/feeds/deadlines.ics');
    expect(res.status).toBe(200);
    // RFC 5545: every line, the last one included, ends with CRLF, and no line is longer than 75 octets.
    expect(res.text.endsWith('\r\n')).toBe(true);
    const lines = res.text.slice(0, -2).split('\r\n');
    expect(lines.every((l) => !l.includes('\n') && !l.includes('\r'))).toBe(true);
    expect(lines.every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    const calendar = new ICAL.Component(ICAL.parse(res.text));
    const events = calendar.getAllSubcomponents('vevent');
    expect(events).toHaveLength(1);
    const event = new ICAL.Event(events[0]);
    expect(event.summary).toContain(HOSTILE_TITLE);
    // iCalendar text has one line break, \n: a stored CRLF comes back as a line break.
    expect(event.summary).toContain(HOSTILE_LABEL.replace(/\r\n/g, '\n'));
    expect(events[0].getAllProperties('attendee')).toHaveLength(0);
  });

  it('refuses an email address with CR/LF, by the API (400 naming email) and by the form, storing nothing', async () => {
    const ds = t.app.get(DataSource);
    const count = async () => Number((await ds.query('SELECT COUNT(*) AS n FROM subscription'))[0].n);
    const before = await count();
    for (const email of ['"x\r\nBcc: victim@example.org"@example.org', '"a\nb"@example.org', '"a\u0000b"@example.org']) {
      const api = await t.http.post('/api/v1/subscriptions').send({ email });
      expect(api.status).toBe(400);
      expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.stringify(api.body)).toMatch(/email/);
      const form = await t.http.post('/subscribe').type('form').send({ email, triggers: 'status_change' });
      expect(form.status).toBe(400);
    }
    // A quoted local part without control characters is still an address.
    expect((await t.http.post('/api/v1/subscriptions').send({ email: '"odd name"@example.org' })).status).toBe(202);
    expect(await count()).toBe(before + 1);
  });
});
