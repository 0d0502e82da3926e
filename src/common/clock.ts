import { Injectable } from '@nestjs/common';

/** The current time, injectable so that tests and the scheduler can agree on "now". */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
