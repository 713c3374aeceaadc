/**
 * Firefox smoke test: loads the built Firefox MV3 extension into Firefox ESR as a temporary add-on
 * (WebDriver BiDi `webExtension.install`, through puppeteer-core) and proves, from a real page, that
 * the content script and the background event page talk: agent-protocol v1 hello and state round
 * trips, and refusals of a forbidden message and of an unknown protocol version.
 *
 *   npm run build:firefox && npm run test:firefox
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { AirlockReply } from '../../lib/protocol/messages';
import { findFirefox } from '../../scripts/browser-paths.mjs';
import { runWithWatchdog } from './run-with-watchdog';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const EXTENSION_DIR = join(ROOT, '.output', 'firefox-mv3');
const REPLY_TIMEOUT_MS = 10_000;
const WHOLE_RUN_TIMEOUT_MS = 110_000;

// The page-side helper is part of the served page, not passed through page.evaluate, so that no
// transpiler helper ends up inside a serialised function.
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Airlock Firefox smoke</title></head>
<body><p>Airlock Firefox smoke page</p>
<script>
window.askAirlock = (message, timeoutMs) => new Promise((resolve) => {
  const onMessage = (event) => {
    const data = event.data;
    if (event.source !== window || !data || data.channel !== 'airlock' || data.re !== message.id) return;
    clearTimeout(timer);
    window.removeEventListener('message', onMessage);
    resolve(data);
  };
  const timer = setTimeout(() => {
    window.removeEventListener('message', onMessage);
    resolve(null);
  }, timeoutMs);
  window.addEventListener('message', onMessage);
  window.postMessage(message, '*');
});
</script></body></html>`;

function ask(page: Page, message: Record<string, unknown>): Promise<AirlockReply | null> {
  return page.evaluate(
    (m, t) => (window as unknown as { askAirlock(m: unknown, t: number): Promise<AirlockReply | null> }).askAirlock(m, t),
    message,
    REPLY_TIMEOUT_MS,
  );
}

function expect(condition: unknown, what: string, actual: unknown): asserts condition {
  if (!condition) throw new Error(`${what}; got ${JSON.stringify(actual)}`);
}

const CHECKS: { name: string; run(page: Page): Promise<void> }[] = [
  {
    // The harness matrix's Firefox row: Firefox sets navigator.webdriver under any remote agent.
    name: 'before any hello, a tab driven over WebDriver BiDi is agent-driven by navigator.webdriver alone',
    async run(page) {
      const state = await ask(page, { channel: 'airlock-agent', v: 1, id: 'state0', type: 'state' });
      expect(state?.type === 'state', `no state reply within ${REPLY_TIMEOUT_MS / 1000} s`, state);
      expect(state.state.agentDriven, 'expected state.agentDriven === true before any hello', state);
      const sources = state.state.signals.map((signal) => signal.source);
      expect(sources.length === 1 && sources[0] === 'webdriver', 'expected the webdriver signal alone', sources);
      console.log(`harness matrix: Firefox ESR over WebDriver BiDi (Puppeteer) -> ${sources.join(', ')}`);
    },
  },
  {
    name: 'hello is welcomed as agent-driven with a handshake signal, and state agrees',
    async run(page) {
      const welcome = await ask(page, { channel: 'airlock-agent', v: 1, id: 'hello1', type: 'hello', agent: { name: 'smoke', version: '1.0' } });
      expect(
        welcome !== null,
        `no reply to hello within ${REPLY_TIMEOUT_MS / 1000} s: the content script did not run on http://127.0.0.1 ` +
          '(host permission not granted?) or the background did not answer',
        welcome,
      );
      expect(welcome.type === 'welcome' && welcome.re === 'hello1', 'expected a welcome to hello1', welcome);
      expect(welcome.protocol === 1, 'expected protocol 1', welcome);
      expect(welcome.state.agentDriven, 'expected state.agentDriven === true', welcome);
      const handshake = welcome.state.signals.find((signal) => signal.source === 'handshake');
      expect(handshake?.agent === true && handshake.detail.includes('smoke'), 'expected a handshake signal naming "smoke"', welcome);

      const state = await ask(page, { channel: 'airlock-agent', v: 1, id: 'state1', type: 'state' });
      expect(state?.type === 'state' && state.re === 'state1', 'expected a state reply to state1', state);
      expect(state.state.agentDriven, 'expected state.agentDriven === true after hello', state);
    },
  },
  {
    name: 'release is refused with PROTOCOL_FORBIDDEN',
    async run(page) {
      const reply = await ask(page, { channel: 'airlock-agent', v: 1, id: 'bad1', type: 'release' });
      expect(reply?.type === 'error' && reply.re === 'bad1', 'expected an error reply to bad1', reply);
      expect(reply.error.code === 'PROTOCOL_FORBIDDEN', 'expected PROTOCOL_FORBIDDEN', reply);
    },
  },
  {
    name: 'protocol v99 is refused with PROTOCOL_UNSUPPORTED_VERSION',
    async run(page) {
      const reply = await ask(page, { channel: 'airlock-agent', v: 99, id: 'v99', type: 'state' });
      expect(reply?.type === 'error' && reply.re === 'v99', 'expected an error reply to v99', reply);
      expect(reply.error.code === 'PROTOCOL_UNSUPPORTED_VERSION', 'expected PROTOCOL_UNSUPPORTED_VERSION', reply);
    },
  },
];

function serve(): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.url === '/' || request.url === '/index.html') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(PAGE);
    } else {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

// Module-level so that the watchdog can kill Firefox if a step hangs past every other timeout.
let browser: Browser | undefined;

async function main(): Promise<number> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    console.error(`firefox smoke: ${EXTENSION_DIR} has no build; run \`npm run build\` (or \`npm run build:firefox\`) first.`);
    return summary(0, CHECKS.length);
  }
  const executablePath = findFirefox();
  if (executablePath === null) {
    console.error('firefox smoke: no Firefox found; run `node scripts/ensure-browser.mjs` or set AIRLOCK_FIREFOX.');
    return summary(0, CHECKS.length);
  }

  let server: Server | undefined;
  let passed = 0;
  try {
    server = await serve();
    const { port } = server.address() as AddressInfo;
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath,
      headless: true,
      timeout: 30_000,
      protocolTimeout: 30_000,
      // AIRLOCK_BROWSER_LOG=1 shows Firefox's own output when a run needs explaining.
      dumpio: process.env.AIRLOCK_BROWSER_LOG === '1',
      extraPrefsFirefox: {
        // Firefox grants an MV3 add-on's host_permissions at install only while this pref is true
        // (its shipped default since Firefox 127); with it false the content script never runs on
        // http://127.0.0.1 until the human allows the site. Set here so that a distribution's or a
        // profile's defaults cannot turn this test into a permissions test.
        'extensions.originControls.grantByDefault': true,
      },
    });
    console.log(`firefox smoke: ${await browser.version()} at ${executablePath}`);
    const id = await browser.installExtension(EXTENSION_DIR);
    console.log(`firefox smoke: installed temporary add-on ${id}`);
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/`, { timeout: 15_000 });

    for (const check of CHECKS) {
      try {
        await check.run(page);
        passed += 1;
        console.log(`  ok   ${check.name}`);
      } catch (error) {
        console.log(`  FAIL ${check.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  } finally {
    await browser?.close().catch((error: unknown) => console.error('firefox smoke: closing Firefox failed', error));
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
  return summary(passed, CHECKS.length - passed);
}

/** Prints the closing line CI reads and returns the exit code. */
function summary(passed: number, failed: number): number {
  console.log(`firefox smoke: ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

runWithWatchdog('firefox smoke', main, {
  timeoutMs: WHOLE_RUN_TIMEOUT_MS,
  failureCode: () => summary(0, CHECKS.length),
  onGiveUp: () => browser?.process()?.kill('SIGKILL'),
});
