/** A clock the test moves by hand, put in place of the app's Clock, so no test depends on the wall clock. */
import type { INestApplicationContext } from '@nestjs/common';
import { Clock } from '../../src/common/clock';

export interface TestClock {
  now(): Date;
  set(instant: string | Date): void;
  advance(ms: number): void;
}

/** Makes the app's Clock read `start` from now on, until the test sets or advances it. */
export function useTestClock(app: Pick<INestApplicationContext, 'get'>, start: string): TestClock {
  let current = new Date(start).getTime();
  jest.spyOn(app.get(Clock), 'now').mockImplementation(() => new Date(current));
  return {
    now: () => new Date(current),
    set: (instant) => {
      current = new Date(instant).getTime();
    },
    advance: (ms) => {
      current += ms;
    },
  };
}
