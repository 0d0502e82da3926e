import { Controller, Get, Headers, NotFoundException, Param, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { SiteAssets } from '../presentation/assets';

/**
 * Serves the dashboard's stylesheet and icon from memory. A URL carrying the current content hash
 * (`?v=…`, as the pages link it) is cached for a year; any other is revalidated with its ETag.
 */
@ApiExcludeController()
@Controller('assets')
export class AssetsController {
  constructor(private readonly assets: SiteAssets) {}

  @Get(':name')
  serve(
    @Param('name') name: string,
    @Query('v') version: string | undefined,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): void {
    sendAsset(this.assets, name, version, ifNoneMatch, reply);
  }
}

/** robots.txt: crawlers may read the pages; the API, its exports, the feeds and the API docs are for programs. */
export const ROBOTS_TXT = ['User-agent: *', 'Disallow: /api/', 'Disallow: /feeds/', 'Disallow: /docs', ''].join('\n');

/** The files browsers and crawlers ask for at the root of a site. */
@ApiExcludeController()
@Controller()
export class SiteFilesController {
  constructor(private readonly assets: SiteAssets) {}

  /** The site icon, for clients that ask for /favicon.ico rather than reading the pages' icon link. */
  @Get('favicon.ico')
  favicon(@Headers('if-none-match') ifNoneMatch: string | undefined, @Res() reply: FastifyReply): void {
    sendAsset(this.assets, 'favicon.ico', undefined, ifNoneMatch, reply);
  }

  @Get('robots.txt')
  robots(@Res() reply: FastifyReply): void {
    reply
      .header('Content-Type', 'text/plain; charset=utf-8')
      .header('Cache-Control', 'public, max-age=86400')
      .status(200)
      .send(ROBOTS_TXT);
  }
}

function sendAsset(
  assets: SiteAssets,
  name: string,
  version: string | undefined,
  ifNoneMatch: string | undefined,
  reply: FastifyReply,
): void {
  const asset = assets.get(name);
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
