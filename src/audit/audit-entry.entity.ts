import { Column, Entity, Index } from 'typeorm';
import { IdColumn, IdEntity, InstantColumn } from '../common/entities/columns';

/** Who changed what, when, with the state before and after. Written in the same transaction as the change. */
@Entity('audit_entry')
@Index('ix_audit_entity', ['entity', 'entityId', 'at'])
@Index('ix_audit_key', ['keyName', 'at'])
@Index('ix_audit_at', ['at'])
export class AuditEntry extends IdEntity {
  @InstantColumn('at')
  at: Date;

  /** The API key's name ("seed" or "import:<key>" for bulk paths). */
  @Column({ name: 'key_name', type: 'varchar', length: 120 })
  keyName: string;

  /** create, update, delete, retract, extend, met, missed, withdraw, import… */
  @Column({ type: 'varchar', length: 40 })
  action: string;

  /** The table: recommendation, source, deadline… */
  @Column({ type: 'varchar', length: 40 })
  entity: string;

  @IdColumn('entity_id', { nullable: true })
  entityId: number | null;

  @Column({ name: 'entity_slug', type: 'varchar', length: 200, nullable: true })
  entitySlug: string | null;

  /** JSON of the row before the change (null on create). */
  @Column({ type: 'text', nullable: true })
  before: string | null;

  /** JSON of the row after the change (null on delete). */
  @Column({ type: 'text', nullable: true })
  after: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 100, nullable: true })
  requestId: string | null;
}
