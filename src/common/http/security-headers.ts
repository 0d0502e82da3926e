/**
 * The security headers, worked out once at start from the environment. HTTPS-only instructions
 * (CSP `upgrade-insecure-requests` and Strict-Transport-Security) are sent only when PUBLIC_URL is
 * https: served over plain HTTP at an IP address or host name, they would make the browser fetch the
 * stylesheet and submit the forms over https, which such a deployment does not answer (browsers
 * exempt only `localhost`). Cross-Origin-Opener-Policy and Origin-Agent-Cluster, which browsers
 * honour only in a secure context, are likewise sent only over https. Every response also gets a
 * Permissions-Policy that turns off the powerful browser features the site never uses.
 *
 * Also here, as the other per-deployment HTTP choices: CORS (pages of CORS_ORIGINS may read the API;
 * no credentials and no write methods, so no cross-site write) and which proxies are trusted to name
 * the client (TRUST_PROXY), which the rate limits count by.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Environment } from '../../config/environment';

/** Browser features the tracker never uses; `()` allows them to no origin, this one included. */
export const PERMISSIONS_POLICY = [
  'accelerometer',
  'camera',
  'geolocation',
  'gyroscope',
  'magnetometer',
  'microphone',
  'payment',
  'usb',
]
  .map((feature) => `${feature}=()`)
  .join(', ');

/** Whether the public base URL is https (then the site is reached over TLS). */
export function servesHttps(env: Pick<Environment, 'PUBLIC_URL'>): boolean {
  return /^https:/i.test(env.PUBLIC_URL ?? '');
}

/** The options of helmet for this deployment. */
export function helmetOptions(env: Pick<Environment, 'PUBLIC_URL'>) {
  const https = servesHttps(env);
  return {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        // null removes helmet's default directive.
        upgradeInsecureRequests: https ? [] : null,
      },
    },
    // One year, as helmet's default, and only over https.
    strictTransportSecurity: https ? { maxAge: 31536000, includeSubDomains: true } : false,
    // Browsers honour these two only in a secure context; over plain HTTP at a host name Chromium logs
    // a console error (COOP ignored) and a warning (origin-keying refused) on every page.
    crossOriginOpenerPolicy: https,
    originAgentCluster: https,
    crossOriginResourcePolicy: { policy: 'cross-origin' as const },
  };
}

/**
 * Every security header of a response, worked out once: helmet's for helmetOptions(env), collected
 * from one run of its middleware, and the Permissions-Policy. Running helmet per request would rebuild
 * (and re-validate) the same Content-Security-Policy every time; the headers depend only on the
 * environment.
 */
export function securityHeaders(env: Pick<Environment, 'PUBLIC_URL'>): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const collector = {
    setHeader(name: string, value: unknown) {
      headers[name] = String(value);
    },
    removeHeader(name: string) {
      delete headers[name];
    },
  };
  helmet(helmetOptions(env))({} as IncomingMessage, collector as unknown as ServerResponse, () => undefined);
  headers['Permissions-Policy'] = PERMISSIONS_POLICY;
  return Object.freeze(headers);
}

type CorsOptions = NonNullable<Parameters<NestFastifyApplication['enableCors']>[0]>;

/** Fastify's trustProxy for TRUST_PROXY: a boolean, or the addresses proxy-addr accepts. */
export function trustProxy(env: Pick<Environment, 'TRUST_PROXY'>): boolean | string {
  if (env.TRUST_PROXY === 'true') return true;
  if (env.TRUST_PROXY === 'false') return false;
  return env.TRUST_PROXY.replace(/\s+/g, '');
}

/**
 * CORS for the read API: the origins of CORS_ORIGINS (or any), GET and HEAD only, no credentials.
 * A preflight for a write method or for Authorization gets no permission, so a browser never sends a
 * cross-site write; preflights are answered 204 whatever they ask, never an error.
 */
export function corsOptions(env: Pick<Environment, 'CORS_ORIGINS'>): CorsOptions {
  const origins = env.CORS_ORIGINS.split(',').map((o) => o.trim().replace(/\/+$/, ''));
  return {
    origin: origins.includes('*') ? '*' : origins,
    methods: ['GET', 'HEAD'],
    allowedHeaders: ['If-None-Match', 'X-Request-Id'],
    exposedHeaders: ['ETag', 'X-Request-Id', 'Retry-After'],
    credentials: false,
    maxAge: 600,
    // Answer every OPTIONS here (204), preflight or not, rather than letting it reach the routes.
    strictPreflight: false,
    preflightContinue: false,
    optionsSuccessStatus: 204,
  };
}
