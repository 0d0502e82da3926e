import { CloseKey, nearestWindow } from './nearest-window';

const NOW = Date.parse('2026-06-15T12:00:00.000Z');
const at = (iso: string, id: number): CloseKey => [`${iso}T05:00:00.000Z`, id];

describe('nearestWindow', () => {
  const upcoming = [at('2026-06-16', 5), at('2026-06-20', 6), at('2026-07-30', 7)];
  const past = [at('2026-06-14', 4), at('2026-06-01', 3), at('2026-01-01', 2)];

  it('takes the nearest from both sides and gives the window as its first and last key', () => {
    expect(nearestWindow(upcoming, past, NOW, 4)).toEqual({ first: past[1], last: upcoming[1], count: 4 });
  });

  it('is everything when the cap is not reached', () => {
    expect(nearestWindow(upcoming, past, NOW, 10)).toEqual({ first: past[2], last: upcoming[2], count: 6 });
  });

  it('works with one side empty, and is null with both', () => {
    expect(nearestWindow([], past, NOW, 2)).toEqual({ first: past[1], last: past[0], count: 2 });
    expect(nearestWindow(upcoming, [], NOW, 1)).toEqual({ first: upcoming[0], last: upcoming[0], count: 1 });
    expect(nearestWindow([], [], NOW, 5)).toBeNull();
  });

  it('gives a tie in distance to the upcoming deadline', () => {
    const before: CloseKey = ['2026-06-14T12:00:00.000Z', 1];
    const after: CloseKey = ['2026-06-16T12:00:00.000Z', 9];
    expect(nearestWindow([after], [before], NOW, 1)).toEqual({ first: after, last: after, count: 1 });
  });
});
