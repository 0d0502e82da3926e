// The PostgreSQL migrations, in order. `npm run migration:generate -- Name` with DATABASE_URL set appends to this list.

import { Initial1796085587812 } from './1796085587812-Initial';
import { SearchAndRevisions1796085587813 } from './1796085587813-SearchAndRevisions';
import { DataVersion1796085587814 } from './1796085587814-DataVersion';
import { SearchDocuments1796085587815 } from './1796085587815-SearchDocuments';
import { RecommendationListRows1796095909054 } from './1796095909054-RecommendationListRows';

import { StatTallies1796095996744 } from './1796095996744-StatTallies';

import { FreshnessIndex1796097428305 } from './1796097428305-FreshnessIndex';

import { NotificationImportMarks1796096518630 } from './1796096518630-NotificationImportMarks';

import { OutboxHealthIndex1796097057573 } from './1796097057573-OutboxHealthIndex';
import { TableVersions1796220000000 } from './1796220000000-TableVersions';
import { StatTallySequence1796230000000 } from './1796230000000-StatTallySequence';
import { RecommendationRefVersion1796230000001 } from './1796230000001-RecommendationRefVersion';
import { SubscriptionConfirmedIndex1796240000000 } from './1796240000000-SubscriptionConfirmedIndex';

export const POSTGRES_MIGRATIONS: Array<new () => unknown> = [
  Initial1796085587812,
  SearchAndRevisions1796085587813,
  DataVersion1796085587814,
  SearchDocuments1796085587815,
  RecommendationListRows1796095909054,
  StatTallies1796095996744,
  NotificationImportMarks1796096518630,
  OutboxHealthIndex1796097057573,
  FreshnessIndex1796097428305,
  TableVersions1796220000000,
  StatTallySequence1796230000000,
  RecommendationRefVersion1796230000001,
  SubscriptionConfirmedIndex1796240000000,
];
