/** What the source routes answer (and the dashboard's directory pages show). */
import { ApiProperty } from '@nestjs/swagger';
import { NullableString } from '../../common/api-docs';
import { ListViewOf } from '../../common/pagination/keyset-page';
import { ItemRefView } from '../../common/views';
import { SOURCE_KINDS } from './source.entity';

export class SourceView {
  @ApiProperty() slug: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: SOURCE_KINDS }) kind: string;
  @NullableString() publisher: string | null;
  @NullableString() publishedOn: string | null;
  @NullableString() url: string | null;
  @NullableString() archivedUrl: string | null;
  @NullableString() note: string | null;
  @ApiProperty() version: number;
}

export class SourceListView extends ListViewOf(SourceView) {}

export class CitingItemView extends ItemRefView {
  @ApiProperty() kind: string;
}

export class SourceDetailView extends SourceView {
  @ApiProperty({ type: [CitingItemView], description: 'Recommendations that come from this source.' })
  recommendations: CitingItemView[];
  @ApiProperty({ description: 'How many status changes cite it as evidence.' }) evidenceCount: number;
  @ApiProperty({ description: 'How many monitor findings come from it.' }) findingCount: number;
}
