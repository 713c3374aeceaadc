import { expect } from '@playwright/test';
import type { Browser, Page } from 'puppeteer-core';
import type { IssuedAccessToken } from '../../lib/protocol/messages';
import { AirlockClient } from '../../lib/protocol/client';
import { SITE_USERS, type RunningSites } from '../sites/start-sites';
import { MASTER_PASSWORD } from './takeover-harness';
import { openSettingsPanel } from './puppeteer-browser';

/** Token-broker steps for the Puppeteer-driven specs that stop the service worker. */

/** Records every message on the agent protocol's two channels, as the page (and the agent) sees them. */
const RECORD_PROTOCOL = `(() => {
  if (window.__protocolLog) return true;
  window.__protocolLog = [];
  window.addEventListener('message', (event) => {
    const data = event.data;
    if (data && (data.channel === 'airlock' || data.channel === 'airlock-agent')) window.__protocolLog.push(JSON.stringify(data));
  });
  return true;
})()`;

export async function agentOn(page: Page, name: string): Promise<AirlockClient> {
  await page.evaluate(RECORD_PROTOCOL);
  const client = new AirlockClient((e) => page.evaluate(e), { name, version: '1.0' }, { timeoutMs: 30_000 });
  await client.hello();
  return client;
}

/** The human creates the vault in Airlock's settings (the side panel, opened over `tab`); returns the settings. */
export async function createVaultInSettings(browser: Browser, tab: Page): Promise<Page> {
  const options = await openSettingsPanel(browser, tab);
  await options.waitForSelector('[data-testid="vault"][data-state="none"]', { timeout: 30_000 });
  await options.type('[data-testid="vault-create"] input[name="new-password"]', MASTER_PASSWORD);
  await options.type('[data-testid="vault-create"] input[name="confirm-password"]', MASTER_PASSWORD);
  await options.click('[data-testid="vault-create"] button[type="submit"]');
  await options.waitForSelector('[data-testid="vault"][data-state="unlocked"]', { timeout: 30_000 });
  return options;
}

/** The human creates the vault and adds the provider in Airlock's settings (the side panel, opened over `tab`); returns the settings. */
export async function setUpTokenBroker(browser: Browser, tab: Page, sites: RunningSites): Promise<Page> {
  const options = await createVaultInSettings(browser, tab);
  await options.type('#provider-form input[name="id"]', 'local-id');
  await options.type('#provider-form input[name="issuer"]', sites.oidc.issuer);
  await options.type('#provider-form input[name="clientId"]', sites.oidc.brokerClientId);
  await options.click('#provider-form button[type="submit"]');
  await options.waitForSelector('[data-provider="local-id"]', { timeout: 30_000 });
  return options;
}

/** Unlocks the vault in the settings with the master password, as the human does after a worker stop locked it. */
export async function unlockInSettings(options: Page): Promise<void> {
  // Opened again: open settings do not learn of a lock they did not make (see the branch's report).
  await options.reload();
  await options.waitForSelector('[data-testid="vault"][data-state="locked"]', { timeout: 30_000 });
  await options.type('[data-testid="vault-unlock"] input[name="master-password"]', MASTER_PASSWORD);
  await options.click('[data-testid="vault-unlock"] button[type="submit"]');
  await options.waitForSelector('[data-testid="vault"][data-state="unlocked"]', { timeout: 30_000 });
}

/** The human types the master password into the confirmation a decision in `popup` opened (no passkey is enrolled). */
export async function confirmWithPassword(popup: Page, within = ''): Promise<void> {
  await popup.waitForSelector(`${within} [data-testid="confirm-password-form"]`, { timeout: 10_000 });
  await popup.type(`${within} input[name="confirm-master-password"]`, MASTER_PASSWORD);
  await popup.click(`${within} [data-action="confirm-password"]`);
}

/** The human approves the token request in the toolbar popup, confirming with the master password (no passkey is enrolled). */
export async function approveToken(popup: Page): Promise<void> {
  await popup.waitForSelector('[data-testid="human-confirm"][data-method="master-password"]', { timeout: 30_000 });
  await popup.click('[data-action="approve-token"]');
  await confirmWithPassword(popup);
  await popup.waitForSelector('[data-action="approve-token"]', { hidden: true, timeout: 30_000 });
}

/** Sends one of Airlock's internal messages from the settings (an Airlock view). */
export async function internal(options: Page, kind: string, payload: object = {}): Promise<{ ok: boolean; value?: unknown }> {
  return options.evaluate(
    (k, p) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; value?: unknown }> } } }).chrome.runtime.sendMessage({ airlock: 'internal', kind: k, payload: p, document: (globalThis as unknown as { airlockDocument?: string }).airlockDocument }),
    kind,
    payload,
  );
}

export interface AuditRow {
  kind: string;
  reason?: string;
  details?: Record<string, unknown>;
}

export async function tokenAudit(options: Page): Promise<AuditRow[]> {
  const reply = (await internal(options, 'vault.auditExport')) as { ok: boolean; value: { json: string } };
  expect(reply.ok).toBe(true);
  const parsed = JSON.parse(reply.value.json) as AuditRow[] | { entries: AuditRow[] };
  const rows = Array.isArray(parsed) ? parsed : parsed.entries;
  return rows.filter((row) => row.details?.broker === 'token');
}


/** The human signs in at the provider in the window `identity.launchWebAuthFlow` opened, and allows. */
export async function signInAndAllow(browser: Browser, sites: RunningSites): Promise<void> {
  const signInTarget = await browser.waitForTarget((t) => t.url().startsWith(`${sites.oidc.issuer}/interaction/`), { timeout: 30_000 });
  const signIn = (await signInTarget.asPage())!;
  await signIn.waitForSelector('#email', { timeout: 30_000 });
  await signIn.type('#email', SITE_USERS.ada.username);
  await signIn.type('#password', SITE_USERS.ada.password);
  await Promise.all([signIn.waitForNavigation(), signIn.click('#sign-in')]);
  await signIn.waitForSelector('#allow', { timeout: 30_000 });
  await signIn.click('#allow');
}

/** An agent in a new tab on the relying party asks for `openid profile`; its requestToken promise is returned unawaited. */
export async function agentAsksForToken(browser: Browser, sites: RunningSites, name: string, timeoutMs: number): Promise<{ agentTab: Page; agent: AirlockClient; pending: Promise<IssuedAccessToken> }> {
  const agentTab = await browser.newPage();
  await agentTab.goto(`${sites.urls.relyingParty}/?mode=popup`);
  const agent = await agentOn(agentTab, name);
  return { agentTab, agent, pending: agent.requestToken('local-id', ['openid', 'profile'], { timeoutMs }) };
}
