/** The one read cache of the app (read-cache.ts), shared by every module: global, provided once. */
import { Global, Module } from '@nestjs/common';
import { ReadCache } from './read-cache';

@Global()
@Module({ providers: [ReadCache], exports: [ReadCache] })
export class ReadCacheModule {}
