import type { Page } from 'playwright-core';
import type { ApprovalReceipt, AssertionJSON } from '../../lib/approvals/messages';
import { verifyReceipt } from '../../lib/approvals/verify-receipt';
import type { StoredPasskey } from '../../lib/webauthn/types';
import { SITE_CARD, type RunningSites } from '../sites/start-sites';
import { agentClient } from './agent-tab';
import type { ExtensionBrowser } from './extension-browser';
import { expect, test } from './fixtures';
import { approvalStatuses, approveInPopup, approveNextInPopup, auditOf, denyAllApprovals, fillCard, listApprovals, openCheckout, sendFromExtensionPage, stepUpSuite, type HumanKey, type SuiteSettings, waitForApproval } from './step-up-human';
import { assertAndApprove } from './step-up-page-webauthn';
import { openPopup } from './extension-view';
import { expectOwnPageRefused } from './own-page';

const suite = stepUpSuite();
let human: HumanKey;
let sites: RunningSites;
/** The settings the human enrolled from, kept open as "an Airlock page" for raw messages. */
let options: SuiteSettings;
let firstReceipt: { id: string; assertion: AssertionJSON } | null = null;

test.beforeAll(() => {
  sites = suite.sites;
  options = suite.options;
  human = suite.human;
});

const approvalEvents = approvalStatuses;

type ChromeApi = { chrome: { tabs: { query(q: object): Promise<Array<{ id?: number; url?: string }>> }; action: { getBadgeText(d: { tabId: number }): Promise<string> } } };

async function tabIdOf(airlock: ExtensionBrowser, urlPrefix: string): Promise<number> {
  const worker = await airlock.serviceWorker();
  const id = await worker.evaluate(async (prefix) => (await (globalThis as unknown as ChromeApi).chrome.tabs.query({})).find((t) => t.url?.startsWith(prefix))?.id, urlPrefix);
  if (typeof id !== 'number') throw new Error(`no tab at ${urlPrefix}`);
  return id;
}

async function badgeText(airlock: ExtensionBrowser, tabId: number): Promise<string> {
  const worker = await airlock.serviceWorker();
  return worker.evaluate((id) => (globalThis as unknown as ChromeApi).chrome.action.getBadgeText({ tabId: id }), tabId);
}
async function notificationIds(airlock: ExtensionBrowser): Promise<string[]> {
  const worker = await airlock.serviceWorker();
  return worker.evaluate(async () => Object.keys(await (globalThis as unknown as { chrome: { notifications: { getAll(): Promise<Record<string, boolean>> } } }).chrome.notifications.getAll()));
}
const listing = () => listApprovals(options);
/** The agent clicks "Place order" on the filled checkout; returns the approval it is held for. */
async function placeHeldOrder(page: Page) {
  await page.click('#place-order', { noWaitAfter: true });
  await expect.poll(async () => (await listing()).approvals.length).toBe(1);
  return (await listing()).approvals[0]!;
}
const denyAll = () => denyAllApprovals(options);

test('an agent\'s checkout is held, the popup shows amount and payee, and the order reaches the shop once after a verified assertion', async ({ airlock, page }) => {
  sites.clearRecords();
  const agent = await openCheckout(page, sites);
  const clickedAt = Date.now();
  await page.click('#place-order', { noWaitAfter: true });
  await expect.poll(async () => (await listing()).approvals.length, { intervals: [20] }).toBe(1);
  const queuedAfter = Date.now() - clickedAt;
  // The toolbar says so: the tab's badge counts it, and a system notification names it.
  const heldId = (await listing()).approvals[0]!.id;
  const tabId = await tabIdOf(airlock, sites.urls.shop);
  await expect.poll(() => badgeText(airlock, tabId)).toBe('1');
  expect(await notificationIds(airlock)).toContain(`airlock-approval-${heldId}`);
  // The human clicks Airlock's icon (the popup closes when the page takes focus, so it opens now).
  const popup = await openPopup(airlock, page);
  const id = await waitForApproval(popup);
  const shownAfter = Date.now() - clickedAt;

  const card = `[data-testid="approval"][data-id="${id}"]`;
  const read = (field: string, what = 'textContent') => popup.evaluate<string>(`document.querySelector('${card} [data-field="${field}"]').${what}`);
  expect(await read('amount', 'dataset.amount')).toBe('42.00');
  expect(await read('amount', 'dataset.currency')).toBe('EUR');
  expect(await read('payee')).toBe('Example Shop Ltd');
  expect(await read('origin')).toBe(sites.urls.shop);
  const popupText = await popup.text();
  expect(popupText).not.toContain('4242');
  expect(popupText).not.toContain(SITE_CARD.cvc + '\n');
  expect(sites.shop.attempts).toHaveLength(0);
  await expect.poll(() => approvalEvents(agent)).toContain('pending');

  const approvedAt = Date.now();
  await approveInPopup(popup, human, id);
  await page.waitForSelector('#order-confirmation', { timeout: 30_000 });
  const replayedAfter = Date.now() - approvedAt;
  await popup.close();

  expect(sites.shop.orders).toHaveLength(1);
  expect(sites.shop.attempts).toHaveLength(1);
  expect(sites.shop.orders[0]).toMatchObject({ amount: '42.00', currency: 'EUR', payee: 'Example Shop Ltd' });
  // Nothing waits any more: the tab's badge no longer counts an approval, and its notification is gone.
  await expect.poll(() => badgeText(airlock, tabId)).not.toBe('1');
  await expect.poll(() => notificationIds(airlock)).not.toContain(`airlock-approval-${heldId}`);

  // The receipt in the audit log verifies with the enrolled public key, outside the browser.
  const worker = await airlock.serviceWorker();
  const audit = await auditOf(worker);
  const approved = audit.find((e) => e.event === 'approved' && e.approvalId === id);
  expect(approved?.receipt).toBeTruthy();
  const passkeys = await worker.evaluate(async () => {
    const c = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } }).chrome;
    // A sealed record (lib/security/sealed-area.ts): the list is its value.
    return ((await c.storage.local.get('passkeys.v1'))['passkeys.v1'] as { v: StoredPasskey[] }).v;
  });
  const receipt = approved!.receipt as ApprovalReceipt;
  expect(receipt.action).toMatchObject({ origin: sites.urls.shop, amount: '42.00', currency: 'EUR', payee: 'Example Shop Ltd', kind: 'payment' });
  expect(await verifyReceipt(receipt, passkeys[0]!, `chrome-extension://${airlock.extensionId}`, [airlock.extensionId, `chrome-extension://${airlock.extensionId}`])).toBe(true);
  expect(await verifyReceipt({ ...receipt, action: { ...receipt.action, amount: '1000.00' } }, passkeys[0]!, `chrome-extension://${airlock.extensionId}`, [airlock.extensionId, `chrome-extension://${airlock.extensionId}`])).toBe(false);
  expect(audit.some((e) => e.event === 'consumed' && e.approvalId === id)).toBe(true);
  firstReceipt = { id, assertion: receipt.assertion };

  console.log(`[bench] agent click -> approval queued: ${queuedAfter} ms; -> listed in a freshly opened popup: ${shownAfter} ms; approve click -> order at shop: ${replayedAfter} ms`);
});

test('a settings change (new e-mail) is held the same way and sent once after approval', async ({ airlock, page }) => {
  sites.clearRecords();
  await page.goto(`${sites.urls.settings}/`);
  await page.fill('#new_email', 'ada.new@example.test');
  await page.click('#change-email', { noWaitAfter: true });
  await expect.poll(async () => (await listing()).approvals.length).toBe(1);
  const popup = await openPopup(airlock, page);
  const id = await waitForApproval(popup);
  const card = `[data-testid="approval"][data-id="${id}"]`;
  expect(await popup.evaluate<string>(`document.querySelector('${card}').dataset.topic`)).toBe('change-email');
  expect(await popup.evaluate<string>(`document.querySelector('${card} [data-field-name="email"] .value').textContent`)).toBe('ada.new@example.test');
  expect(sites.log.filter((e) => e.path === '/email')).toHaveLength(0);

  await approveInPopup(popup, human, id);
  await page.waitForURL(/updated=email/, { timeout: 30_000 });
  await popup.close();
  expect(sites.log.filter((e) => e.path === '/email' && e.method === 'POST')).toHaveLength(1);
});

test('Enter in the card form is held like the click, and the order is placed once after approval', async ({ airlock, page }) => {
  sites.clearRecords();
  await openCheckout(page, sites);
  await page.focus('#card_cvc');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await listing()).approvals.length).toBe(1);
  expect((await listing()).approvals[0]!.action).toMatchObject({ kind: 'payment', amount: '42.00', currency: 'EUR' });
  expect(sites.shop.attempts).toHaveLength(0);
  await approveNextInPopup(airlock, page, suite);
  await page.waitForSelector('#order-confirmation', { timeout: 30_000 });
  expect(sites.shop.orders).toHaveLength(1);
});

test('a French checkout is held with the amount and payee read from the French page, and placed once after approval', async ({ airlock, page }) => {
  sites.clearRecords();
  await page.goto(`${sites.urls.shop}/checkout?lang=fr`);
  await agentClient(page).hello();
  await fillCard(page);
  expect(await page.textContent('#place-order')).toBe('Passer la commande');
  expect(await page.getAttribute('#order-total', 'data-amount')).toBeNull();
  await page.click('#place-order', { noWaitAfter: true });
  await expect.poll(async () => (await listing()).approvals.length).toBe(1);
  expect((await listing()).approvals[0]!.action).toMatchObject({ kind: 'payment', topic: 'checkout', amount: '42.00', currency: 'EUR', payee: 'Example Shop Ltd' });
  expect(sites.shop.attempts).toHaveLength(0);
  await approveNextInPopup(airlock, page, suite);
  await page.waitForSelector('#order-confirmation', { timeout: 30_000 });
  expect(sites.shop.orders).toHaveLength(1);
});

test('a checkout whose card fields live in a payment provider\'s hosted-field frame (another origin) is held by that frame alone, its button saying only Continue, and placed once after approval', async ({ airlock, page }) => {
  sites.clearRecords();
  await page.goto(`${sites.urls.shop}/checkout?fields=hosted`);
  await agentClient(page).hello();
  const card = page.frameLocator('#card-element iframe');
  await card.locator('#card_holder').fill(SITE_CARD.holder);
  await card.locator('#card_number').fill(SITE_CARD.number);
  await card.locator('#card_expiry').fill(SITE_CARD.expiry);
  await card.locator('#card_cvc').fill(SITE_CARD.cvc);
  // The frame is the provider's: another origin, and the form holds no card field of its own.
  expect(new URL(page.frames().find((f) => f.url().endsWith('/hosted-card'))!.url()).origin).not.toBe(new URL(page.url()).origin);
  expect(await page.locator('#checkout-form input:not([type=hidden])').count()).toBe(0);
  expect(await page.textContent('#place-order')).toBe('Continue');
  await expect.poll(() => page.inputValue('#payment_token')).not.toBe('');

  await page.click('#place-order', { noWaitAfter: true });
  await expect.poll(async () => (await listing()).approvals.length).toBe(1);
  expect((await listing()).approvals[0]!.action).toMatchObject({ kind: 'payment', amount: '42.00', currency: 'EUR', payee: 'Example Shop Ltd' });
  await page.waitForTimeout(300);
  expect(sites.shop.attempts).toHaveLength(0);
  await approveNextInPopup(airlock, page, suite);
  await page.waitForSelector('#order-confirmation', { timeout: 30_000 });
  expect(sites.shop.orders).toHaveLength(1);
  expect(sites.shop.attempts).toHaveLength(1);
});

test('a denied password change leaves the page unchanged, shows no secret, and the agent is told', async ({ airlock, page }) => {
  sites.clearRecords();
  await page.goto(`${sites.urls.settings}/`);
  const agent = agentClient(page);
  await agent.hello();
  await page.fill('#current_password', 'not-the-real-one-1');
  await page.fill('#new_password', 'N3w-Secret-Value!');
  await page.fill('#confirm_password', 'N3w-Secret-Value!');
  await page.click('#change-password', { noWaitAfter: true });
  await expect.poll(async () => (await listing()).approvals.length).toBe(1);
  const popup = await openPopup(airlock, page);
  const id = await waitForApproval(popup);
  expect(await popup.evaluate<string>(`document.querySelector('[data-id="${id}"]').dataset.topic`)).toBe('change-password');
  expect(await popup.text()).not.toContain('N3w-Secret-Value!');

  await popup.click(`[data-testid="approval"][data-id="${id}"] [data-action="deny"]`);
  await expect.poll(() => approvalEvents(agent)).toContain('denied');
  await popup.close();
  expect(page.url()).toBe(`${sites.urls.settings}/`);
  expect(await page.inputValue('#new_password')).toBe('N3w-Secret-Value!');
  expect(sites.log.filter((e) => e.path === '/password')).toHaveLength(0);
  const audit = await auditOf(await airlock.serviceWorker());
  expect(audit.some((e) => e.event === 'denied' && e.approvalId === id)).toBe(true);
});

test('closing the agent\'s tab ends its pending approval: gone from the list with its notification, audited, never placed', async ({ airlock }) => {
  sites.clearRecords();
  const tab = await airlock.context.newPage();
  await openCheckout(tab, sites);
  const id = (await placeHeldOrder(tab)).id;
  await expect.poll(() => notificationIds(airlock)).toContain(`airlock-approval-${id}`);

  await tab.close();
  await expect.poll(async () => (await listing()).approvals.length).toBe(0);
  await expect.poll(() => notificationIds(airlock)).not.toContain(`airlock-approval-${id}`);
  const audit = await auditOf(await airlock.serviceWorker());
  expect(audit.filter((e) => e.approvalId === id).map((e) => [e.event, e.code])).toContainEqual(['void', 'APPROVAL_TAB_CLOSED']);
  expect(sites.shop.attempts).toHaveLength(0);
});

test('an agent that navigates away from a held checkout ends its approval: the human is not asked about an order that can no longer be placed', async ({ airlock, page }) => {
  sites.clearRecords();
  await openCheckout(page, sites);
  const id = (await placeHeldOrder(page)).id;
  await page.goto(`${sites.urls.shop}/`);
  await expect.poll(async () => (await listing()).approvals.length).toBe(0);
  const audit = await auditOf(await airlock.serviceWorker());
  expect(audit.filter((e) => e.approvalId === id).map((e) => [e.event, e.code])).toContainEqual(['void', 'APPROVAL_PAGE_LEFT']);
  expect(sites.shop.attempts).toHaveLength(0);
});

test('attack: the agent opens Airlock\'s approval page itself to approve with its own authenticator — the tab is closed on sight, the vault locked, and it is audited', async ({ airlock, page }) => {
  sites.clearRecords();
  await openCheckout(page, sites);
  const pending = (await placeHeldOrder(page));

  // Formerly the page loaded and its Approve was refused (AUTHENTICATOR_UNKNOWN); now Airlock closes
  // it before its scripts run: there is no page left to click in or to run a ceremony from.
  await expectOwnPageRefused(airlock, '/popup.html', { vaultWasOpen: true });

  expect(sites.shop.attempts).toHaveLength(0);
  expect((await listing()).approvals.map((a) => a.id)).toEqual([pending.id]);
  const audit = await auditOf(await airlock.serviceWorker());
  expect(audit.some((e) => e.event === 'approved' && e.approvalId === pending.id)).toBe(false);
  await denyAll();
});

test('attack: a replayed assertion is refused and audited', async ({ airlock, page }) => {
  expect(firstReceipt).not.toBeNull();
  sites.clearRecords();
  await openCheckout(page, sites);
  const pending = (await placeHeldOrder(page));

  const onNew = await sendFromExtensionPage(options, 'approval.approve', { id: pending.id, assertion: firstReceipt!.assertion });
  expect(onNew).toMatchObject({ ok: false, error: { code: 'ASSERTION_REPLAYED' } });
  const onOld = await sendFromExtensionPage(options, 'approval.approve', { id: firstReceipt!.id, assertion: firstReceipt!.assertion });
  expect(onOld.ok).toBe(false);
  expect(sites.shop.attempts).toHaveLength(0);
  const audit = await auditOf(await airlock.serviceWorker());
  expect(audit.some((e) => e.event === 'refused' && e.approvalId === pending.id && e.code === 'ASSERTION_REPLAYED')).toBe(true);
  await denyAll();
});

test('attack: an approval for 42.00 is void when the page shows 1,000.00 at replay; the human is asked again', async ({ airlock, page }) => {
  sites.clearRecords();
  const agent = await openCheckout(page, sites);
  await page.click('#place-order', { noWaitAfter: true });
  await expect.poll(async () => (await listing()).approvals.length).toBe(1);
  const popup = await openPopup(airlock, page);
  const id = await waitForApproval(popup);
  expect(await popup.evaluate<string>(`document.querySelector('[data-id="${id}"] [data-field="amount"]').dataset.amount`)).toBe('42.00');

  // The page raises the amount while the human looks at 42.00.
  await page.evaluate(() => {
    const total = document.querySelector('#order-total') as HTMLElement;
    total.dataset.amount = '1000.00';
    total.textContent = 'Total: €1,000.00';
  });
  await approveInPopup(popup, human, id);

  // Asked again, about the action as it is now.
  await expect.poll(async () => (await listing()).approvals.map((a) => a.action.amount)).toEqual(['1000.00']);
  await expect.poll(() => approvalEvents(agent)).toContain('void');
  expect(sites.shop.attempts).toHaveLength(0);
  const audit = await auditOf(await airlock.serviceWorker());
  const voided = audit.find((e) => e.event === 'void' && e.approvalId === id);
  expect(voided?.detail).toContain('42.00 EUR -> 1000.00 EUR');
  await popup.close();
  await denyAll();
  await page.waitForTimeout(300);
  expect(sites.shop.attempts).toHaveLength(0);
});

test('attack: forged approval messages from the page and from a content script are refused and audited', async ({ airlock, page }) => {
  sites.clearRecords();
  const agent = await openCheckout(page, sites);
  const pending = (await placeHeldOrder(page));

  // The page: a fake "approved" event on Airlock's channel, and an "approve" request on the agent channel.
  await page.evaluate((id) => {
    window.postMessage({ channel: 'airlock', v: 1, type: 'event', event: 'approval', approval: { id, kind: 'payment', topic: 'checkout', status: 'approved' } }, '*');
    document.dispatchEvent(new CustomEvent('airlock-approval', { detail: { id, status: 'approved' } }));
  }, pending.id);
  const refused = await agent.raw({ v: 1, id: 'forge1', type: 'approve', approval: pending.id });
  expect(refused).toMatchObject({ type: 'error', error: { code: 'PROTOCOL_FORBIDDEN' } });

  // A content script (evaluated in Airlock's isolated world of the page): it may not decide.
  const cdp = await airlock.context.newCDPSession(page);
  const contexts: Array<{ id: number; origin: string; auxData?: { type?: string } }> = [];
  cdp.on('Runtime.executionContextCreated' as never, (e: { context: { id: number; origin: string; auxData?: { type?: string } } }) => contexts.push(e.context));
  await cdp.send('Runtime.enable' as never);
  await expect.poll(() => contexts.some((c) => c.auxData?.type === 'isolated' && c.origin.includes(airlock.extensionId))).toBe(true);
  const isolated = contexts.find((c) => c.auxData?.type === 'isolated' && c.origin.includes(airlock.extensionId))!;
  const forge = async (kind: string, payload: unknown) => {
    const { result } = (await cdp.send('Runtime.evaluate' as never, {
      contextId: isolated.id,
      expression: `chrome.runtime.sendMessage(${JSON.stringify({ airlock: 'internal', kind, payload })})`,
      awaitPromise: true,
      returnByValue: true,
    } as never)) as { result: { value: { ok: boolean; error?: { code: string } } } };
    return result.value;
  };
  const fakeAssertion = { id: 'AAAA', rawId: 'AAAA', type: 'public-key', response: { clientDataJSON: 'e30', authenticatorData: 'AAAA', signature: 'AAAA' } };
  expect(await forge('approval.approve', { id: pending.id, assertion: fakeAssertion })).toMatchObject({ ok: false, error: { code: 'SENDER_FORBIDDEN' } });
  const claim = { ...pending.action };
  expect(await forge('approval.consume', { id: pending.id, claim, pageToken: 'AAAAAAAAAAAAAAAAAAAAAAAA' })).toMatchObject({ ok: false, error: { code: 'APPROVAL_NOT_FOUND' } });
  await cdp.detach();

  await page.waitForTimeout(500);
  expect(sites.shop.attempts).toHaveLength(0);
  expect((await listing()).approvals.map((a) => a.id)).toEqual([pending.id]);
  const audit = await auditOf(await airlock.serviceWorker());
  expect(audit.some((e) => e.event === 'refused' && e.code === 'SENDER_FORBIDDEN' && e.detail === 'content sent approval.approve')).toBe(true);
  // The page's own attempt is on record too, with the approval it named and its origin.
  const pageForgery = expect.objectContaining({ event: 'refused', code: 'PROTOCOL_FORBIDDEN', approvalId: pending.id, origin: new URL(page.url()).origin, detail: expect.stringMatching(/^page in tab \d+ sent approve$/) });
  await expect.poll(async () => auditOf(await airlock.serviceWorker())).toContainEqual(pageForgery);
  expect(audit.some((e) => e.event === 'refused' && e.approvalId === pending.id && e.code === 'APPROVAL_NOT_FOUND')).toBe(true);
  await denyAll();
});

test('attack: approving after expiry is refused and audited, and the agent is told', async ({ airlock, page }) => {
  sites.clearRecords();
  const agent = await openCheckout(page, sites);
  const pending = (await placeHeldOrder(page));

  // Time passes: the approval's expiry (5 minutes in production) is moved into the past.
  const worker = await airlock.serviceWorker();
  await worker.evaluate(async (id) => {
    const c = (globalThis as unknown as { chrome: { storage: { session: { get(k: string): Promise<Record<string, unknown>>; set(v: object): Promise<void> } } } }).chrome;
    const state = (await c.storage.session.get('approvals.v1'))['approvals.v1'] as { records: Record<string, { action: { expiresAt: number } }> };
    state.records[id]!.action.expiresAt = Date.now() - 1000;
    await c.storage.session.set({ 'approvals.v1': state });
  }, pending.id);

  // The human approves late, from the Airlock page where the passkey was enrolled (its authenticator
  // holds the enrolled credential). Expiry is checked before the signature, so its counter is moot.
  const reply = (await options.evaluate(assertAndApprove(pending.id, pending.assertion!))) as { ok: boolean; error?: { code: string } };
  expect(reply).toMatchObject({ ok: false, error: { code: 'APPROVAL_EXPIRED' } });

  await expect.poll(() => approvalEvents(agent)).toContain('expired');
  expect(sites.shop.attempts).toHaveLength(0);
  const audit = await auditOf(worker);
  expect(audit.some((e) => e.event === 'expired' && e.approvalId === pending.id)).toBe(true);
  expect(audit.some((e) => e.event === 'refused' && e.approvalId === pending.id && e.code === 'APPROVAL_EXPIRED')).toBe(true);
});
