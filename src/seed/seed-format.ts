/**
 * The shape of a seed file (src/seed/*.seed.json). Everything is referenced by slug, so a file can
 * be read, reviewed and diffed by people, and applied twice without creating anything twice.
 */
import type { ActorKind } from '../catalog/actors/actor.entity';
import type { DeadlineAuthority } from '../deadlines/deadline.entity';
import type { DeadlinePrecision, DeadlineState } from '../deadlines/rules/deadline-clock';
import type { FindingLevel } from '../findings/rules/regression';
import type { LinkType } from '../links/link.entity';
import type { RecommendationKind } from '../recommendations/recommendation.entity';
import type { DatePrecision } from '../recommendations/status-change.entity';
import type { Status } from '../recommendations/rules/status-vocabulary';
import type { SourceKind } from '../catalog/sources/source.entity';

export interface SeedEvidence {
  source: string | null;
  /** The document the excerpt was actually read in, when that is not `source`. */
  via?: string | null;
  url: string | null;
  excerpt: string | null;
  pinpoint: string | null;
}

export interface SeedFile {
  meta: { title: string; compiledFrom: string; note?: string };
  sources: Array<{
    slug: string;
    title: string;
    kind: SourceKind;
    publisher: string | null;
    publishedOn: string | null;
    url: string | null;
    archivedUrl: string | null;
    note: string | null;
  }>;
  actors: Array<{ slug: string; name: string; kind: ActorKind }>;
  topics: Array<{ slug: string; name: string }>;
  recommendations: Array<{
    slug: string;
    kind: RecommendationKind;
    title: string;
    text: string;
    textIsVerbatim: boolean;
    /** For a verbatim text read only as quoted elsewhere: that document's slug. */
    textVia?: string | null;
    /** When it came into existence in the world; "as of" views start here. */
    issuedOn?: string | null;
    issuedPrecision?: DatePrecision;
    source: string;
    pinpoint: string | null;
    topics: string[];
    responsible: string | null;
    weight?: number;
  }>;
  statusChanges: Array<{
    slug: string;
    recommendation: string;
    status: Status;
    effectiveOn: string;
    effectivePrecision?: DatePrecision;
    /** Why effectiveOn is an inference, when it is one. */
    dateInferred?: string | null;
    assessor: string;
    evidence: SeedEvidence;
    note: string | null;
    retracts?: string | null;
  }>;
  deadlines: Array<{
    slug: string;
    recommendation: string;
    label: string;
    labelIsVerbatim: boolean;
    labelAttribution?: string | null;
    due: string;
    precision: DeadlinePrecision;
    dateInferred?: string | null;
    setBy: string | null;
    setOn?: string | null;
    source: string | null;
    authority: DeadlineAuthority;
    state: DeadlineState;
    metOn: string | null;
    fulfilledOn?: string | null;
    settledOn: string | null;
    extendedBy: string | null;
    evidence: SeedEvidence | null;
    note: string | null;
  }>;
  findings: Array<{
    slug: string;
    recommendation: string;
    assessor: string;
    report: string;
    periodStart: string;
    periodEnd: string;
    filedOn?: string | null;
    level: FindingLevel | null;
    deadlineMet: boolean | null;
    summary: string;
  }>;
  links: Array<{ from: string; to: string; type: LinkType; note: string | null }>;
  events: Array<{
    slug: string;
    occurredOn: string;
    dateInferred?: string | null;
    title: string;
    description: string | null;
    source: string;
    recommendations: string[];
  }>;
  /** "Reviewed, unchanged" records, only where the research really re-checked an item. */
  reviews?: Array<{
    slug?: string;
    recommendation: string;
    reviewedOn: string;
    reviewer: string;
    evidence: SeedEvidence | null;
    note: string | null;
  }>;
}
