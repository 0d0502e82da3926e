/** What the actor routes answer (and the dashboard's directory pages show). */
import { ApiProperty } from '@nestjs/swagger';
import { ListViewOf } from '../../common/pagination/keyset-page';
import { ItemRefView } from '../../common/views';
import { ACTOR_KINDS } from './actor.entity';

export class ActorView {
  @ApiProperty() slug: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ACTOR_KINDS }) kind: string;
  @ApiProperty({ description: 'Recommendations this actor is responsible for.' }) responsibleFor: number;
  @ApiProperty() version: number;
}

export class ActorListView extends ListViewOf(ActorView) {}

export class ActorItemView extends ItemRefView {}

export class ActorDetailView extends ActorView {
  @ApiProperty({ type: [ActorItemView] }) responsibleItems: ActorItemView[];
  @ApiProperty({ description: 'Deadlines this actor set.' }) deadlinesSet: number;
  @ApiProperty({ description: 'Status changes this actor made as assessor (not retracted).' }) assessments: number;
  @ApiProperty({ description: 'Monitor findings by this actor.' }) findings: number;
}
