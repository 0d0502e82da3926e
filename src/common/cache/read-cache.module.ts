/**
 * The one read cache of the app (read-cache.ts) and the routes answered before Nest's pipeline
 * (common/http/early-routes.ts), shared by every module: global, provided once.
 */
import { Global, Module } from '@nestjs/common';
import { EarlyRoutes } from '../http/early-routes';
import { ReadCache } from './read-cache';

@Global()
@Module({ providers: [ReadCache, EarlyRoutes], exports: [ReadCache, EarlyRoutes] })
export class ReadCacheModule {}
