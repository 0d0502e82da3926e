import { DeadlinePages } from './notification-scanner.service';

describe('DeadlinePages (the size of the scan’s deadline reads follows the time a page takes)', () => {
  /** A clock a page's read moves by `ms`, and a read of `size` rows that takes that long. */
  function pages() {
    let now = 0;
    const p = new DeadlinePages(() => now);
    const page = (ms: number, available = Infinity) =>
      p.read(async (size) => {
        now += ms;
        return Array.from({ length: Math.min(size, available) }, (_, i) => i);
      });
    return { p, page };
  }

  it('starts small, halves after a slow page down to a floor, doubles after quick ones up to a ceiling', async () => {
    const { p, page } = pages();
    expect(p.size).toBe(50);
    const sizes: number[] = [];
    for (let i = 0; i < 5; i++) {
      await page(40);
      sizes.push(p.size);
    }
    expect(sizes).toEqual([25, 12, 10, 10, 10]);
    sizes.length = 0;
    for (let i = 0; i < 6; i++) {
      await page(0.1);
      sizes.push(p.size);
    }
    expect(sizes).toEqual([20, 40, 80, 160, 250, 250]);
    // A page neither slow nor quick keeps the size.
    await page(2);
    expect(p.size).toBe(250);
  });

  it('says a page was full when it holds as many rows as were asked for (the keyset walk goes on), not otherwise', async () => {
    const { page } = pages();
    expect((await page(0.1)).full).toBe(true);
    const last = await page(0.1, 7);
    expect(last.rows).toHaveLength(7);
    expect(last.full).toBe(false);
  });
});
