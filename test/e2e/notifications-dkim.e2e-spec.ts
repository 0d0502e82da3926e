/**
 * DKIM signing through nodemailer's own `dkim` option: a confirmation email sent to the real SMTP server
 * on loopback carries a DKIM-Signature that mailauth verifies against the public key (served by a stub
 * resolver: no network), and that fails once the body is changed.
 */
import { generateKeyPairSync } from 'node:crypto';
import { dkimVerify } from 'mailauth/lib/dkim/verify';
import { bootNotifyApp, NotifyApp } from '../support/notify-app';
import { startSmtp, TestSmtp } from '../support/smtp-server';

const DOMAIN = 'tracker.example.org';
const SELECTOR = 's2026';
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const publicKey = (keys.publicKey.export({ type: 'spki', format: 'der' }) as Buffer).toString('base64');

/** DNS as the verifier sees it: only the selector's TXT record exists. */
async function resolver(name: string, type: string): Promise<string[][]> {
  if (type === 'TXT' && name === `${SELECTOR}._domainkey.${DOMAIN}`) return [[`v=DKIM1; k=rsa; p=${publicKey}`]];
  throw Object.assign(new Error(`no ${type} record for ${name}`), { code: 'ENOTFOUND' });
}

describe('DKIM signing', () => {
  let smtp: TestSmtp;
  let t: NotifyApp;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await bootNotifyApp([], {
      SMTP_URL: smtp.url,
      MAIL_FROM: `Reform Tracker <alerts@${DOMAIN}>`,
      DKIM_DOMAIN: DOMAIN,
      DKIM_SELECTOR: SELECTOR,
      DKIM_PRIVATE_KEY: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('signs every email, and the signature verifies against the published key', async () => {
    await t.http.post('/api/v1/subscriptions').send({ email: 'reader@example.org' }).expect(202);
    await t.dispatcher.dispatch();
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0];
    expect(mail.headers.get('dkim-signature')).toMatch(
      new RegExp(`\\bd=${DOMAIN.replace(/\./g, '\\.')};.*\\bs=${SELECTOR};`, 's'),
    );

    const verified = await dkimVerify(Buffer.from(mail.raw), { resolver });
    expect(verified.results).toHaveLength(1);
    expect(verified.results[0]).toMatchObject({ signingDomain: DOMAIN, selector: SELECTOR, status: { result: 'pass' } });

    // A changed body no longer matches the signed body hash.
    const tampered = mail.raw.replace('Someone, probably you', 'Someone, certainly you');
    expect(tampered).not.toBe(mail.raw);
    const failed = await dkimVerify(Buffer.from(tampered), { resolver });
    expect(failed.results[0].status.result).toBe('neutral');
    expect(failed.results[0].status.comment).toMatch(/body hash did not verify/);
  });
});
