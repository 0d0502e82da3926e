// Reads the subscribe and manage forms (application/x-www-form-urlencoded, so every value is a string
// or a list of strings) into the same input the JSON API takes, with errors a page can show per field.

import { isEmail } from 'class-validator';
import { DIGEST_MODES, MAX_REMINDER_DAYS, TRIGGERS, WITHOUT_CONTROL_CHARACTERS } from '../subscription-rules';
import type { DigestMode, SubscriptionFilter, Trigger } from '../subscription-rules';
import type { SubscribeInput } from '../subscriptions.service';

export interface FormError {
  field: string;
  reason: string;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const values = (v: unknown): string[] =>
  v === undefined || v === null ? [] : (Array.isArray(v) ? v : [v]).map((x) => String(x));

/** "a, b c" or repeated fields → ['a', 'b', 'c']. */
function words(v: unknown): string[] {
  return values(v)
    .flatMap((s) => s.split(/[\s,]+/))
    .filter((s) => s !== '');
}

/**
 * A slug as typed, or the slug in a page address a reader pasted (https://…/recommendations/doj-2017-foot-pursuit-policy?asOf=…,
 * or /actors/mayor-of-chicago): its last path segment.
 */
function slugOf(word: string): string {
  if (!/^(?:https?:\/\/|\/)/i.test(word)) return word;
  try {
    const segments = new URL(word, 'http://pasted.invalid').pathname.split('/').filter(Boolean);
    return segments.length ? decodeURIComponent(segments[segments.length - 1]) : word;
  } catch {
    return word;
  }
}

function slugs(field: string, v: unknown, errors: FormError[]): string[] {
  const list = [...new Set(words(v).map(slugOf))];
  for (const s of list)
    if (!SLUG.test(s)) errors.push({ field, reason: `"${s}" is not a slug (lowercase letters, digits and hyphens)` });
  return list.filter((s) => SLUG.test(s));
}

/**
 * The subscribe form (`requireEmail`) or the manage form. `recommendation` (single, from
 * /subscribe?recommendation=…) and `recommendations` (a list) both go into the filter.
 */
export function parseSubscriptionForm(
  body: Record<string, unknown> | null | undefined,
  options: { requireEmail: boolean },
): { input: SubscribeInput; errors: FormError[] } {
  const b = body ?? {};
  const errors: FormError[] = [];
  const email = values(b.email)[0]?.trim() ?? '';
  if (
    options.requireEmail &&
    (email === '' || email.length > 254 || !isEmail(email) || !WITHOUT_CONTROL_CHARACTERS.test(email))
  ) {
    errors.push({ field: 'email', reason: 'Enter an email address, like name@example.org.' });
  }
  const triggers = values(b.triggers);
  const unknownTrigger = triggers.find((t) => !(TRIGGERS as readonly string[]).includes(t));
  if (unknownTrigger !== undefined)
    errors.push({ field: 'triggers', reason: `"${unknownTrigger}" is not something you can be told about.` });
  else if (triggers.length === 0) errors.push({ field: 'triggers', reason: 'Choose at least one kind of email.' });

  const digest = values(b.digest)[0] ?? 'none';
  if (!(DIGEST_MODES as readonly string[]).includes(digest))
    errors.push({ field: 'digest', reason: 'Choose one email per event or a daily digest.' });

  let reminderDays: number[] | undefined;
  if (b.reminderDays !== undefined && words(b.reminderDays).length > 0) {
    const days = words(b.reminderDays);
    const bad = days.find((d) => !/^\d{1,3}$/.test(d) || Number(d) > MAX_REMINDER_DAYS);
    if (bad !== undefined)
      errors.push({
        field: 'reminderDays',
        reason: `Reminder days are whole numbers from 0 to ${MAX_REMINDER_DAYS}, like 30, 7, 1.`,
      });
    else if (days.length > 10) errors.push({ field: 'reminderDays', reason: 'At most 10 reminder days.' });
    else reminderDays = days.map(Number);
  }

  const filter: SubscriptionFilter = {
    recommendations: [
      ...slugs('recommendation', b.recommendation, errors),
      ...slugs('recommendations', b.recommendations, errors),
    ],
    topics: slugs('topics', b.topics, errors),
    responsible: slugs('responsible', b.responsible, errors),
    sources: slugs('sources', b.sources, errors),
  };
  return {
    input: { email, filter, triggers: triggers as Trigger[], reminderDays, digest: digest as DigestMode },
    errors,
  };
}
