// Reference colours from the npm package `culori` for the hex-rgba-converter corpus test
// (crates/tools/src/hex_rgba/corpus_tests.rs).
//
// Regenerate (install outside the repository so node_modules never lands in it; the
// script resolves `culori` from the current directory and writes its JSON beside itself):
//   mkdir -p /tmp/ref && cd /tmp/ref && npm init -y && npm install culori@4
//   cd /tmp/ref && node <repo>/crates/tools/reference/color-corpus.mjs
//
// Each entry is culori's verdict: `rgba` is null when culori rejects the input, else
// [r, g, b, alpha] with channels ×255, rounded and clamped to 0–255 (CSS clamps, culori
// does not), a missing channel (`none`) as 0 and a missing alpha as 1. Inputs where culori
// departs from CSS on purpose are listed, with reasons, in the Rust test.

import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const require = createRequire(path.join(process.cwd(), 'noop.js'));
const { parse, rgb, colorsNamed } = require('culori');

const accepted = [
  '#fff', '#FFF', '#f80', '#f808', '#3b82f6', '#3B82F680', '#00000000', 'fff', '3b82f6',
  'ff000080', 'transparent', 'rgb(59, 130, 246)', 'rgba(59,130,246,0.5)', 'rgb(59 130 246)',
  'rgb(59 130 246 / 50%)', 'rgb(59 130 246/.25)', 'rgba(59 130 246)', 'rgb(1,2,3,0.5)',
  'rgba(1, 2, 3, 50%)', 'rgb( 1 , 2 , 3 )', 'rgb(10%, 20%, 30%)', 'rgb(10% 20% 30% / 40%)',
  'rgb(1 2% 3)', 'rgb(10.5, 20.4, 30.6)', 'rgb(1e2 .5e1 +3)', 'rgb(-.5 2 3)',
  'rgb(300, -5, 20)', 'rgb(120%, -10%, 50%)', 'rgb(1 2 3 / 1.5)', 'rgb(1 2 3 / -1)',
  'rgb(1 2 3 / 150%)', 'rgb(none 2 3)', 'hsl(120, 50%, 50%)', 'hsla(120, 50%, 50%, 0.3)',
  'hsl(120deg, 50%, 50%)', 'hsl(120 50% 50%)', 'hsl(120 50 50)', 'hsl(120deg 50% 50% / 0.3)',
  'hsl(120 50% 50%  /  50%)', 'hsla(120 50% 50%)', 'hsl(0.5turn 50% 50%)',
  'hsl(3.14159rad 100% 50%)', 'hsl(200grad 100% 50%)', 'hsl(-120 100% 50%)',
  'hsl(480 100% 50%)', 'hsl(217.2 91.2% 59.8%)', 'hsl(none 50% 50%)', 'hsl(0 0% 100%)',
  'hsl(120 100% 120%)', 'hsl(60, 100%, 25%, 25%)', 'hsl(1e2 50% 50%)',
  'rgba( 59 130 246 / 0.5 ) ',
];

const rejected = [
  '', '#', '#12', '#12345', '#1234567', '#ggg', 'ggg', '#fff;', 'notacolor', 'currentcolor',
  'rgb()', 'rgb(1 2)', 'rgb(1,2)', 'rgb(1,2,3,)', 'rgb(1,2,3,4,5)', 'rgb(1 2 3 4)',
  'rgb(1,2,3 / 0.5)', 'rgb(1 2, 3)', 'rgb(1,2%,3)', 'rgb(none,2,3)', 'rgb(1 2 3 / 50deg)',
  'rgb(10deg 2 3)', 'rgb(1,2,3)x', 'rgb (1,2,3)', 'rgb(1px 2 3)', 'rgb(1. 2 3)',
  'hsl(120, 50, 50)', 'hsl(50% 50% 50%)', 'hsl(120 50deg 50%)', 'hsl(120, 50%, 50)',
  'hsv(120 50% 50%)', 'rgb(1 2 3 / 0.5 0.6)',
  // culori rejects these, but CSS is ASCII-case-insensitive and ignores surrounding spaces.
  'RGB(1,2,3,0.5)', ' #fff ', 'TRANSPARENT', 'Hsl(120DEG 50% 50%)',
  // culori accepts this one (CSS closes a function at the end of a style sheet).
  'rgb(1 2 3',
];

const named = [...Object.keys(colorsNamed), 'RebeccaPurple', 'DarkSlateGrey'];

const clampByte = (channel) => Math.min(255, Math.max(0, Math.round((channel ?? 0) * 255)));

// culori throws on some invalid inputs (e.g. `rgb(1px 2 3)`) instead of returning undefined.
function parseOrUndefined(input) {
  try {
    return parse(input);
  } catch {
    return undefined;
  }
}

function verdict(input) {
  const parsed = parseOrUndefined(input);
  if (parsed === undefined) return null;
  const { r, g, b, alpha } = rgb(parsed);
  return [clampByte(r), clampByte(g), clampByte(b), alpha ?? 1];
}

const corpus = [...accepted, ...rejected, ...named].map((input) => ({
  input,
  rgba: verdict(input),
}));

const here = path.dirname(fileURLToPath(import.meta.url));
const target = path.join(here, 'color-corpus.json');
const lines = corpus.map((entry) => '  ' + JSON.stringify(entry));
writeFileSync(target, '[\n' + lines.join(',\n') + '\n]\n');
console.log(`wrote ${corpus.length} inputs to ${target}`);
