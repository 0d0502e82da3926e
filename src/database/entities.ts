import { Actor } from '../catalog/actors/actor.entity';
import { AuditEntry } from '../audit/audit-entry.entity';
import { ApiKey } from '../auth/api-key.entity';
import { DeadlineRevision } from '../deadlines/deadline-revision.entity';
import { Deadline } from '../deadlines/deadline.entity';
import { TimelineEvent } from '../events/event.entity';
import { Finding } from '../findings/finding.entity';
import { Link } from '../links/link.entity';
import { NOTIFICATION_ENTITIES } from '../notifications/notification.entity';
import { Review } from '../reviews/review.entity';
import { Recommendation } from '../recommendations/recommendation.entity';
import { StatusChange } from '../recommendations/status-change.entity';
import { Source } from '../catalog/sources/source.entity';
import { StatTally } from '../stats/stat-tally.entity';
import { Topic } from '../catalog/topics/topic.entity';
import { TrackerMeta } from './tracker-meta.entity';

/** Every entity, listed once; the data source, the CLI and the tests all use this list. */
export const ENTITIES = [
  Source,
  Actor,
  Topic,
  Recommendation,
  StatusChange,
  Deadline,
  DeadlineRevision,
  Review,
  Finding,
  Link,
  TimelineEvent,
  TrackerMeta,
  StatTally,
  ApiKey,
  AuditEntry,
  ...NOTIFICATION_ENTITIES,
];
