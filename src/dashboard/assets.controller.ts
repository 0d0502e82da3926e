import { Controller, Get, Headers, NotFoundException, Param, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DashboardAssets } from './dashboard-assets';

/**
 * Serves the dashboard's stylesheet and icon from memory. A URL carrying the current content hash
 * (`?v=…`, as the pages link it) is cached for a year; any other is revalidated with its ETag.
 */
@ApiExcludeController()
@Controller('assets')
export class AssetsController {
  constructor(private readonly assets: DashboardAssets) {}

  @Get(':name')
  serve(
    @Param('name') name: string,
    @Query('v') version: string | undefined,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): void {
    const asset = this.assets.get(name);
    if (!asset) throw new NotFoundException(`No asset named "${name}".`);
    const etag = `"${asset.hash}"`;
    reply
      .header('Content-Type', asset.type)
      .header('ETag', etag)
      .header(
        'Cache-Control',
        version === asset.hash ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate',
      );
    if (ifNoneMatch === etag) {
      reply.status(304).send();
      return;
    }
    reply.status(200).send(asset.body);
  }
}
