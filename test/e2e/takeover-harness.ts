import type { CDPSession, Page } from 'playwright-core';
import { expect } from '@playwright/test';
import type { AirlockClient } from '../../lib/protocol/client';
import { agentClient } from './agent-tab';
import type { ExtensionBrowser } from './extension-browser';
import type { StaticServer } from './static-server';
import { LeakRecorder, observe } from './leak-checks';
import { expectView, openPopup, openSettings, type ExtensionView } from './extension-view';

export const MASTER_PASSWORD = 'e2e master: violet lantern 47';

export interface EntrySpec {
  title: string;
  origin: string;
  username: string;
  password: string;
  totp?: string;
  siteMatch?: boolean;
}

/** A plain sign-in form that records its submit in `window.__submitted` instead of navigating. */
export const SIGN_IN_PAGE = `<!doctype html><title>Sign in</title><h1>Sign in</h1>
<form id=f onsubmit="event.preventDefault(); window.__submitted = true">
<label for=u>Email</label><input id=u name=email type=email autocomplete=username>
<label for=p>Password</label><input id=p name=password type=password autocomplete=current-password>
<button type=submit>Sign in</button></form>`;

/** `host` (under `.localhost`, which Chromium resolves to loopback) on the static server's port: one server plays many sites. */
export const siteAt = (server: StaticServer, host: string, path = '') => `http://${host}:${new URL(server.origin).port}${path}`;

/** Whether a page (or frame) made with SIGN_IN_PAGE was submitted. */
export const submitted = (target: Pick<Page, 'evaluate'>) => target.evaluate(() => (window as unknown as { __submitted?: boolean }).__submitted === true);

/** Creates (or unlocks) the vault and adds entries in Airlock's settings (the side panel), like a person would. */
export async function setUpVault(airlock: ExtensionBrowser, entries: readonly EntrySpec[], page?: Page): Promise<void> {
  const settings = await openSettings(airlock, page);
  const vault = settings.getByTestId('vault');
  const state = await vault.getAttribute('data-state');
  if (state === 'none') {
    const form = settings.getByTestId('vault-create');
    await form.locator('input[name="new-password"]').fill(MASTER_PASSWORD);
    await form.locator('input[name="confirm-password"]').fill(MASTER_PASSWORD);
    await form.locator('button[type="submit"]').click();
  } else if (state === 'locked') {
    await unlockVault(settings);
  }
  await expectView(vault).toHaveAttribute('data-state', 'unlocked', { timeout: 30_000 });
  if (entries.length > 0) await confirmVaultEdit(settings);
  for (const entry of entries) await addEntry(settings, entry);
  await settings.close();
}

/** Unlocks the vault with the master password in the settings' vault section. */
export async function unlockVault(settings: ExtensionView, password = MASTER_PASSWORD): Promise<void> {
  const form = settings.getByTestId('vault-unlock');
  await form.locator('input[name="master-password"]').fill(password);
  await form.locator('button[type="submit"]').click();
  await expectView(settings.getByTestId('vault')).toHaveAttribute('data-state', 'unlocked', { timeout: 30_000 });
}

/**
 * Opens the settings' edit session as the human does: "Confirm to edit the vault", then the master
 * password while no passkey is enrolled, or the human's passkey (`key`, presented to the side panel's
 * own authenticators) once one is. Vault edits from a document without a session are refused.
 */
export async function confirmVaultEdit(settings: ExtensionView, password = MASTER_PASSWORD, key?: HumanKeyLike): Promise<void> {
  const gate = settings.getByTestId('vault-edit');
  await expectView(gate).toHaveAttribute('data-state', /open|closed/, { timeout: 15_000 });
  if ((await gate.getAttribute('data-state')) === 'open') return;
  const piece = settings.locator('[data-testid="vault-edit"] [data-testid="human-confirm"]:not([data-method="loading"])');
  const loaded = await piece.waitFor({ timeout: 15_000 }).then(
    () => true,
    () => false,
  );
  if (!loaded) {
    // Seen now and then: the piece's one `confirm.method` call failed, and it stays "loading" for
    // good. Said in the log (see the branch's report); the human then opens the settings again.
    console.warn(`confirm piece stuck loading: ${await gate.innerText().catch((e: Error) => e.message)}`);
    await settings.reload();
    return confirmVaultEdit(settings, password, key);
  }
  if ((await piece.getAttribute('data-method')) === 'passkey') {
    if (!key) throw new Error('A passkey is enrolled: pass the human key to confirm vault edits');
    const send = <T,>(method: string, params: Record<string, unknown> = {}) => settings.send<T>(method, params);
    const authenticatorId = await key.present(send);
    await gate.locator('[data-action="begin-edit"]').click();
    await expectView(gate).toHaveAttribute('data-state', 'open', { timeout: 30_000 });
    await key.sync(send, authenticatorId);
    return;
  }
  await gate.locator('[data-action="begin-edit"]').click();
  const form = gate.getByTestId('confirm-password-form');
  await expectView(form.or(gate.getByTestId('confirm-error'))).toBeVisible({ timeout: 15_000 });
  if (!(await form.isVisible())) throw new Error(`edit confirmation refused: ${await gate.getByTestId('confirm-error').getAttribute('data-code')}`);
  await form.locator('input[name="confirm-master-password"]').fill(password);
  await form.locator('button[type="submit"]').click();
  await expectView(gate).toHaveAttribute('data-state', 'open', { timeout: 30_000 });
}

/** What confirming with the human's passkey needs of it (see `HumanKey` in step-up-human.ts). */
export interface HumanKeyLike {
  present(send: <T>(method: string, params?: Record<string, unknown>) => Promise<T>): Promise<string>;
  sync(send: <T>(method: string, params?: Record<string, unknown>) => Promise<T>, authenticatorId: string): Promise<void>;
}

/** The settings, unlocked, with an edit session confirmed by the master password. */
export async function openSettingsForEdits(airlock: ExtensionBrowser, page?: Page): Promise<ExtensionView> {
  const settings = await openSettings(airlock, page);
  await confirmVaultEdit(settings);
  return settings;
}

/** The number of readable entries the settings say the vault holds. */
export const entryCount = async (settings: ExtensionView) => Number((await settings.getByTestId('entry-count').textContent())!.replace(/\D+/g, ''));

export async function addEntry(settings: ExtensionView, entry: EntrySpec): Promise<void> {
  const form = settings.getByTestId('entry-add');
  const before = await settings.locator('[data-testid="entries"] > li').count();
  await form.locator('input[name="title"]').fill(entry.title);
  await form.locator('input[name="origin"]').fill(entry.origin);
  await form.locator('input[name="username"]').fill(entry.username);
  await form.locator('input[name="password"]').fill(entry.password);
  if (entry.totp) await form.locator('input[name="totp"]').fill(entry.totp);
  if (entry.siteMatch) await form.locator('input[name="site-match"]').check();
  await form.locator('button[type="submit"]').click();
  await expectView(settings.locator('[data-testid="entries"] > li')).toHaveCount(before + 1, { timeout: 15_000 });
}

/**
 * The audit log as JSON, asked for from an Airlock view: the toolbar popup, over the browser's first
 * tab, so that settings a test has open in the side panel (one per window) stay as they are.
 */
export async function auditJson(airlock: ExtensionBrowser): Promise<string> {
  const view = await openPopup(airlock, airlock.context.pages()[0]!);
  const reply = (await view.evaluate(() =>
    (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({
      airlock: 'internal',
      kind: 'vault.auditExport',
      payload: {},
      document: (globalThis as unknown as { airlockDocument?: string }).airlockDocument,
    }),
  )) as { ok: boolean; value: { json: string } };
  await view.close();
  expect(reply.ok).toBe(true);
  return reply.value.json;
}

export interface AuditRecord {
  kind: string;
  origin?: string;
  agent?: string;
  reason?: string;
  details?: Record<string, unknown>;
}

/** The audit log's entries for one origin. */
export async function auditFor(airlock: ExtensionBrowser, origin: string): Promise<AuditRecord[]> {
  return (JSON.parse(await auditJson(airlock)) as { entries: AuditRecord[] }).entries.filter((e) => e.origin === origin);
}

/**
 * The human, in the real toolbar popup: waits for the agent's request, checks what it shows, and
 * clicks the entry (or Deny). Returns the popup's text as shown before the click.
 */
export async function decideInPopup(
  airlock: ExtensionBrowser,
  page: Page,
  decision: { entryTitle: string; remember?: boolean; inPage?: boolean } | 'deny',
): Promise<string> {
  const popup = await openPopup(airlock, page);
  try {
    await popup.waitForSelector('.credential-request', { timeout: 15_000 });
    const text = await popup.text();
    // One request waits at a time here: another one listed would be a request left behind.
    const listed = () => popup.evaluate<number>('document.querySelectorAll(".credential-request").length');
    const count = await listed();
    if (count !== 1) throw new Error(`popup: ${count} sign-in requests listed, expected one:\n${text}`);
    if (decision === 'deny') {
      await popup.click('.credential-request [data-action="deny"]');
    } else {
      if (decision.remember) await popup.click('.credential-request input[name="remember"]');
      if (decision.inPage) {
        // Behind a disclosure, as the human meets it: open it, then tick.
        await popup.click('.credential-request .credential-in-page-option summary');
        await popup.click('.credential-request input[name="in-page"]');
      }
      const clicked = await popup.evaluate<boolean>(
        `(() => { const b = [...document.querySelectorAll('.credential-request [data-entry-id]')].find((x) => x.textContent.includes(${JSON.stringify(decision.entryTitle)})); if (!b) return false; b.click(); return true; })()`,
      );
      if (!clicked) throw new Error(`popup: no entry ${decision.entryTitle} in\n${text}`);
      // A click is no proof: while no passkey is enrolled, the master password confirms the choice.
      await confirmWithMasterPassword(popup);
    }
    // The popup's list empties once the background took the decision.
    const deadline = Date.now() + 15_000;
    while ((await listed()) > 0) {
      if (Date.now() > deadline) throw new Error(`popup: the request is still listed after the decision:\n${await popup.text()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return text;
  } finally {
    await popup.close();
  }
}

/**
 * A Playwright-driven agent that keeps its own action log (what it did and what it saw) and takes the
 * observations a T1 agent takes: every one is recorded for the leak checks.
 */
export class RecordingAgent {
  readonly log: string[] = [];
  readonly client: AirlockClient;
  private cdp: CDPSession | null = null;

  constructor(
    readonly page: Page,
    readonly recorder: LeakRecorder,
  ) {
    this.client = agentClient(page, 'takeover-agent');
    recorder.watchConsole(page);
  }

  async goto(url: string): Promise<void> {
    this.log.push(`goto ${url}`);
    await this.page.goto(url);
  }

  async hello(): Promise<void> {
    // As in observe(): Airlock may submit the page (a carried decision) while the agent says hello,
    // and a multi-step sign-in can navigate twice in a row: greet the page that stays.
    let welcome: Awaited<ReturnType<AirlockClient['hello']>> | undefined;
    for (let attempt = 1; welcome === undefined; attempt++) {
      welcome = await this.client.hello().catch(async (error: Error) => {
        if (attempt >= 4 || !/Target closed|detached|destroyed|navigat|Not attached/i.test(error.message)) throw error;
        await this.page.waitForLoadState();
        return undefined;
      });
    }
    this.log.push(`hello -> ${JSON.stringify(welcome)}`);
    this.recorder.add('protocol', JSON.stringify(welcome));
  }

  /** Tries to type into a field, as an agent told to "sign in" would; records what happened. */
  async tryType(selector: string, text: string): Promise<string> {
    let outcome: string;
    try {
      await this.page.fill(selector, text, { timeout: 5000 });
      outcome = 'typed';
    } catch (error) {
      outcome = `failed: ${(error as Error).message.split('\n')[0]}`;
    }
    const value = await this.page.inputValue(selector).catch(() => '?');
    this.log.push(`fill ${selector} (${text.length} chars) -> ${outcome}; value now ${JSON.stringify(value)}`);
    return value;
  }

  async observe(): Promise<void> {
    this.cdp ??= await this.page.context().newCDPSession(this.page);
    await observe(this.page, this.recorder, this.cdp).catch(async (error: Error) => {
      // A navigation under way detaches the session: take a fresh one and observe again.
      if (!/Target closed|detached|destroyed|navigat|Not attached/i.test(error.message)) throw error;
      this.cdp = await this.page.context().newCDPSession(this.page);
      await this.page.waitForLoadState();
      await observe(this.page, this.recorder, this.cdp);
    });
    this.log.push(`observed ${this.page.url()}`);
  }

  async waitForLogin(statuses: Parameters<AirlockClient['waitForLogin']>[0]): Promise<void> {
    const login = await this.client.waitForLogin(statuses, { timeoutMs: 20_000 });
    this.log.push(`login event ${JSON.stringify(login)}`);
    this.recorder.add('protocol', JSON.stringify(login));
  }

  /** All protocol events this document received, into the record. */
  async collectEvents(): Promise<void> {
    const events = await this.client.events().catch(() => []);
    this.recorder.add('protocol', JSON.stringify(events));
    this.log.push(`events ${JSON.stringify(events)}`);
  }

  finish(): void {
    this.recorder.add('agent-log', this.log.join('\n'));
  }
}

export interface PopupRequest {
  origin: string;
  entries: number;
  warnings: string;
  text: string;
}

/** What the toolbar popup shows about waiting requests (for tests that check the prompt itself). */
export async function popupRequests(
  airlock: ExtensionBrowser,
  page: Page,
  then?: (popup: ExtensionView) => Promise<void>,
  forOrigin?: string,
): Promise<PopupRequest[]> {
  const popup = await openPopup(airlock, page);
  try {
    // Other tabs of the shared browser may have requests of their own: wait for the one asked about.
    await popup.waitForSelector(forOrigin ? `.credential-request[data-origin="${forOrigin}"]` : '.credential-request', { timeout: 15_000 });
    const requests = await popup.evaluate<PopupRequest[]>(
      `[...document.querySelectorAll('.credential-request')].map((el) => ({ origin: el.dataset.origin, entries: el.querySelectorAll('[data-entry-id]').length, warnings: el.querySelector('[data-testid="credential-warnings"]')?.textContent ?? '', text: el.textContent }))`,
    );
    if (then) await then(popup);
    return requests;
  } finally {
    await popup.close();
  }
}

/**
 * Answers a confirmation that asks for the master password in `view`, if one does (no passkey is
 * enrolled); returns whether it did. A decision with a passkey enrolled is confirmed by the ceremony.
 */
export async function confirmWithMasterPassword(view: ExtensionView, password = MASTER_PASSWORD, timeoutMs = 5_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const state = await view.evaluate<string>(
      `(() => { const f = document.querySelector('[data-testid="confirm-password-form"]'); if (f) return 'ask'; const m = document.querySelector('[data-testid="human-confirm"][data-method="passkey"]'); return m ? 'passkey' : 'none'; })()`,
    );
    if (state === 'ask') {
      await view.locator('[data-testid="confirm-password-form"] input[name="confirm-master-password"]').fill(password);
      await view.locator('[data-testid="confirm-password-form"] [data-action="confirm-password"]').click();
      return true;
    }
    if (state === 'passkey') return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}
