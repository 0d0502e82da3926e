/** Small response shapes shared by several resources. */
import { ApiProperty } from '@nestjs/swagger';

export class RefView {
  @ApiProperty({ example: 'doj-2017-findings' }) slug: string;
  @ApiProperty({ example: 'Investigation of the Chicago Police Department', description: 'Title or name.' }) title: string;
}

/** A recommendation named in another resource's detail: which one, and where it stands. */
export class ItemRefView {
  @ApiProperty() slug: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'Its headline status.' }) status: string;
}

export class EvidenceView {
  @ApiProperty({ type: RefView, nullable: true }) source: RefView | null;
  @ApiProperty({ type: String, nullable: true, example: 'https://www.justice.gov/opa/file/925846/download' }) url: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'A verbatim excerpt from the evidence.' }) excerpt: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'p. 27' }) pinpoint: string | null;
  @ApiProperty({
    type: RefView,
    nullable: true,
    description: 'The document the excerpt was actually read in, when that is not `source` (a reprint or news story quoting it).',
  })
  via: RefView | null;
}

/** The evidence columns as the repositories alias them. */
export interface EvidenceRow {
  evidenceSourceSlug: string | null;
  evidenceSourceTitle: string | null;
  evidenceViaSlug?: string | null;
  evidenceViaTitle?: string | null;
  evidenceUrl: string | null;
  evidenceExcerpt: string | null;
  evidencePinpoint: string | null;
}

/** One mapping from evidence columns to the API's evidence object. */
export function toEvidenceView(row: EvidenceRow): EvidenceView {
  return {
    source: row.evidenceSourceSlug ? { slug: row.evidenceSourceSlug, title: row.evidenceSourceTitle ?? '' } : null,
    url: row.evidenceUrl,
    excerpt: row.evidenceExcerpt,
    pinpoint: row.evidencePinpoint,
    via: row.evidenceViaSlug ? { slug: row.evidenceViaSlug, title: row.evidenceViaTitle ?? '' } : null,
  };
}
