// The status vocabulary shared by the API, imports, exports, feeds and the dashboard: one list, one
// label and one description per status, so every surface says the same thing.

export const STATUSES = [
  'not_assessed',
  'unclear',
  'not_started',
  'accepted',
  'in_progress',
  'interim',
  'partially_implemented',
  'implemented',
  'stalled',
  'rejected',
] as const;

export type Status = (typeof STATUSES)[number];

/**
 * Reader-facing names. `not_assessed` reads "Not yet assessed" and never anything like "no
 * progress": an item nobody has looked at says nothing about the reform itself.
 */
export const STATUS_LABELS: Record<Status, string> = {
  not_assessed: 'Not yet assessed',
  unclear: 'Unclear',
  not_started: 'Not started',
  accepted: 'Accepted',
  in_progress: 'In progress',
  interim: 'Interim measure in force',
  partially_implemented: 'Partially implemented',
  implemented: 'Implemented',
  stalled: 'Stalled',
  rejected: 'Rejected',
};

export const STATUS_DESCRIPTIONS: Record<Status, string> = {
  not_assessed: 'Nobody has looked at this yet.',
  unclear: 'It has been looked at, but the evidence is insufficient to say.',
  not_started: 'No work on it has begun.',
  accepted: 'It has been agreed to or planned, but no action has been taken yet.',
  in_progress: 'Work on it is under way.',
  interim: 'A temporary measure is in force while the full change is pending.',
  partially_implemented: 'Part of it has been put in place, but not all of it.',
  implemented: 'It has been put in place in full.',
  stalled: 'Work on it began but has stopped.',
  rejected: 'It has been declined, or will not be done.',
};

/** Whether `value` is one of {@link STATUSES}; for input read from imports and query strings. */
export function isStatus(value: unknown): value is Status {
  return typeof value === 'string' && (STATUSES as readonly string[]).includes(value);
}
