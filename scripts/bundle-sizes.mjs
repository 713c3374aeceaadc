// Prints the size of each entrypoint of the built extension (its own file plus every chunk it
// loads), raw and gzipped. The content script matters most: it is parsed in every frame of every page.
// Usage: node scripts/bundle-sizes.mjs [--json]
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

const TARGETS = ['chrome-mv3', 'firefox-mv3'];
const IMPORT = /(?:import|export)\s*(?:[^'"]*?from\s*)?["']([^"']+\.js)["']/g;

function closure(dir, entry) {
  const seen = new Set();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop();
    if (seen.has(file) || !existsSync(join(dir, file))) continue;
    seen.add(file);
    if (!file.endsWith('.js')) continue;
    for (const [, spec] of readFileSync(join(dir, file), 'utf8').matchAll(IMPORT)) {
      queue.push(spec.startsWith('/') ? spec.slice(1) : posix.normalize(posix.join(posix.dirname(file), spec)));
    }
  }
  return [...seen];
}

function htmlAssets(dir, page) {
  const html = readFileSync(join(dir, page), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  return [page, ...refs.flatMap((r) => closure(dir, r))];
}

function measure(dir, files) {
  const unique = [...new Set(files)];
  const buffers = unique.map((f) => readFileSync(join(dir, f)));
  const raw = buffers.reduce((n, b) => n + b.length, 0);
  const gzip = gzipSync(Buffer.concat(buffers), { level: 9 }).length;
  return { files: unique.length, raw, gzip };
}

function entrypoints(dir) {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const out = {};
  const bg = manifest.background?.service_worker ?? manifest.background?.scripts?.[0];
  if (bg) out.background = closure(dir, bg);
  // Each content script under its own file name (content, page-hooks), so the figures say which is which.
  for (const cs of manifest.content_scripts ?? []) {
    out[basename(cs.js[0], '.js')] = cs.js.flatMap((f) => closure(dir, f));
  }
  if (manifest.action?.default_popup) out.popup = htmlAssets(dir, manifest.action.default_popup);
  const options = manifest.options_ui?.page ?? manifest.options_page;
  if (options) out.options = htmlAssets(dir, options);
  return out;
}

const report = {};
for (const target of TARGETS) {
  const dir = join('.output', target);
  if (!existsSync(join(dir, 'manifest.json'))) continue;
  report[target] = Object.fromEntries(Object.entries(entrypoints(dir)).map(([name, files]) => [name, measure(dir, files)]));
}

if (Object.keys(report).length === 0) {
  console.error('No build found in .output/: run `npm run build` first.');
  process.exit(1);
}
if (process.argv.includes('--json')) {
  console.log(JSON.stringify(report, null, 2));
} else {
  const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
  for (const [target, entries] of Object.entries(report)) {
    console.log(`\nBundle sizes, ${target} (minified; gzip -9 of everything the entrypoint loads)`);
    for (const [name, { files, raw, gzip }] of Object.entries(entries)) {
      console.log(`  ${name.padEnd(12)} ${kb(raw).padStart(10)}  gzip ${kb(gzip).padStart(9)}  (${files} file${files > 1 ? 's' : ''})`);
    }
  }
}
