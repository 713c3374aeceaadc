import { test as base, expect } from '@playwright/test';
import { launchExtensionBrowser, type ExtensionBrowser } from './extension-browser';
import { startStaticServer, type StaticServer } from './static-server';

/**
 * `airlock`: Chromium with the built extension, one per test file's worker.
 * `server`: a loopback server for plain test pages.
 */
type TestFixtures = { page: import('playwright-core').Page };
type WorkerFixtures = { airlock: ExtensionBrowser; server: StaticServer };

export const test = base.extend<TestFixtures, WorkerFixtures>({
  airlock: [
    async ({}, use) => {
      const browser = await launchExtensionBrowser();
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  server: [
    async ({}, use) => {
      const server = await startStaticServer();
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  page: async ({ airlock }, use) => {
    const page = await airlock.context.newPage();
    await use(page);
    await page.close();
  },
});

/**
 * The same fixtures, for a file that needs a browser nothing else ran in: a test object with its own
 * worker fixtures runs in a worker (and so a browser) of its own. The token broker's
 * `identity.launchWebAuthFlow` window sometimes never opened after the twenty-odd files before it had
 * used the shared browser; in a fresh one it does.
 */
export const testInOwnBrowser = test.extend<object, { ownBrowser: string }>({
  // Files that set another name with `test.use({ ownBrowser })` get yet another browser.
  ownBrowser: ['token-broker', { scope: 'worker', option: true }],
});

export { expect };
