import { ReadTurns } from './read-turns';

const nextIteration = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('ReadTurns', () => {
  it('gives turns first come first served, one per event-loop iteration to reads that never say they are done', async () => {
    const turns = new ReadTurns();
    const order: string[] = [];
    const reads = ['a', 'b', 'c'].map((name) => turns.take().then(() => order.push(name)));
    expect(turns.queued).toBe(3);
    await nextIteration();
    expect(order).toEqual(['a']);
    await Promise.all(reads);
    expect(order).toEqual(['a', 'b', 'c']);
  });

  it('hands the turn on at once when the read is done within the slice', async () => {
    const turns = new ReadTurns(60_000);
    const queuedAfterDone: number[] = [];
    const reads = [0, 1, 2].map(() =>
      turns.take().then(() => {
        turns.done();
        queuedAfterDone.push(turns.queued);
      }),
    );
    await nextIteration();
    // All three in the first iteration: each done() gave the next turn before returning.
    expect(queuedAfterDone).toEqual([1, 0, 0]);
    await Promise.all(reads);
  });

  it('leaves the next turn to the next iteration once the slice is spent, and ignores done() without a turn', async () => {
    const turns = new ReadTurns(0);
    turns.done();
    const queuedAfterDone: number[] = [];
    const reads = [0, 1].map(() =>
      turns.take().then(() => {
        turns.done();
        queuedAfterDone.push(turns.queued);
      }),
    );
    await nextIteration();
    expect(queuedAfterDone).toEqual([1]);
    await Promise.all(reads);
    expect(queuedAfterDone).toEqual([1, 0]);
  });
});
