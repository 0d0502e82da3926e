/** Small response shapes shared by several resources. */
import { ApiProperty } from '@nestjs/swagger';

export class RefView {
  @ApiProperty({ example: 'doj-2017-findings' }) slug: string;
  @ApiProperty({ example: 'Investigation of the Chicago Police Department', description: 'Title or name.' }) title: string;
}

export class EvidenceView {
  @ApiProperty({ type: RefView, nullable: true }) source: RefView | null;
  @ApiProperty({ type: String, nullable: true, example: 'https://www.justice.gov/opa/file/925846/download' }) url: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'A verbatim excerpt from the evidence.' }) excerpt: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'p. 27' }) pinpoint: string | null;
}
