// Which deadline emails are owed at a moment: reminders N local days before a deadline's last day,
// a notice once it has passed unmet, and whether one already queued is still worth sending.

import { addDays, daysBetween, localDateOf } from '../common/time/local-date';
import type { DeadlineState } from '../deadlines/rules/deadline-clock';

export interface DeadlineFacts {
  /** The close instant: the start of the local day after the deadline's last day. */
  closesAt: Date;
  state: DeadlineState;
}

/**
 * Local calendar days from `now` to the deadline's last day: 0 on the last day, 7 a week before it,
 * negative once it has closed. (The API's `daysRemaining` counts to the close instant, so it is this + 1.)
 */
export function daysBeforeLastDay(closesAt: Date, now: Date, timeZone: string): number {
  const lastDay = addDays(localDateOf(closesAt, timeZone), -1);
  return daysBetween(localDateOf(now, timeZone), lastDay);
}

/**
 * The reminder window `daysLeft` falls in. With reminder days [30, 7, 1] the windows are 30…8, 7…2
 * and 1…0 days before the last day: a deadline 7 days out owes the 7-day reminder, and so does one
 * 5 days out whose 7-day reminder never went (the scan was down, or the deadline was added late),
 * but once the 1-day window has begun the 7-day one has passed and is never sent late.
 * null when no window is open (too early, or the deadline has closed).
 */
export function reminderWindow(daysLeft: number, reminderDays: readonly number[]): number | null {
  if (daysLeft < 0) return null;
  const windows = [...new Set(reminderDays)].filter((n) => Number.isInteger(n) && n >= 0).sort((a, b) => b - a);
  for (let i = 0; i < windows.length; i++) {
    const smaller = i + 1 < windows.length ? windows[i + 1] : -1;
    if (daysLeft <= windows[i] && daysLeft > smaller) return windows[i];
  }
  return null;
}

/** The reminder owed for a deadline at `now`, or null: only open deadlines that have not closed get one. */
export function reminderOwed(d: DeadlineFacts, now: Date, timeZone: string, reminderDays: readonly number[]): number | null {
  if (d.state !== 'open' || now.getTime() >= d.closesAt.getTime()) return null;
  return reminderWindow(daysBeforeLastDay(d.closesAt, now, timeZone), reminderDays);
}

/**
 * Whether a queued reminder for window `window` should still go out at `now`: the deadline is still
 * open (met, extended or withdrawn cancel it) and that window is still the current one.
 */
export function reminderStillDue(
  window: number,
  d: DeadlineFacts,
  now: Date,
  timeZone: string,
  reminderDays: readonly number[],
): boolean {
  return reminderOwed(d, now, timeZone, reminderDays) === window;
}

/**
 * Whether a deadline is owed a missed notice: it closed unmet (still open, or marked missed) after
 * the subscription was confirmed, so a new subscriber is not flooded with years-old misses while a
 * deadline that closed during an outage is still reported when the scan runs again.
 */
export function missedOwed(d: DeadlineFacts, now: Date, confirmedAt: Date): boolean {
  return (
    (d.state === 'open' || d.state === 'missed') &&
    d.closesAt.getTime() < now.getTime() &&
    d.closesAt.getTime() > confirmedAt.getTime()
  );
}

/** A queued missed notice is dropped if the deadline has since been met, extended or withdrawn. */
export function missedStillDue(d: DeadlineFacts): boolean {
  return d.state === 'open' || d.state === 'missed';
}
