import { strictPagePolicy } from './html-page';

describe('strictPagePolicy', () => {
  it("narrows style-src to 'self' and keeps every other directive", () => {
    const policy = strictPagePolicy("default-src 'self';script-src 'self';style-src 'self' 'unsafe-inline';img-src 'self' data:");
    expect(policy).toBe("default-src 'self';script-src 'self';img-src 'self' data:;style-src 'self'");
  });

  it('falls back to a strict policy when none was set', () => {
    const policy = strictPagePolicy(undefined);
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("style-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
  });
});
