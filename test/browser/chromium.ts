/**
 * What the browser tests share: the app listening on loopback, reached at a host name that is not
 * `localhost` (browsers exempt localhost from https upgrades, so a header that only works there, such
 * as CSP upgrade-insecure-requests or HSTS, fails here as it would on a LAN address or a real host
 * name over plain HTTP; chromium maps the name to 127.0.0.1), and Debian's chromium
 * (CHROMIUM_PATH, default /usr/bin/chromium) started by playwright-core.
 */
import { Browser, chromium, type Page } from 'playwright-core';
import type { TestApp } from '../support/test-app';

export const HOST = 'tracker.test';

/** Starts the app listening on a free loopback port; returns its base URL at HOST. */
export async function listenAtHost(t: TestApp): Promise<string> {
  await t.app.listen(0, '127.0.0.1');
  return `http://${HOST}:${new URL((await t.app.getUrl()).replace('[::1]', '127.0.0.1')).port}`;
}

/** Chromium, headless, quiet, with HOST mapped to loopback; a fresh temporary profile every time. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      `--host-resolver-rules=MAP ${HOST} 127.0.0.1`,
    ],
  });
}

/**
 * The status badges that stick out of the box they sit in, as "text +N px" (reader test 29: the
 * monitor's card on the DOJ item was too narrow for "Partially implemented", which stuck out 31 px).
 */
export function badgesStickingOut(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.status')].flatMap((el) => {
      const r = el.getBoundingClientRect();
      const box = el.parentElement!.getBoundingClientRect();
      return r.width > 0 && r.right > box.right + 1 ? [`${el.textContent!.trim()} +${Math.round(r.right - box.right)} px`] : [];
    }),
  );
}
