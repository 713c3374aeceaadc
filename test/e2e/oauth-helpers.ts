import type { BrowserContext, Page, Worker } from 'playwright-core';
import { expect } from '@playwright/test';
import type { ExtensionBrowser } from './extension-browser';
import { AirlockClient } from '../../lib/protocol/client';
import { SITE_USERS } from '../sites/start-sites';
import { MASTER_PASSWORD } from './takeover-harness';
import { expectView, openPopup, type ExtensionView, type ViewLocator } from './extension-view';

/** Markers of the provider's login page and of the human's secret: none may ever reach an agent snapshot. */
export const FORBIDDEN_IN_AGENT_VIEW = ['id="login-form"', 'id="password"', 'type="password"', SITE_USERS.ada.password, 'Email address'];

/**
 * Records what an agent would observe of its tab (DOM and accessibility snapshots), on every load
 * and every `intervalMs`, until stopped.
 */
export function recordAgentView(page: Page, intervalMs = 150): { stop(): Promise<string[]> } {
  const snapshots: string[] = [];
  let running = true;
  const take = async () => {
    try {
      snapshots.push(await page.content());
      snapshots.push(await page.locator('body').ariaSnapshot({ timeout: 2000 }));
    } catch {
      // Mid-navigation: nothing to see.
    }
  };
  const onLoad = () => void take();
  page.on('domcontentloaded', onLoad);
  const loop = (async () => {
    while (running) {
      await take();
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  })();
  return {
    async stop() {
      running = false;
      page.off('domcontentloaded', onLoad);
      await loop;
      await take();
      return snapshots;
    },
  };
}

export function leaks(snapshots: string[]): string[] {
  return snapshots.flatMap((snapshot) => FORBIDDEN_IN_AGENT_VIEW.filter((marker) => snapshot.includes(marker)));
}

/**
 * The human window Airlock opened: while the sign-in waits for the human, it shows Airlock's sandboxed
 * holding page (no extension API; the decision is in the toolbar popup), then the provider.
 */
export async function humanWindow(context: BrowserContext, extensionId: string, timeoutMs = 20_000): Promise<Page> {
  const prefix = `chrome-extension://${extensionId}/human-window.html`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const page = context.pages().find((p) => p.url().startsWith(prefix));
    if (page) return page;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Airlock did not open its human window; pages: ${context.pages().map((p) => p.url()).join(', ')}`);
}

/** The flow a human window's holding page is about. */
export const flowOf = (holding: Page): string => new URL(holding.url()).searchParams.get('flow')!;

/** One sign-in's consent in the toolbar popup (or side panel): who asks, the provider, the scopes, Continue and Deny. */
export const consentIn = (view: ExtensionView, flowId: string): ViewLocator => view.locator(`[data-testid="oauth-consents"] article.consent[data-flow="${flowId}"]`);

/** Opens the toolbar popup and waits for the flow's consent there. */
export async function popupWithConsent(airlock: ExtensionBrowser, flowId: string, page?: Page): Promise<ExtensionView> {
  const popup = await openPopup(airlock, page);
  await consentIn(popup, flowId).waitFor({ timeout: 20_000 });
  return popup;
}

/**
 * The human clicks Continue for the sign-in the human window `holding` waits for, in the toolbar
 * popup, confirming as Airlock asks: nothing more while it has neither passkey nor vault (an
 * unconfirmed click), the master password while it has only a vault. A spec with a passkey enrolled
 * presents the human's key itself (see human-confirmation.spec.ts). Decided once the human window
 * went on to the provider.
 */
export async function continueAsHuman(airlock: ExtensionBrowser, holding: Page, masterPassword = MASTER_PASSWORD): Promise<void> {
  const flowId = flowOf(holding);
  const popup = await popupWithConsent(airlock, flowId);
  try {
    const consent = consentIn(popup, flowId);
    const piece = consent.getByTestId('human-confirm');
    await consent.locator('[data-testid="human-confirm"]:not([data-method="loading"])').waitFor({ timeout: 20_000 });
    const method = await piece.getAttribute('data-method');
    if (method === 'passkey') throw new Error('A passkey is enrolled: present the human key before Continue');
    await consent.locator('[data-action="oauth-continue"]').click();
    if (method === 'master-password') {
      const form = piece.getByTestId('confirm-password-form');
      await form.locator('input[name="confirm-master-password"]').fill(masterPassword);
      await form.locator('button[type="submit"]').click();
    }
    await leftHoldingPage(holding);
  } finally {
    await popup.close();
  }
}

/** The human clicks Deny for the sign-in `holding` waits for, in the toolbar popup. */
export async function denyAsHuman(airlock: ExtensionBrowser, holding: Page): Promise<void> {
  const flowId = flowOf(holding);
  const popup = await popupWithConsent(airlock, flowId);
  try {
    await consentIn(popup, flowId).locator('[data-action="oauth-deny"]').click();
    // Decided once its buttons are gone (it says so, or leaves the list).
    await expectView(consentIn(popup, flowId).locator('[data-action="oauth-deny"]')).toHaveCount(0, { timeout: 30_000 });
  } finally {
    await popup.close();
  }
}

/** Waits until the human window left the holding page (Continue took it on to the provider). */
export async function leftHoldingPage(holding: Page, timeoutMs = 30_000): Promise<void> {
  await expect.poll(() => holding.isClosed() || !holding.url().includes('/human-window.html'), { timeout: timeoutMs }).toBe(true);
}

/** The human approves the listed token request in the toolbar popup, confirming the same way. */
export async function approveTokenAsHuman(popup: ExtensionView, masterPassword = MASTER_PASSWORD): Promise<void> {
  await popup.waitForSelector('[data-testid="human-confirm"]:not([data-method="loading"])', { timeout: 20_000 });
  const method = await popup.evaluate<string>('document.querySelector(\'[data-testid="human-confirm"]\').dataset.method');
  if (method === 'passkey') throw new Error('A passkey is enrolled: present the human key before approving');
  await popup.click('[data-action="approve-token"]');
  if (method === 'master-password') {
    await popup.waitForSelector('[data-testid="confirm-password-form"]', { timeout: 10_000 });
    await popup.evaluate(
      `(() => { const input = document.querySelector('input[name="confirm-master-password"]'); input.value = ${JSON.stringify(masterPassword)}; input.dispatchEvent(new Event('input', { bubbles: true })); })()`,
    );
    await popup.click('[data-action="confirm-password"]');
  }
  // Decided once the request runs (its buttons give way to a status line); a refusal or a stall says what the popup showed.
  const deadline = Date.now() + 45_000;
  while (await popup.evaluate<boolean>('!!document.querySelector(\'[data-action="approve-token"]\')')) {
    const alert = await popup.evaluate<string>('[...document.querySelectorAll(\'.token-requests [role="alert"], [data-testid="confirm-error"]\')].map((e) => (e.dataset.code ?? "") + " " + e.textContent).join(" | ")');
    if (alert) throw new Error(`token approval refused in the popup: ${alert}`);
    if (Date.now() > deadline) throw new Error(`token approval still pending after 45 s; the popup shows:\n${(await popup.text()).slice(0, 600)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The human signs in at the provider and allows access (Local ID's interaction pages). */
export async function signInAndAllow(page: Page): Promise<void> {
  await page.locator('#email').fill(SITE_USERS.ada.username, { timeout: 20_000 });
  await page.locator('#password').fill(SITE_USERS.ada.password);
  await page.locator('#sign-in').click();
  await page.locator('#allow').click({ timeout: 20_000 });
}

export interface AuditRecord {
  kind: string;
  reason?: string;
  tabId?: number;
  origin?: string;
  agent?: string;
  details?: Record<string, unknown>;
}

/** Airlock's audit log, read from the vault database in the service worker. */
export async function auditEntries(worker: Worker): Promise<AuditRecord[]> {
  return worker.evaluate(
    () =>
      new Promise<AuditRecord[]>((resolve, reject) => {
        const open = indexedDB.open('airlock-vault');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('audit')) return resolve([]);
          const request = db.transaction('audit').objectStore('audit').getAll();
          request.onsuccess = () => {
            resolve(request.result as AuditRecord[]);
            db.close();
          };
          request.onerror = () => reject(request.error);
        };
      }),
  );
}

export function brokerAudit(entries: AuditRecord[], flowId?: string): AuditRecord[] {
  return entries.filter((e) => e.details?.broker === 'oauth' && (flowId === undefined || e.details.flow === flowId));
}

/** Rewrites a persisted flow's deadline, as if its time had run out. */
export async function expireFlow(worker: Worker, flowId: string): Promise<void> {
  await worker.evaluate(async (id) => {
    const c = (globalThis as unknown as { chrome: { storage: { session: { get(k: string): Promise<Record<string, unknown>>; set(v: object): Promise<void> } } } }).chrome;
    const key = 'oauthFlows.v1';
    const table = (await c.storage.session.get(key))[key] as Record<string, { expiresAt: number }>;
    table[id]!.expiresAt = Date.now() - 1000;
    await c.storage.session.set({ [key]: table });
  }, flowId);
}

/** The agent's protocol client, patient: two cores and other browsers make the first answer slow. */
export function patientAgent(page: Page, name = 'e2e-agent'): AirlockClient {
  return new AirlockClient((expression) => page.evaluate(expression), { name, version: '1.0' }, { timeoutMs: 20_000 });
}
