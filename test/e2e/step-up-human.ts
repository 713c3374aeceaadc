import { stepUpEntryOf } from '../../lib/approvals/audit-trail';
import type { AuditEntry as ChainEntry } from '../../lib/vault/audit-log';
import type { CDPSession, Page, Worker } from 'playwright-core';
import type { ApprovalListing, AuditEntry, PasskeyView } from '../../lib/approvals/messages';
import type { AirlockClient } from '../../lib/protocol/client';
import { SITE_CARD, startSites, type RunningSites } from '../sites/start-sites';
import { agentClient } from './agent-tab';
import type { ExtensionBrowser } from './extension-browser';
import { expect, test } from './fixtures';
import { openedSettings, openPopup, openSettings, type ExtensionView } from './extension-view';
import { MASTER_PASSWORD } from './takeover-harness';

/** A CTAP2 platform authenticator with user verification, as a phone or laptop biometric would be. */
export const VIRTUAL_AUTHENTICATOR = {
  protocol: 'ctap2',
  transport: 'internal',
  hasResidentKey: true,
  hasUserVerification: true,
  isUserVerified: true,
  automaticPresenceSimulation: true,
} as const;

export interface VirtualCredential {
  credentialId: string;
  isResidentCredential: boolean;
  rpId?: string;
  privateKey: string;
  userHandle?: string;
  signCount: number;
}

/** Airlock's id for a credential (base64url), from the browser's (standard base64). */
export const passkeyIdOf = (credential: VirtualCredential): string => Buffer.from(credential.credentialId, 'base64').toString('base64url');

export type Send = <T>(method: string, params?: Record<string, unknown>) => Promise<T>;

/** Sends CDP commands (the WebAuthn domain among them) through `cdp`. */
export const cdpSender = (cdp: CDPSession): Send => (method, params = {}) => cdp.send(method as never, params as never) as never;

/**
 * The human's authenticator. Virtual authenticators live per target, so the credential enrolled in
 * the side panel is carried to the popup (private key and counter) as the same physical key would be.
 */
export class HumanKey {
  credential: VirtualCredential | null = null;

  /** The id Airlock lists this key's passkey under. */
  get id(): string {
    if (!this.credential) throw new Error('no passkey enrolled');
    return passkeyIdOf(this.credential);
  }

  /**
   * Enrolls the first passkey in Airlock's settings (the side panel): creates the vault first where
   * there is none (its master password is what confirms the first enrollment), then types it when
   * asked. The authenticator is the side panel's (virtual authenticators live per target); the
   * settings are returned with it.
   */
  async enroll(airlock: ExtensionBrowser, name = 'Test key', masterPassword = MASTER_PASSWORD): Promise<ExtensionView> {
    const settings = await openSettings(airlock);
    if ((await settings.getByTestId('vault').getAttribute('data-state')) === 'none') {
      await settings.locator('[data-testid="vault-create"] input[name="new-password"]').fill(masterPassword);
      await settings.locator('[data-testid="vault-create"] input[name="confirm-password"]').fill(masterPassword);
      await settings.locator('[data-testid="vault-create"] button[type="submit"]').click();
      await settings.waitForSelector('[data-testid="vault"][data-state="unlocked"]', { timeout: 30_000 });
    }
    const send: Send = (method, params = {}) => settings.send(method, params);
    await send('WebAuthn.enable', { enableUI: false });
    const { authenticatorId } = await send<{ authenticatorId: string }>('WebAuthn.addVirtualAuthenticator', { options: VIRTUAL_AUTHENTICATOR });
    await settings.locator('#passkey-name').fill(name);
    await settings.click('[data-action="enroll"]');
    const passkeys = settings.getByTestId('passkeys');
    await passkeys.getByTestId('confirm-password-form').waitFor({ timeout: 20_000 });
    await passkeys.locator('input[name="confirm-master-password"]').fill(masterPassword);
    await passkeys.locator('[data-action="confirm-password"]').click();
    const outcome = settings.locator('[data-testid="passkey"], [data-testid="passkey-error"], [data-testid="passkeys"] [data-testid="confirm-error"]');
    await outcome.first().waitFor({ state: 'attached', timeout: 30_000 });
    const refused = settings.locator('[data-testid="passkey-error"], [data-testid="passkeys"] [data-testid="confirm-error"]');
    if (await refused.count()) throw new Error(`enrollment failed: ${await refused.first().getAttribute('data-code')} ${await refused.first().textContent()}`);
    const { credentials } = await send<{ credentials: VirtualCredential[] }>('WebAuthn.getCredentials', { authenticatorId });
    this.credential = credentials[0]!;
    return settings;
  }

  /**
   * Removes the enrolled passkey again (confirmed with it, in the settings), so that spec files run
   * after this one in the same browser find Airlock without a passkey, as they expect.
   */
  async unenroll(airlock: ExtensionBrowser): Promise<void> {
    const settings = await openSettings(airlock);
    await this.present((method, params = {}) => settings.send(method, params));
    // One passkey is enrolled in these specs: the human's.
    await settings.locator('[data-testid="passkey"] [data-action="remove"]').first().click({ timeout: 20_000 });
    await settings.locator('[data-testid="no-passkeys"], [data-testid="passkey-error"]').first().waitFor({ state: 'attached', timeout: 30_000 });
    const refused = settings.getByTestId('passkey-error');
    if (await refused.count()) throw new Error(`removal failed: ${await refused.getAttribute('data-code')}`);
    this.credential = null;
    await settings.close();
  }

  /** Puts the human's key into a page's (or popup's) WebAuthn environment; returns the authenticator id. */
  async present(send: Send): Promise<string> {
    if (!this.credential) throw new Error('no passkey enrolled');
    await send('WebAuthn.enable', { enableUI: false });
    const { authenticatorId } = await send<{ authenticatorId: string }>('WebAuthn.addVirtualAuthenticator', { options: VIRTUAL_AUTHENTICATOR });
    await send('WebAuthn.addCredential', { authenticatorId, credential: this.credential });
    return authenticatorId;
  }

  /** Reads the key's counter back after use, so the next ceremony continues from it. */
  async sync(send: Send, authenticatorId: string): Promise<void> {
    const { credentials } = await send<{ credentials: VirtualCredential[] }>('WebAuthn.getCredentials', { authenticatorId });
    const mine = credentials.find((c) => c.credentialId === this.credential?.credentialId);
    if (mine) this.credential = mine;
  }
}

/** The id of the first approval listed in the popup (waits for one). */
export async function waitForApproval(popup: ExtensionView, timeoutMs = 20_000): Promise<string> {
  await popup.waitForSelector('[data-testid="approval"]', { timeout: timeoutMs });
  return popup.evaluate<string>('document.querySelector(\'[data-testid="approval"]\').dataset.id');
}

/** Approves in the popup with the human's key, as the human would (click, biometric). */
export async function approveInPopup(popup: ExtensionView, human: HumanKey, id: string): Promise<void> {
  const send: Send = (method, params = {}) => popup.send(method, params);
  const authenticatorId = await human.present(send);
  await popup.click(`[data-testid="approval"][data-id="${id}"] [data-action="approve"]`);
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const state = await popup.evaluate<string>(
      `(() => { const e = document.querySelector('[data-testid="approval-error"]'); if (e) return 'error:' + e.dataset.code; return document.querySelector('[data-testid="approval"][data-id="${id}"]') ? 'waiting' : 'gone'; })()`,
    );
    if (state === 'gone') break;
    if (state.startsWith('error:')) throw new Error(`popup refused: ${state}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  await human.sync(send, authenticatorId);
}

/** The step-up entries of the audit chain, with their receipts, read from the vault database in the worker (as a debugger could). */
export async function auditOf(worker: Worker): Promise<AuditEntry[]> {
  const { chain, receipts } = await worker.evaluate(
    () =>
      new Promise<{ chain: ChainEntry[]; receipts: Array<{ approvalId: string; receipt: unknown }> }>((resolve, reject) => {
        const open = indexedDB.open('airlock-vault');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['audit', 'receipts']);
          const audit = tx.objectStore('audit').getAll();
          const stored = tx.objectStore('receipts').getAll();
          tx.oncomplete = () => {
            open.result.close();
            resolve({ chain: audit.result as ChainEntry[], receipts: stored.result as Array<{ approvalId: string; receipt: unknown }> });
          };
        };
      }),
  );
  const byApproval = new Map(receipts.map((r) => [r.approvalId, r.receipt]));
  const entries: AuditEntry[] = [];
  for (const entry of chain) {
    const stepUp = await stepUpEntryOf(entry, byApproval);
    if (stepUp) entries.push(stepUp);
  }
  return entries;
}

/** What runs script in one of Airlock's documents: a view (side panel, popup) or a page. */
export interface ScriptTarget {
  evaluate<T>(expression: string): Promise<T>;
}

/** Sends a raw internal message from an Airlock view (popup or side panel), as any code there could. */
export async function sendFromExtensionPage(view: ScriptTarget, kind: string, payload: unknown): Promise<{ ok: boolean; error?: { code: string }; value?: unknown }> {
  // As the view's own code sends it: naming the document (lib/messaging/call.ts).
  return view.evaluate(`chrome.runtime.sendMessage({ ...${JSON.stringify({ airlock: 'internal', kind, payload })}, document: globalThis.airlockDocument })`);
}

/** Pending approvals, as the popup would list them (read from an Airlock view). */
export async function listApprovals(view: ScriptTarget): Promise<ApprovalListing> {
  const reply = await sendFromExtensionPage(view, 'approval.list', {});
  return reply.value as ApprovalListing;
}

/** Enrolled passkeys, as the settings list them (read from an Airlock view). */
export async function listPasskeys(view: ScriptTarget): Promise<PasskeyView[]> {
  return (await sendFromExtensionPage(view, 'passkey.list', {})).value as PasskeyView[];
}

/** The human denies everything still pending (leaves the next test a clean queue). */
export async function denyAllApprovals(view: ScriptTarget): Promise<void> {
  for (const a of (await listApprovals(view)).approvals) await sendFromExtensionPage(view, 'approval.deny', { id: a.id });
}

/**
 * Airlock's settings kept open for a whole spec file, as "an Airlock page" for raw messages, with the
 * human's key in its authenticator. Airlock closes every view alive when one of its pages is opened
 * in a tab (an attack some tests play): then the settings are opened again, the key presented again.
 */
export class SuiteSettings implements ScriptTarget {
  private current: ExtensionView | null = null;

  constructor(
    private readonly airlock: ExtensionBrowser,
    private readonly human: HumanKey,
    first: ExtensionView,
  ) {
    this.current = first;
  }

  async view(): Promise<ExtensionView> {
    if (!this.current || this.current.isClosed || (await this.tainted(this.current))) {
      await this.current?.detach();
      // Settings a test opened (one side panel per window) serve as well, and are left as they are.
      const open = await openedSettings(this.airlock);
      if (open && !(await this.tainted(open))) return (this.current = open);
      await open?.detach();
      // Opened right after Airlock closed every view (an Airlock page in a tab), they may be closed too: again then.
      for (let attempt = 1; ; attempt++) {
        const fresh = await openSettings(this.airlock);
        if (this.human.credential) await this.human.present((method, params = {}) => fresh.send(method, params)).catch(() => undefined);
        if (!fresh.isClosed && !(await this.tainted(fresh))) {
          this.current = fresh;
          break;
        }
        if (attempt >= 5) throw new Error('Airlock keeps closing its settings');
        await new Promise((r) => setTimeout(r, 250 * attempt));
      }
    }
    return this.current;
  }

  private async tainted(view: ExtensionView): Promise<boolean> {
    const reply = await sendFromExtensionPage(view, 'vault.status', {}).catch(() => ({ ok: false, error: { code: 'CLOSED' } }));
    return !reply.ok && ['OWN_PAGE_TAINTED', 'CLOSED'].includes(reply.error?.code ?? '');
  }

  async evaluate<T>(expression: string): Promise<T> {
    // Airlock closes every view of its own a moment after it sees one of its pages in a tab: a view
    // found open may close during the call. Then the call is made again in settings opened afresh.
    for (let attempt = 1; ; attempt++) {
      const view = await this.view();
      try {
        return await view.evaluate<T>(expression);
      } catch (error) {
        const closed = view.isClosed || /No session|closed|detached/i.test(String(error));
        if (!closed || attempt >= 3) throw error;
        this.current = null;
        await view.detach().catch(() => undefined);
      }
    }
  }

  async close(): Promise<void> {
    await this.current?.close();
    this.current = null;
  }
}

/** The approval statuses the agent was told through the protocol, in order. */
export async function approvalStatuses(agent: AirlockClient): Promise<string[]> {
  return (await agent.events()).flatMap((e) => ((e as { event: string }).event === 'approval' ? [(e as unknown as { approval: { status: string } }).approval.status] : []));
}

/** Read in tests and hooks (set before the first test). */
export interface StepUpSuite {
  readonly human: HumanKey;
  readonly sites: RunningSites;
  /** The settings the human enrolled from; kept open as "an Airlock page" for raw messages. */
  readonly options: SuiteSettings;
}

/**
 * A serial step-up test file: the local sites, and the human's passkey enrolled before the first test
 * and removed after the last, since spec files after it share the browser and expect no passkey.
 */
export function stepUpSuite(): StepUpSuite {
  let sites: RunningSites | undefined;
  let current: { human: HumanKey; options: SuiteSettings } | undefined;
  test.describe.configure({ mode: 'serial' });
  test.setTimeout(120_000);
  test.beforeAll(async ({ airlock }) => {
    sites = await startSites();
    const human = new HumanKey();
    current = { human, options: new SuiteSettings(airlock, human, await human.enroll(airlock, 'Test key')) };
  });
  test.afterAll(async ({ airlock }) => {
    await sites?.close();
    await current?.options.close();
    if (current?.human.credential) await current.human.unenroll(airlock);
  });
  return {
    get human() {
      return current!.human;
    },
    get sites() {
      return sites!;
    },
    get options() {
      return current!.options;
    },
  };
}

/** Waits for the one pending approval and approves it in the toolbar popup with the human's key; returns its id. */
export async function approveNextInPopup(airlock: ExtensionBrowser, page: Page, suite: StepUpSuite, key: HumanKey = suite.human): Promise<string> {
  await expect.poll(async () => (await listApprovals(suite.options)).approvals.length).toBe(1);
  const popup = await openPopup(airlock, page);
  const id = await waitForApproval(popup);
  await approveInPopup(popup, key, id);
  await popup.close();
  return id;
}

/** The agent opens the shop's checkout, says hello to Airlock and fills the card form; returns its client. */
export async function openCheckout(page: Page, sites: RunningSites): Promise<AirlockClient> {
  const agent = agentClient(page);
  await page.goto(`${sites.urls.shop}/checkout`);
  await agent.hello();
  await fillCard(page);
  return agent;
}

/** Fills the shop's card form as the agent would. */
export async function fillCard(page: Page): Promise<void> {
  await page.fill('#card_holder', SITE_CARD.holder);
  await page.fill('#card_number', SITE_CARD.number);
  await page.fill('#card_expiry', SITE_CARD.expiry);
  await page.fill('#card_cvc', SITE_CARD.cvc);
}

/**
 * Switches the popup's tab to "Me", proving it as Airlock asks: with the human's passkey where one is
 * enrolled (presented to the popup first), else the master password typed in the popup.
 */
export async function switchTabToHuman(popup: ExtensionView, human?: HumanKey, masterPassword = MASTER_PASSWORD): Promise<void> {
  const send: Send = (method, params = {}) => popup.send(method, params);
  const authenticatorId = human?.credential ? await human.present(send) : null;
  await popup.click('input[name="tab"][value="human"]');
  if (!authenticatorId) {
    await popup.waitForSelector('[data-testid="confirm-password-form"]', { timeout: 10_000 });
    await popup.locator('input[name="confirm-master-password"]').fill(masterPassword);
    await popup.locator('[data-action="confirm-password"]').click();
  }
  const deadline = Date.now() + 15_000;
  while (!(await popup.text()).includes('You are driving this tab')) {
    if (Date.now() > deadline) throw new Error(`popup: the tab did not switch to "Me":\n${await popup.text()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  if (authenticatorId && human) await human.sync(send, authenticatorId);
}
