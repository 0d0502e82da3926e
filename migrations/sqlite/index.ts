// The SQLite migrations, in order. `npm run migration:generate -- Name` appends to this list.
import { Initial1795222797155 } from './1795222797155-Initial';
import { RecommendationSearch1795222800000 } from './1795222800000-RecommendationSearch';
import { ApiKeysAndAudit1795223036788 } from './1795223036788-ApiKeysAndAudit';

import { FindingLevelUnknown1795223106029 } from './1795223106029-FindingLevelUnknown';

import { DeadlineExtendedByIndex1795224225917 } from './1795224225917-DeadlineExtendedByIndex';

import { AddReadPathIndexes1795224406824 } from './1795224406824-AddReadPathIndexes';

import { NotificationsAndSubscriptions1795224486680 } from './1795224486680-NotificationsAndSubscriptions';

import { TruthOfTheRecord1796076463502 } from './1796076463502-TruthOfTheRecord';
import { DeadlineRevisions1796076463503 } from './1796076463503-DeadlineRevisions';
import { SubscriptionMailbox1796078207875 } from './1796078207875-SubscriptionMailbox';
import { Suppressions1796078864163 } from './1796078864163-Suppressions';
import { RecommendationSearchDocuments1796200000000 } from './1796200000000-RecommendationSearchDocuments';
import { RecommendationListRows1796210000000 } from './1796210000000-RecommendationListRows';
import { RecommendationSearchTerms1796220000002 } from './1796220000002-RecommendationSearchTerms';

import { StatTallies1796095914844 } from './1796095914844-StatTallies';

import { FreshnessIndex1796097422468 } from './1796097422468-FreshnessIndex';

import { NotificationImportMarks1796200000001 } from './1796200000001-NotificationImportMarks';

import { OutboxHealthIndex1796200000002 } from './1796200000002-OutboxHealthIndex';
import { TableVersions1796220000000 } from './1796220000000-TableVersions';
import { RecommendationRefVersion1796230000001 } from './1796230000001-RecommendationRefVersion';
import { StatTallyWithoutRowid1796220000001 } from './1796220000001-StatTallyWithoutRowid';
import { StatTallySequence1796230000000 } from './1796230000000-StatTallySequence';
import { SubscriptionConfirmedIndex1796240000000 } from './1796240000000-SubscriptionConfirmedIndex';

export const SQLITE_MIGRATIONS: Array<new () => unknown> = [
  Initial1795222797155,
  RecommendationSearch1795222800000,
  ApiKeysAndAudit1795223036788,
  FindingLevelUnknown1795223106029,
  DeadlineExtendedByIndex1795224225917,
  AddReadPathIndexes1795224406824,
  NotificationsAndSubscriptions1795224486680,
  TruthOfTheRecord1796076463502,
  DeadlineRevisions1796076463503,
  SubscriptionMailbox1796078207875,
  Suppressions1796078864163,
  StatTallies1796095914844,
  FreshnessIndex1796097422468,
  RecommendationSearchDocuments1796200000000,
  NotificationImportMarks1796200000001,
  OutboxHealthIndex1796200000002,
  RecommendationListRows1796210000000,
  TableVersions1796220000000,
  StatTallyWithoutRowid1796220000001,
  RecommendationSearchTerms1796220000002,
  StatTallySequence1796230000000,
  RecommendationRefVersion1796230000001,
  SubscriptionConfirmedIndex1796240000000,
];
