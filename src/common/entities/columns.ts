/**
 * The column kinds the entities repeat, each declared once: slugs, calendar dates, instants,
 * references to another table, and the version/created/updated trio of editable records. Each
 * composite gives exactly the column (and index or foreign key) the entity spelled out before, so
 * the schema does not change (`migration:check`).
 */
import { applyDecorators } from '@nestjs/common';
import {
  Column,
  CreateDateColumn,
  Index,
  JoinColumn,
  JoinTable,
  ManyToMany,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
  type ObjectType,
} from 'typeorm';
import { instantTransformer } from './timestamps';

interface Nullable {
  nullable?: boolean;
}

/** The public key of a record in URLs, unique under the index named `index`. */
export const SlugColumn = (index: string, length: number) =>
  applyDecorators(Index(index, { unique: true }), Column({ type: 'varchar', length }));

/** A calendar date, "YYYY-MM-DD" (or a coarser stated date such as "2021-Q3" where `due` allows it). */
export const DateColumn = (name?: string, options: Nullable = {}) =>
  Column({ ...(name === undefined ? {} : { name }), type: 'varchar', length: 10, nullable: options.nullable ?? false });

/** An instant, stored as its ISO-8601 UTC string and read back as a Date. */
export const InstantColumn = (name: string, options: Nullable = {}) =>
  Column({ name, type: 'varchar', length: 24, nullable: options.nullable ?? false, transformer: instantTransformer });

/** The id of a row in another table, as a plain integer column (see `References` for the foreign key). */
export const IdColumn = (name: string, options: Nullable = {}) =>
  Column({ name, type: 'integer', nullable: options.nullable ?? false });

/** The foreign key behind an `IdColumn` of the same name: a row that is referred to cannot be deleted. */
export const References = <T>(target: () => ObjectType<T>, column: string, options: Nullable = {}) =>
  applyDecorators(ManyToOne(target, { onDelete: 'RESTRICT', nullable: options.nullable ?? false }), JoinColumn({ name: column }));

/**
 * A many-to-many relation through the link table `table`, whose `own` column refers to this entity
 * and `other` column to the target.
 */
export const LinkTable = <T>(target: () => ObjectType<T>, table: string, own: string, other: string) =>
  applyDecorators(
    ManyToMany(target),
    JoinTable({
      name: table,
      joinColumn: { name: own, referencedColumnName: 'id' },
      inverseJoinColumn: { name: other, referencedColumnName: 'id' },
    }),
  );

/** A free-text editor's note. */
export const NoteColumn = () => Column({ type: 'text', nullable: true });

/** An auto-increment primary key, `id`. */
export abstract class IdEntity {
  @PrimaryGeneratedColumn()
  id: number;
}

/**
 * An append-only record (a status change, a finding, a review): never edited, so no version; when
 * the tracker recorded it (what `knownAt` views compare) and who did.
 */
export abstract class RecordedEntity extends IdEntity {
  @InstantColumn('recorded_at')
  recordedAt: Date;

  /** The API key's name (or "seed") that recorded it. */
  @Column({ name: 'recorded_by', type: 'varchar', length: 120 })
  recordedBy: string;
}

/**
 * An editable record: its `version` is what ETag / If-Match compare, bumped on every update, and
 * the database keeps when it was created and last updated.
 */
export abstract class VersionedEntity extends IdEntity {
  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt: Date;
}
