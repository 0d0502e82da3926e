#!/usr/bin/env node
// Builds the app when dist/ is missing or older than any source file, so `npm start` works right
// after `npm install` and after a `git pull`, without a separate build step.
const { existsSync, statSync, readdirSync } = require('node:fs');
const { join } = require('node:path');
const { execFileSync } = require('node:child_process');

const root = join(__dirname, '..'); // this file lives in src/
const output = join(root, 'dist', 'src', 'main.js');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(path));
    else if (/\.(ts|json|eta|css|svg)$/.test(entry.name) && !entry.name.endsWith('.spec.ts'))
      latest = Math.max(latest, statSync(path).mtimeMs);
  }
  return latest;
}

const sources = Math.max(
  newest(join(root, 'src')),
  newest(join(root, 'migrations')),
  statSync(join(root, 'tsconfig.json')).mtimeMs,
);
if (!existsSync(output) || statSync(output).mtimeMs < sources) {
  process.stderr.write('Building Reform Tracker (the first start, or the sources changed): this takes 15–30 s…\n');
  execFileSync(process.execPath, [require.resolve('@nestjs/cli/bin/nest.js'), 'build'], { cwd: root, stdio: 'inherit' });
}
