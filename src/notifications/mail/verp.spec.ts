import { randomBytes } from 'node:crypto';
import { verpAddress, verpMatches, verpTagOf } from './verp';

describe('VERP return paths', () => {
  const secret = randomBytes(32);

  it('tags the return path with the notification and a signature that the mailbox and the secret decide', () => {
    const address = verpAddress('bounces@example.org', 123456, 'reader@example.org', secret);
    expect(address).toMatch(/^bounces\+2n9c-[0-9a-f]{20}@example\.org$/);
    const tag = verpTagOf(address)!;
    expect(tag.notificationId).toBe(123456);
    expect(verpMatches(tag, 'reader@example.org', secret)).toBe(true);
    // Another mailbox (the id reused after a restore), another secret, another id: no match.
    expect(verpMatches(tag, 'other@example.org', secret)).toBe(false);
    expect(verpMatches(tag, 'reader@example.org', randomBytes(32))).toBe(false);
    expect(verpMatches({ ...tag, notificationId: 123457 }, 'reader@example.org', secret)).toBe(false);
    // The same email always gets the same address (a resend after a crash too).
    expect(verpAddress('bounces@example.org', 123456, 'reader@example.org', secret)).toBe(address);
  });

  it('reads the tag back from the whole address, from the tag alone, in any case, after a tag of the base address', () => {
    const address = verpAddress('bounces+tracker@example.org', 42, 'reader@example.org', secret);
    expect(address).toMatch(/^bounces\+tracker\+16-[0-9a-f]{20}@example\.org$/);
    const tag = verpTagOf(address)!;
    expect(verpTagOf(address.toUpperCase())).toEqual(tag);
    expect(verpTagOf(address.slice(address.lastIndexOf('+') + 1, address.indexOf('@')))).toEqual(tag);
    expect(verpMatches(tag, 'reader@example.org', secret)).toBe(true);
  });

  it.each([
    ['no tag', 'bounces@example.org'],
    ['a tag of the wrong shape', 'bounces+16-abc@example.org'],
    ['a signature that is not hex', 'bounces+16-zzzzzzzzzzzzzzzzzzzz@example.org'],
    ['id 0', 'bounces+0-0123456789abcdef0123@example.org'],
    ['an id too large to be exact', 'bounces+zzzzzzzzzzz-0123456789abcdef0123@example.org'],
  ])('finds no tag in an address with %s', (_what, address) => {
    expect(verpTagOf(address)).toBeUndefined();
  });
});
