import { ReadTurns } from './read-turns';

const nextIteration = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs everything queued: the turns (setImmediate) and what they release. */
const settle = async (turns: ReadTurns) => {
  while (turns.queued > 0 || turns.heldWrites > 0) await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
};

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
    const turns = new ReadTurns({ sliceMs: 60_000 });
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
    const turns = new ReadTurns({ sliceMs: 0 });
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

  describe('and writes', () => {
    /** Queues `reads` reads, then `writes` writes, all at once; the order in which they ran. */
    async function order(turns: ReadTurns, reads: number, writes: number): Promise<string> {
      const ran: string[] = [];
      for (let i = 0; i < reads; i++) void turns.take().then(() => ran.push('R'));
      for (let i = 0; i < writes; i++) {
        const held = turns.admitWrite();
        if (held) void held.then(() => ran.push('W'));
        else ran.push('W');
      }
      await settle(turns);
      return ran.join('');
    }

    it('lets a write run at once when no read waits', async () => {
      const turns = new ReadTurns();
      expect(turns.admitWrite()).toBeUndefined();
      expect(turns.admitWrite()).toBeUndefined();
      expect(await order(turns, 0, 3)).toBe('WWW');
    });

    it('gives reads one turn each, in order, and a write behind queued reads runs before them', async () => {
      expect(await order(new ReadTurns(), 3, 1)).toBe('WRRR');
    });

    it('alternates a flood of writes with the waiting reads (one write between two reads)', async () => {
      expect(await order(new ReadTurns({ writesPerRead: 1 }), 4, 6)).toBe('WRWRWRWRWW');
    });

    it('keeps to a larger bound when asked, and releases the writes still held after the last read', async () => {
      expect(await order(new ReadTurns({ writesPerRead: 2 }), 2, 7)).toBe('WWRWWRWWW');
    });

    it('counts the writes released after a read turn against the next one', async () => {
      const turns = new ReadTurns({ writesPerRead: 1 });
      void turns.take();
      expect(turns.admitWrite()).toBeUndefined();
      expect(turns.admitWrite()).toBeInstanceOf(Promise);
      await settle(turns);
      void turns.take();
      expect(turns.admitWrite()).toBeInstanceOf(Promise);
      await settle(turns);
    });
  });
});
