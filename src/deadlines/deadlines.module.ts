import { Module } from '@nestjs/common';
import { DeadlinesController } from './deadlines.controller';
import { DeadlinesRepository } from './deadlines.repository';
import { DeadlinesService } from './deadlines.service';

@Module({
  controllers: [DeadlinesController],
  providers: [DeadlinesRepository, DeadlinesService],
  exports: [DeadlinesService, DeadlinesRepository],
})
export class DeadlinesModule {}
