#!/usr/bin/env node
// Times foldIcal on the body of a 2,000-event calendar (about 2.2 MB unfolded, with long descriptions,
// curly quotes, dashes and an emoji, like the seeded data), best and median of several runs.
//
//   npm run build && node test/bench/ical-fold.js [path/to/ical-fold.js ...] [--events 2000] [--runs 15]
//
// With several module paths (e.g. an older build), each is timed and their outputs must be identical.
const path = require('path');
const { Buffer } = require('buffer');
const { prng } = require('./lib/prng');

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const value = Number(args[i + 1]);
  args.splice(i, 2);
  return value;
};
const events = option('--events', 2000);
const runs = option('--runs', 15);
const modules = args.length > 0 ? args : [path.resolve(__dirname, '../../dist/src/feeds/ical-fold.js')];

const { next: random } = prng(20260501);
const words = [
  'foot',
  'pursuit',
  'policy',
  'Superintendent',
  'CPD',
  '“sometime in May”',
  '—',
  'training',
  'review',
  'body-worn',
  'camera',
  'supervisor',
  'Mayor',
  'Lightfoot',
  'consent',
  'decree',
  '🚓',
  'café',
  'report',
  'deadline',
];
const sentence = (n) => Array.from({ length: n }, () => words[Math.floor(random() * words.length)]).join(' ');
const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Reform Tracker//bench//EN'];
for (let i = 0; i < events; i++) {
  lines.push(
    'BEGIN:VEVENT',
    `UID:deadline-${i}@tracker.example.org`,
    'SEQUENCE:0',
    'DTSTAMP:20260501T120000Z',
    'DTSTART;VALUE=DATE:20260531',
    'DTEND;VALUE=DATE:20260601',
    `SUMMARY:${sentence(8 + Math.floor(random() * 12))}`,
    `DESCRIPTION:${sentence(40 + Math.floor(random() * 80)).replace(/,/g, '\\,')}`,
    `URL;VALUE=URI:https://tracker.example.org/recommendations/cpd-foot-pursuit-${i}`,
    `CATEGORIES:${sentence(2)}`,
    'X-REFORM-TRACKER-CLOSES-AT:2026-06-01T05:00:00.000Z',
    'END:VEVENT',
  );
}
lines.push('END:VCALENDAR', '');
const text = lines.join('\r\n');

let reference;
for (const file of modules) {
  const { foldIcal } = require(path.resolve(file));
  const times = [];
  let out;
  for (let r = 0; r < runs; r++) {
    const t0 = process.hrtime.bigint();
    out = foldIcal(text);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  if (reference === undefined) reference = out;
  const same = out === reference ? '' : '  OUTPUT DIFFERS from the first module';
  console.log(
    `${file}: ${events} events, ${(Buffer.byteLength(text) / 1e6).toFixed(2)} MB in, ${(Buffer.byteLength(out) / 1e6).toFixed(2)} MB out; ` +
      `best ${times[0].toFixed(1)} ms, median ${times[Math.floor(runs / 2)].toFixed(1)} ms over ${runs} runs${same}`,
  );
}
