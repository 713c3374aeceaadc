import { expect, test } from '@playwright/test';
import type { Browser } from 'puppeteer-core';
import { DEV_EXTENSION_ID } from '../../lib/extension-key';
import { STORAGE_ITEMS } from '../../lib/storage/items';

const VAULT_SESSION_KEY = STORAGE_ITEMS.vaultSession.key;
import { launchWithPuppeteer, stopServiceWorker } from './puppeteer-browser';
import { MASTER_PASSWORD } from './takeover-harness';

/**
 * The idle lock outlives the worker: an unlocked vault whose worker MV3 has stopped still loses its key
 * from storage.session when the human's idle time runs out, because an alarm wakes the worker for it.
 * Puppeteer, because Playwright keeps a session on the worker and stalls when it stops.
 */
let browser: Browser;
test.beforeAll(async () => {
  browser = await launchWithPuppeteer();
});
test.afterAll(async () => {
  await browser?.close();
});

test('with the worker stopped, the vault key leaves storage.session when the idle time runs out (an alarm wakes the worker)', async () => {
  test.setTimeout(180_000);
  const page = await browser.newPage();
  await page.goto(`chrome-extension://${DEV_EXTENSION_ID}/options.html`);
  const send = (kind: string, payload: unknown) =>
    page.evaluate((k, p) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; value?: unknown }> } } }).chrome.runtime.sendMessage({ airlock: 'internal', kind: k, payload: p }), kind, payload);
  // Read from an Airlock page: storage.session answers without waking the worker.
  const keyStored = () =>
    page.evaluate(async (key) => key in (await (globalThis as unknown as { chrome: { storage: { session: { get(k: string): Promise<object> } } } }).chrome.storage.session.get(key)), VAULT_SESSION_KEY);

  expect(await send('vault.create', { password: MASTER_PASSWORD })).toMatchObject({ ok: true });
  expect(await send('vault.setIdleLock', { minutes: 1 })).toMatchObject({ ok: true, value: { minutes: 1 } });
  const lastUse = Date.now();
  await expect.poll(keyStored).toBe(true);

  const worker = await stopServiceWorker(page);

  // Nothing asks Airlock anything from here on. Before the deadline the key is still there...
  expect(await keyStored()).toBe(true);
  // ...and shortly after it, gone: the worker was started by its alarm and dropped it.
  await expect.poll(keyStored, { timeout: 120_000, intervals: [2_000] }).toBe(false);
  expect(Date.now() - lastUse).toBeGreaterThanOrEqual(59_000);
  expect(worker.restarted()).toBe(true);
  await worker.close();

  // The vault is locked for whoever asks next, and opens again with the master password.
  expect(await send('vault.status', {})).toMatchObject({ ok: true, value: { unlocked: false } });
  expect(await send('vault.unlock', { password: MASTER_PASSWORD })).toMatchObject({ ok: true, value: { unlocked: true } });
  await page.close();
});
