import { parseMail } from '../../../test/support/smtp-server';
import { composeMessage } from './mime-message';
import type { OutgoingMail } from './mail-transport';

const date = new Date('2030-03-01T18:00:00.000Z');
const unsubscribe = `https://tracker.example.org/subscriptions/unsubscribe?token=${'x'.repeat(43)}`;
const mail = (over: Partial<OutgoingMail> = {}): OutgoingMail => ({
  from: 'Reform Tracker <alerts@tracker.example.org>',
  to: 'reader@example.org',
  subject: 'Reminder: “by 2030-03-09” — its last day is tomorrow (Train every officer)',
  text: `Café «policy»\n.\nA line that is long enough to be wrapped by quoted-printable soft line breaks, ${'and more '.repeat(12)}\nEnd =`,
  html: '<p>Café &amp; <a href="https://tracker.example.org/recommendations/alpha">alpha</a></p>',
  messageId: '<notification-42.3f9a0c1b2d4e@tracker.example.org>',
  headers: {
    'Auto-Submitted': 'auto-generated',
    'List-Unsubscribe': `<${unsubscribe}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  },
  reference: '000042-reminder',
  ...over,
});

describe('composeMessage', () => {
  it('builds a multipart/alternative message whose parts and headers read back as given', async () => {
    const { envelope, raw } = await composeMessage(mail(), date);
    expect(envelope).toEqual({ from: 'alerts@tracker.example.org', to: ['reader@example.org'] });
    const text = raw.toString('utf8');
    expect(text).not.toMatch(/[^\r]\n/); // CRLF only
    expect(Math.max(...text.split('\r\n').map((l) => l.length))).toBeLessThanOrEqual(998);
    expect([...text].every((c) => c.charCodeAt(0) < 0x80)).toBe(true); // 7-bit: everything non-ASCII is encoded
    const parsed = parseMail(text, envelope.to);
    expect(parsed.headers.get('from')).toBe('Reform Tracker <alerts@tracker.example.org>');
    expect(parsed.headers.get('to')).toBe('reader@example.org');
    expect(parsed.headers.get('subject')).toBe(mail().subject);
    expect(parsed.headers.get('message-id')).toBe(mail().messageId);
    expect(parsed.headers.get('list-unsubscribe')).toBe(`<${unsubscribe}>`);
    expect(parsed.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(parsed.headers.get('date')).toBe('Fri, 01 Mar 2030 18:00:00 +0000');
    expect(parsed.headers.get('mime-version')).toBe('1.0');
    expect(parsed.text.replace(/\r\n/g, '\n')).toBe(mail().text);
    expect(parsed.html).toBe(mail().html);
  });

  it('quotes a sender name with special characters', async () => {
    const { envelope, raw } = await composeMessage(mail({ from: 'Reform Tracker, Chicago <alerts@tracker.example.org>' }), date);
    expect(envelope.from).toBe('alerts@tracker.example.org');
    expect(parseMail(raw.toString('utf8')).headers.get('from')).toBe('"Reform Tracker, Chicago" <alerts@tracker.example.org>');
  });

  it('leaves a non-ASCII address to nodemailer, which sends the domain as punycode', async () => {
    const { envelope, raw } = await composeMessage(mail({ to: 'user@exämple.org' }), date);
    expect(envelope.to).toEqual(['user@xn--exmple-cua.org']);
    const parsed = parseMail(raw.toString('utf8'), envelope.to);
    expect(parsed.headers.get('message-id')).toBe(mail().messageId);
    expect(parsed.headers.get('subject')).toBe(mail().subject);
    expect(parsed.text.replace(/\r\n/g, '\n')).toBe(mail().text);
  });
});
