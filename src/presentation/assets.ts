/**
 * The site's static files (the stylesheet and icons of every page), read once at start and served
 * from memory with a content hash in the URL, so the pages need no inline style or script at all.
 */
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';

/** src/presentation/assets, copied to dist/src/presentation/assets by nest build. */
export const SITE_ASSETS = join(__dirname, 'assets');

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

export interface Asset {
  body: Buffer;
  type: string;
  /** Short content hash: the ETag and the `v` of the URL. */
  hash: string;
}

@Injectable()
export class SiteAssets {
  private readonly files = new Map<string, Asset>();

  constructor() {
    for (const name of readdirSync(SITE_ASSETS)) {
      const type = TYPES[extname(name)];
      if (!type) continue;
      const body = readFileSync(join(SITE_ASSETS, name));
      this.files.set(name, { body, type, hash: createHash('sha256').update(body).digest('base64url').slice(0, 12) });
    }
  }

  get(name: string): Asset | undefined {
    return this.files.get(name);
  }

  /** The URL of an asset, versioned by its content so it can be cached for a year. */
  href(name: string): string {
    const asset = this.files.get(name);
    return asset ? `/assets/${name}?v=${asset.hash}` : `/assets/${name}`;
  }
}
