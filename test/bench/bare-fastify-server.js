#!/usr/bin/env node
/**
 * The floor for a cache hit: a bare Fastify server (no plugins, no hooks, no Nest) answering GET
 * BARE_PATH with the exact bytes and content type the app answered for it (BARE_BODY_FILE,
 * BARE_CONTENT_TYPE) and a fixed ETag, plus /health. The cache-hit scenario
 * (scenarios/cache-hit.js) measures the app's cached answer against it in alternating rounds.
 */
const { readFileSync } = require('node:fs');
const Fastify = require('fastify');

const body = readFileSync(process.env.BARE_BODY_FILE);
const type = process.env.BARE_CONTENT_TYPE ?? 'application/json; charset=utf-8';
const etag = process.env.BARE_ETAG ?? '"bare"';
const app = Fastify({ logger: false });
app.get(process.env.BARE_PATH, (_request, reply) => {
  reply.header('ETag', etag).header('Content-Type', type).send(body);
});
app.get('/health', (_request, reply) => {
  reply.send({ status: 'ok' });
});
app.listen({ port: Number(process.env.PORT), host: process.env.HOST ?? '127.0.0.1' }).catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
