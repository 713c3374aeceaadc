import { test, expect } from '@playwright/test';
import type { Browser, CDPSession } from 'puppeteer-core';
import { SITE_CARD, startSites, type RunningSites } from '../sites/start-sites';
import { launchWithPuppeteer, openSettingsPanel, openToolbarPopup, stopServiceWorker } from './puppeteer-browser';
import { HumanKey, type VirtualCredential, VIRTUAL_AUTHENTICATOR } from './step-up-human';
import { MASTER_PASSWORD } from './takeover-harness';

// Puppeteer: Playwright stalls when the service worker it holds a session on is stopped.
let browser: Browser;
let sites: RunningSites;

test.beforeAll(async () => {
  browser = await launchWithPuppeteer();
  sites = await startSites();
});
test.afterAll(async () => {
  await browser?.close();
  await sites?.close();
});

const sender = (cdp: CDPSession) => <T,>(method: string, params: Record<string, unknown> = {}) => cdp.send(method as never, params as never) as Promise<T>;

test('a pending approval survives a service-worker stop; approved afterwards, the order is placed exactly once', async () => {
  test.setTimeout(120_000);
  const human = new HumanKey();

  // Enrollment in the settings (side panel): the vault first, whose master password confirms the first passkey.
  const options = await openSettingsPanel(browser, (await browser.pages())[0]!);
  await options.waitForSelector('[data-testid="vault-create"]');
  await options.type('[data-testid="vault-create"] input[name="new-password"]', MASTER_PASSWORD);
  await options.type('[data-testid="vault-create"] input[name="confirm-password"]', MASTER_PASSWORD);
  await options.click('[data-testid="vault-create"] button[type="submit"]');
  await options.waitForSelector('[data-testid="vault"][data-state="unlocked"]', { timeout: 30_000 });
  const optionsCdp = await options.createCDPSession();
  const send = sender(optionsCdp);
  await send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await send<{ authenticatorId: string }>('WebAuthn.addVirtualAuthenticator', { options: VIRTUAL_AUTHENTICATOR });
  await options.type('#passkey-name', 'Restart key');
  await options.click('[data-action="enroll"]');
  await options.waitForSelector('[data-testid="passkeys"] input[name="confirm-master-password"]', { timeout: 20_000 });
  await options.type('[data-testid="passkeys"] input[name="confirm-master-password"]', MASTER_PASSWORD);
  await options.click('[data-testid="passkeys"] [data-action="confirm-password"]');
  await options.waitForSelector('[data-testid="passkey"]', { timeout: 30_000 });
  human.credential = (await send<{ credentials: VirtualCredential[] }>('WebAuthn.getCredentials', { authenticatorId })).credentials[0]!;

  // The agent's checkout is held.
  const agentTab = await browser.newPage();
  await agentTab.goto(`${sites.urls.shop}/checkout`);
  await agentTab.type('#card_holder', SITE_CARD.holder);
  await agentTab.type('#card_number', SITE_CARD.number);
  await agentTab.type('#card_expiry', SITE_CARD.expiry);
  await agentTab.type('#card_cvc', SITE_CARD.cvc);
  await agentTab.click('#place-order');
  const pendingCount = () => options.evaluate(async () => {
    const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime;
    const reply = (await runtime.sendMessage({ airlock: 'internal', kind: 'approval.list', payload: {} })) as { value: { approvals: unknown[] } };
    return reply.value.approvals.length;
  });
  await expect.poll(pendingCount).toBe(1);

  // Chromium stops the idle worker.
  const worker = await stopServiceWorker(agentTab);

  // The human opens the popup: a fresh worker lists the same approval. The stopped worker took the
  // vault's key with it, and with it the means to check the enrolled passkey: the popup asks for an
  // unlock first (the master password no longer stands in for the passkey), then the passkey.
  const popup = await openToolbarPopup(browser, agentTab);
  await popup.waitForSelector('[data-testid="approval"]');
  expect(worker.restarted()).toBe(true);
  await popup.waitForSelector('[data-testid="approval-fallback"][data-fallback="unlock-first"]');
  expect(await popup.$('[data-testid="approval-password-form"]')).toBeNull();
  await popup.type('[data-testid="credentials"] input[name="master-password"]', MASTER_PASSWORD);
  await popup.click('[data-testid="credentials"] button[type="submit"]');
  await popup.waitForSelector('[data-testid="approval"] [data-action="approve"]:not([disabled])', { timeout: 20_000 });
  const amount = await popup.$eval('[data-testid="approval"] [data-field="amount"]', (el) => (el as HTMLElement).dataset.amount);
  expect(amount).toBe('42.00');
  await human.present(sender(await popup.createCDPSession()));
  await popup.click('[data-testid="approval"] [data-action="approve"]');
  await agentTab.waitForSelector('#order-confirmation', { timeout: 30_000 });

  expect(sites.shop.orders).toHaveLength(1);
  expect(sites.shop.attempts).toHaveLength(1);
  await new Promise((r) => setTimeout(r, 500));
  expect(sites.shop.attempts).toHaveLength(1);
});
