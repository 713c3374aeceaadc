/**
 * Makes sure the browsers the end-to-end tests and the demo drive are installed, and records where
 * they are in `.output/browsers.json` ({ chromium, firefox }).
 *
 *   node scripts/ensure-browser.mjs              Chromium and Firefox
 *   node scripts/ensure-browser.mjs --no-firefox Chromium only (the demo)
 *
 * Test harnesses cannot download their own browser builds everywhere, so the distribution's packages
 * are used: as root on Debian or Ubuntu a missing browser is installed with apt-get; anywhere else
 * this prints what to install and exits 1.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium, findFirefox } from './browser-paths.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

const BROWSERS = {
  chromium: {
    label: 'Chromium',
    find: findChromium,
    envName: 'AIRLOCK_CHROMIUM',
    // Debian ships `chromium`; on Ubuntu the same name is a transitional package for the snap.
    aptPackage: 'chromium',
    advice: [
      'Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y chromium',
      'Fedora:        sudo dnf install -y chromium',
      'Arch:          sudo pacman -S chromium',
      'macOS:         brew install --cask chromium   (or install Google Chrome)',
      'Windows/other: install Chromium, Chrome or Edge',
    ],
  },
  firefox: {
    label: 'Firefox',
    find: findFirefox,
    envName: 'AIRLOCK_FIREFOX',
    aptPackage: 'firefox-esr',
    advice: [
      'Debian:        sudo apt-get update && sudo apt-get install -y firefox-esr',
      'Ubuntu:        sudo apt-get install -y firefox   (or Mozilla\'s firefox-esr package)',
      'Fedora:        sudo dnf install -y firefox',
      'Arch:          sudo pacman -S firefox-esr   (or firefox)',
      'macOS:         brew install --cask firefox',
      'Windows/other: install Firefox',
    ],
  },
};

function canUseApt() {
  return (
    process.platform === 'linux' &&
    existsSync('/etc/debian_version') &&
    typeof process.getuid === 'function' &&
    process.getuid() === 0
  );
}

function run(command, args) {
  console.log(`ensure-browser: $ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
}

function printAdvice(browser) {
  const lines = [
    `ensure-browser: no ${browser.label} found.`,
    `Install one, or point ${browser.envName} at its executable:`,
    ...browser.advice.map((line) => `  ${line}`),
  ];
  console.error(lines.join('\n'));
}

function main(argv) {
  const wanted = argv.includes('--no-firefox') ? ['chromium'] : ['chromium', 'firefox'];
  const found = { chromium: null, firefox: null };
  const missing = [];

  for (const name of wanted) {
    found[name] = BROWSERS[name].find();
    if (found[name] === null) missing.push(name);
  }

  // An explicit path that does not exist is a mistake to report, not something apt can fix.
  const badOverride = missing.filter((name) => process.env[BROWSERS[name].envName]);
  for (const name of badOverride) {
    const { envName } = BROWSERS[name];
    console.error(`ensure-browser: ${envName}=${process.env[envName]} is not an executable file.`);
  }
  if (badOverride.length > 0) return 1;

  if (missing.length > 0 && canUseApt()) {
    const packages = missing.map((name) => BROWSERS[name].aptPackage);
    console.log(`ensure-browser: installing ${packages.join(', ')} with apt-get (root on Debian/Ubuntu).`);
    try {
      run('apt-get', ['update']);
      run('apt-get', ['install', '-y', ...packages]);
    } catch (error) {
      console.error(`ensure-browser: ${error instanceof Error ? error.message : String(error)}`);
    }
    for (const name of [...missing]) {
      found[name] = BROWSERS[name].find();
      if (found[name] !== null) missing.splice(missing.indexOf(name), 1);
    }
  }

  for (const name of missing) printAdvice(BROWSERS[name]);

  const outDir = join(ROOT, '.output');
  mkdirSync(outDir, { recursive: true });
  const outFile = join(outDir, 'browsers.json');
  writeFileSync(outFile, `${JSON.stringify(found, null, 2)}\n`);
  for (const name of wanted) {
    if (found[name] !== null) console.log(`ensure-browser: ${BROWSERS[name].label}: ${found[name]}`);
  }
  console.log(`ensure-browser: wrote ${relative(process.cwd(), outFile) || outFile}`);

  return missing.length > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
