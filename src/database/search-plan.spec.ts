import { estimatedMatches, isCommonSearch, isExactEstimate } from './search-plan';

describe('the search plan rule', () => {
  it('scales the sample share to the whole table, and counts exactly when the sample is every item', () => {
    expect(estimatedMatches({ sampled: 2000, matched: 1880, total: 1_000_000 })).toBe(940_000);
    expect(isExactEstimate({ sampled: 2000, matched: 1880, total: 1_000_000 })).toBe(false);
    expect(estimatedMatches({ sampled: 48, matched: 6, total: 48 })).toBe(6);
    expect(isExactEstimate({ sampled: 48, matched: 6, total: 48 })).toBe(true);
    expect(estimatedMatches({ sampled: 0, matched: 0, total: 0 })).toBe(0);
  });

  it('calls a search common when enough items match, both as a share and as a number', () => {
    const min = 5000;
    expect(isCommonSearch({ sampled: 2000, matched: 1880, total: 1_000_000 }, min)).toBe(true);
    // 1 in 20 is the edge: 100 of 2,000.
    expect(isCommonSearch({ sampled: 2000, matched: 100, total: 1_000_000 }, min)).toBe(true);
    expect(isCommonSearch({ sampled: 2000, matched: 99, total: 1_000_000 }, min)).toBe(false);
    // A large share of a small table is still cheap to rank.
    expect(isCommonSearch({ sampled: 2000, matched: 2000, total: 4000 }, min)).toBe(false);
    expect(isCommonSearch({ sampled: 48, matched: 48, total: 48 }, min)).toBe(false);
    expect(isCommonSearch({ sampled: 48, matched: 6, total: 48 }, 3)).toBe(true);
    expect(isCommonSearch({ sampled: 0, matched: 0, total: 0 }, 0)).toBe(false);
  });
});
