import { test as base, expect } from '@playwright/test';
import { launchExtensionBrowser, type ExtensionBrowser } from './extension-browser';
import { startStaticServer, type StaticServer } from './static-server';

/**
 * `airlock`: Chromium with the built extension, one per test file's worker.
 * `server`: a loopback server for plain test pages.
 */
export const test = base.extend<{ page: import('playwright-core').Page }, { airlock: ExtensionBrowser; server: StaticServer }>({
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

export { expect };
