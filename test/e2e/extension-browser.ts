import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { findChromium } from '../../scripts/browser-paths.mjs';
import { DEV_EXTENSION_ID } from '../../lib/extension-key';

export const CHROME_BUILD = resolve('.output/chrome-mv3');

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  serviceWorker(): Promise<Worker>;
  /** Stops the service worker as Chromium does when it is idle (MV3); the next event starts a new one. */
  stopServiceWorker(): Promise<void>;
  close(): Promise<void>;
}

/** Chromium flags that keep the browser quiet (no network of its own, no GPU). */
export const QUIET_BROWSER_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Chromium flags that load only `build` and keep the browser quiet. */
export function extensionArgs(build: string): string[] {
  return [`--disable-extensions-except=${build}`, `--load-extension=${build}`, ...QUIET_BROWSER_ARGS];
}

/**
 * Launches Chromium with the built extension, the way a user's agent harness would: a persistent
 * profile, Playwright's automation flags. Used by the e2e fixture and by the demo. `build` loads
 * another copy of the built extension (a spec that changes its manifest).
 */
export async function launchExtensionBrowser(options: { headless?: boolean; uiLanguage?: string; build?: string; profile?: string } = {}): Promise<ExtensionBrowser> {
  const build = options.build ?? CHROME_BUILD;
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium-family browser found: run `node scripts/ensure-browser.mjs`');
  // `profile`: a profile the caller keeps (a browser restart); otherwise a fresh one, removed on close.
  const userDataDir = options.profile ?? mkdtempSync(join(tmpdir(), 'airlock-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: options.headless ?? true,
    args: [
      ...extensionArgs(build),
      ...(options.uiLanguage ? [`--lang=${options.uiLanguage}`] : []),
    ],
    ...(options.uiLanguage ? { env: { ...process.env, LANGUAGE: options.uiLanguage, LANG: `${options.uiLanguage}.UTF-8` } } : {}),
  });
  // A navigation that never ends fails with its own message, not as the whole test's timeout.
  context.setDefaultNavigationTimeout(30_000);
  const serviceWorker = async (): Promise<Worker> => {
    const existing = context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${DEV_EXTENSION_ID}/`));
    return existing ?? context.waitForEvent('serviceworker', { predicate: (w) => w.url().includes(DEV_EXTENSION_ID) });
  };
  // Chromium's first read of managed storage after start-up takes seconds; Airlock waits for it
  // before its first verdict. Warm it here so that tests do not each pay for it.
  const worker = await serviceWorker();
  await worker.evaluate(() => (globalThis as unknown as { chrome: { storage: { managed: { get(): Promise<unknown> } } } }).chrome.storage.managed.get().catch(() => undefined));
  return {
    context,
    extensionId: DEV_EXTENSION_ID,
    serviceWorker,
    async stopServiceWorker() {
      // A browser-level session: a page's session would leave that page's evaluations hanging.
      const page = context.pages()[0] ?? (await context.newPage());
      const cdp = await context.newCDPSession(page);
      const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: Array<{ targetId: string; type: string; url: string }> };
      const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.includes(DEV_EXTENSION_ID));
      if (worker) await cdp.send('Target.closeTarget', { targetId: worker.targetId });
      await cdp.detach();
    },
    async close() {
      await context.close();
      if (!options.profile) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
