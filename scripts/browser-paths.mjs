/**
 * Where the browsers used by the end-to-end tests and the demo live. An environment variable wins;
 * otherwise the usual install locations are tried in order. Plain Node, no dependencies: it runs
 * before `npm install` has been checked and from `.mjs` scripts as well as from TypeScript tests.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const MAC_APPS = ['/Applications', join(homedir(), 'Applications')];

// Debian's /usr/bin/chromium is a shell wrapper around /usr/lib/chromium/chromium; a wrapper is fine
// as an executablePath (it execs the real binary with the same arguments).
const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/microsoft-edge',
  '/usr/bin/microsoft-edge-stable',
  '/opt/google/chrome/chrome',
  '/snap/bin/chromium',
  ...MAC_APPS.flatMap((dir) => [
    join(dir, 'Chromium.app/Contents/MacOS/Chromium'),
    join(dir, 'Google Chrome.app/Contents/MacOS/Google Chrome'),
    join(dir, 'Microsoft Edge.app/Contents/MacOS/Microsoft Edge'),
  ]),
];

const FIREFOX_CANDIDATES = [
  '/usr/bin/firefox-esr',
  '/usr/bin/firefox',
  '/usr/lib/firefox-esr/firefox-esr',
  '/usr/lib/firefox/firefox',
  '/snap/bin/firefox',
  ...MAC_APPS.map((dir) => join(dir, 'Firefox.app/Contents/MacOS/firefox')),
];

function isExecutableFile(path) {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function find(envName, candidates) {
  const fromEnv = process.env[envName];
  // An explicit choice that does not exist is reported as missing rather than silently replaced.
  if (fromEnv) return isExecutableFile(fromEnv) ? fromEnv : null;
  return candidates.find(isExecutableFile) ?? null;
}

/** A Chromium-family browser (`AIRLOCK_CHROMIUM` overrides), or null. */
export function findChromium() {
  return find('AIRLOCK_CHROMIUM', CHROMIUM_CANDIDATES);
}

/** A Firefox (ESR preferred; `AIRLOCK_FIREFOX` overrides), or null. */
export function findFirefox() {
  return find('AIRLOCK_FIREFOX', FIREFOX_CANDIDATES);
}
