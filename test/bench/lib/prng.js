/**
 * A small seeded PRNG (mulberry32) with the helpers the generator needs, so that the same seed
 * always produces the same database.
 */

function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (list) => list[Math.floor(next() * list.length)];
  const chance = (p) => next() < p;
  /** Picks a key of `weights` ({ key: weight }) with probability proportional to its weight. */
  const weighted = (weights) => {
    const entries = Object.entries(weights);
    let total = 0;
    for (const [, w] of entries) total += w;
    let r = next() * total;
    for (const [k, w] of entries) {
      r -= w;
      if (r < 0) return k;
    }
    return entries[entries.length - 1][0];
  };
  /** `n` distinct elements of `list`. */
  const sample = (list, n) => {
    const out = new Set();
    while (out.size < Math.min(n, list.length)) out.add(pick(list));
    return [...out];
  };
  return { next, int, pick, chance, weighted, sample };
}

module.exports = { prng };
