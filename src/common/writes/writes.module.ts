/**
 * The write path every feature module shares: the unit of work (Writes: one transaction, the
 * editor, the audit entry), the record store the import and export also use, and the generic
 * create / edit / delete of catalog-like records. Global, so feature modules need not import it.
 */
import { Global, Module } from '@nestjs/common';
import { RecordsRepository } from '../records/records.repository';
import { CatalogWritesService } from './record-writes.service';
import { Writes } from './write-scope';

@Global()
@Module({
  providers: [Writes, RecordsRepository, CatalogWritesService],
  exports: [Writes, RecordsRepository, CatalogWritesService],
})
export class WritesModule {}
