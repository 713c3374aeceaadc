import { expect, test } from '@playwright/test';
import type { Browser, Page } from 'puppeteer-core';
import { STORAGE_ITEMS } from '../../lib/storage/items';
import { launchWithPuppeteer, openSettingsPanel, stopServiceWorker } from './puppeteer-browser';
import { MASTER_PASSWORD } from './takeover-harness';

const VAULT_SESSION_KEY = STORAGE_ITEMS.vaultSession.key;

/**
 * The vault key lives only in the worker's memory (storage.session is readable by every Airlock page):
 * a stopped worker takes it along, and the vault is locked for whoever asks next. While the vault is
 * open the worker is kept up, and the idle lock still comes on time with nothing asking Airlock
 * anything. Puppeteer, because Playwright keeps a session on the worker and stalls when it stops.
 */
let browser: Browser;
test.beforeAll(async () => {
  browser = await launchWithPuppeteer();
});
test.afterAll(async () => {
  await browser?.close();
});

type AuditRow = { kind: string; reason?: string; at?: number };

test('the vault key never reaches storage.session; a worker stop locks the vault, and the idle time locks it with nothing asking', async () => {
  test.setTimeout(180_000);
  const settings: Page = await openSettingsPanel(browser, (await browser.pages())[0]!);
  const send = (kind: string, payload: unknown) =>
    settings.evaluate((k, p) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; value?: unknown }> } } }).chrome.runtime.sendMessage({ airlock: 'internal', kind: k, payload: p, document: (globalThis as unknown as { airlockDocument?: string }).airlockDocument }), kind, payload);
  // Read from an Airlock view: storage.session and the audit store answer without asking the worker.
  const keyStored = () =>
    settings.evaluate(async (key) => key in (await (globalThis as unknown as { chrome: { storage: { session: { get(k: string): Promise<object> } } } }).chrome.storage.session.get(key)), VAULT_SESSION_KEY);
  const idleLocks = () =>
    settings.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('airlock-vault');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const request = open.result.transaction('audit').objectStore('audit').getAll();
            request.onsuccess = () => {
              resolve((request.result as AuditRow[]).filter((e) => e.kind === 'vault-locked' && /idle/i.test(e.reason ?? '')).length);
              open.result.close();
            };
            request.onerror = () => reject(request.error);
          };
        }),
    );

  expect(await send('vault.create', { password: MASTER_PASSWORD })).toMatchObject({ ok: true, value: { unlocked: true } });
  expect(await send('vault.setIdleLock', { minutes: 1 })).toMatchObject({ ok: true, value: { minutes: 1 } });
  // Formerly the key was kept in storage.session so that a restarted worker could resume; now never.
  expect(await keyStored()).toBe(false);

  // A stopped worker takes the key along: the next one finds the vault locked, long before the idle time.
  const worker = await stopServiceWorker(settings);
  expect(await send('vault.status', {})).toMatchObject({ ok: true, value: { unlocked: false } });
  expect(worker.restarted()).toBe(true);
  await worker.close();

  // Unlocked again, and left alone: the worker stays up for the open vault, and locks it at the idle time.
  expect(await send('vault.unlock', { password: MASTER_PASSWORD })).toMatchObject({ ok: true, value: { unlocked: true } });
  const lastUse = Date.now();
  const before = await idleLocks();
  expect(await keyStored()).toBe(false);
  await expect.poll(idleLocks, { timeout: 120_000, intervals: [2_000] }).toBe(before + 1);
  expect(Date.now() - lastUse).toBeGreaterThanOrEqual(59_000);

  // The vault is locked for whoever asks next, and opens again with the master password.
  expect(await send('vault.status', {})).toMatchObject({ ok: true, value: { unlocked: false } });
  expect(await send('vault.unlock', { password: MASTER_PASSWORD })).toMatchObject({ ok: true, value: { unlocked: true } });
  await settings.close();
});
