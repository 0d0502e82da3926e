// The PostgreSQL migrations, in order. `npm run migration:generate -- Name` with DATABASE_URL set appends to this list.

import { Initial1796085587812 } from './1796085587812-Initial';
import { SearchAndRevisions1796085587813 } from './1796085587813-SearchAndRevisions';
import { DataVersion1796085587814 } from './1796085587814-DataVersion';
import { SearchDocuments1796085587815 } from './1796085587815-SearchDocuments';
import { RecommendationListRows1796095909054 } from './1796095909054-RecommendationListRows';

export const POSTGRES_MIGRATIONS: Array<new () => unknown> = [
  Initial1796085587812,
  SearchAndRevisions1796085587813,
  DataVersion1796085587814,
  SearchDocuments1796085587815,
  RecommendationListRows1796095909054,
];
