import { redactUrl, scrub } from './logging';

describe('redactUrl', () => {
  it.each([
    ['/subscriptions/confirm?token=abc.def-123', '/subscriptions/confirm?token=[redacted]'],
    ['/subscriptions/manage?x=1&token=abc&y=2', '/subscriptions/manage?x=1&token=[redacted]&y=2'],
    [
      '/api?api_key=rt_abc&apikey=1&access_token=2&key=3',
      '/api?api_key=[redacted]&apikey=[redacted]&access_token=[redacted]&key=[redacted]',
    ],
    ['/api?email=alice%40example.org', '/api?email=[redacted]'],
    ['/search?q=alice@example.org', '/search?q=[email]'],
    ['/search?q=alice%40example.org', '/search?q=[email]'],
    ['/api/v1/recommendations?status=in_progress&limit=50', '/api/v1/recommendations?status=in_progress&limit=50'],
    ['/feeds/deadlines.ics', '/feeds/deadlines.ics'],
  ])('%s → %s', (url, expected) => expect(redactUrl(url)).toBe(expected));
});

describe('scrubbing time', () => {
  it.each(['x', 'a%40', 'a@b', 'a@b.', '%'])('stays linear on 200,000 characters of %j (was quadratic)', (unit) => {
    const long = unit.repeat(Math.ceil(200_000 / unit.length));
    const started = performance.now();
    redactUrl(`/api/v1/recommendations?q=${long}`);
    scrub(long);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('still finds an address at the start of a run and after other characters', () => {
    expect(scrub('to alice@example.org, (bob%40example.com)')).toBe('to [email], ([email])');
  });
});

describe('scrub', () => {
  it('takes e-mail addresses, bearer tokens, API keys and token values out of a message', () => {
    const message =
      'delivery to <Alice.Smith+news@example.org> failed: 550; Authorization: Bearer abc.def; key rt_0123456789abcdefXYZ_-; GET /subscriptions/confirm?token=s3cret';
    const scrubbed = scrub(message);
    expect(scrubbed).toBe(
      'delivery to <[email]> failed: 550; Authorization: Bearer [redacted]; key rt_[redacted]; GET /subscriptions/confirm?token=[redacted]',
    );
  });

  it('leaves ordinary messages alone', () => {
    expect(scrub('queued 3, sent 2, retrying 1, dead 0')).toBe('queued 3, sent 2, retrying 1, dead 0');
  });
});
