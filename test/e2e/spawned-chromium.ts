import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium } from '../../scripts/browser-paths.mjs';
import { CHROME_BUILD, extensionArgs } from './extension-browser';

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** Chromium writes its DevTools port to the profile once it listens (`--remote-debugging-port=0` picks a free one). */
export async function readDevToolsPort(profile: string, alive: () => boolean, what: () => string): Promise<number> {
  const file = join(profile, 'DevToolsActivePort');
  for (let waited = 0; waited < 20_000; waited += 100) {
    if (existsSync(file)) {
      const port = Number(readFileSync(file, 'utf8').split('\n')[0]);
      if (port > 0) return port;
    }
    if (!alive()) break;
    await sleep(100);
  }
  throw new Error(`Chromium wrote no DevToolsActivePort in ${profile}. ${what()}`);
}

export interface SpawnedChromium {
  /** `http://127.0.0.1:<port>`: the DevTools endpoint, for a client that attaches; null without the port. */
  endpoint: string | null;
  process: ChildProcess;
  close(): Promise<void>;
}

/**
 * Chromium with the built extension, started from a command line: no automation flag, nothing
 * attached. `display` runs it headed on that X display; otherwise it runs headless. The DevTools port
 * is open unless `devtoolsPort` is false (Chromium then sets navigator.webdriver: measured).
 */
export async function spawnChromium(
  options: { display?: string; build?: string; url?: string; extraArgs?: string[]; devtoolsPort?: boolean } = {},
): Promise<SpawnedChromium> {
  const executable = findChromium();
  if (!executable) throw new Error('No Chromium-family browser found: run `node scripts/ensure-browser.mjs`');
  const profile = mkdtempSync(join(tmpdir(), 'airlock-spawned-'));
  const args = [
    ...(options.display ? [] : ['--headless']),
    ...(options.devtoolsPort === false ? [] : ['--remote-debugging-port=0', '--remote-debugging-address=127.0.0.1']),
    `--user-data-dir=${profile}`,
    '--no-default-browser-check',
    '--window-position=0,0',
    '--window-size=1200,850',
    ...extensionArgs(options.build ?? CHROME_BUILD),
    ...(options.extraArgs ?? []),
    options.url ?? 'about:blank',
  ];
  const env = { ...process.env, ...(options.display ? { DISPLAY: options.display } : {}) };
  const child = spawn(executable, args, { stdio: ['ignore', 'ignore', 'pipe'], env });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await Promise.race([new Promise((done) => child.once('exit', done)), sleep(5000)]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    // Chromium's helpers may still be writing to the profile for a moment after it exits.
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  };
  if (options.devtoolsPort === false) return { endpoint: null, process: child, close };
  try {
    const port = await readDevToolsPort(profile, () => child.exitCode === null, () => `Its stderr: ${stderr}`);
    return { endpoint: `http://127.0.0.1:${port}`, process: child, close };
  } catch (error) {
    await close();
    throw error;
  }
}
