import type { Page } from 'playwright-core';
import { agentClient } from './agent-tab';
import type { ExtensionBrowser } from './extension-browser';
import { expect, test } from './fixtures';
import { approveNextInPopup, auditOf, denyAllApprovals, fillCard, listApprovals, sendFromExtensionPage, stepUpSuite } from './step-up-human';
import { openSettings, type ExtensionView } from './extension-view';

/** Site policies, end to end: set in the settings with the human's passkey, applied to real checkouts, revoked. */

const suite = stepUpSuite();
test.afterEach(async ({ airlock }) => {
  await denyAllApprovals(suite.options);
  await sendFromExtensionPage(suite.options, 'policy.revoke', { origin: suite.sites.urls.shop });
  await airlock.context.clearCookies({ name: 'shop_cart' });
});

/** The human sets a policy in freshly opened settings, confirming with their passkey (presented to the side panel). */
async function setPolicyAsHuman(airlock: ExtensionBrowser, fill: (policies: ExtensionView) => Promise<void>): Promise<ExtensionView> {
  const settings = await openSettings(airlock);
  const send = <T,>(method: string, params: Record<string, unknown> = {}) => settings.send<T>(method, params);
  const authenticatorId = await suite.human.present(send);
  await settings.locator('#policy-origin').fill(suite.sites.urls.shop);
  await fill(settings);
  await settings.click('[data-action="set-policy"]');
  await settings.waitForSelector(`[data-testid="policy"][data-origin="${suite.sites.urls.shop}"], [data-testid="policies"] [role="alert"]`);
  const refused = settings.locator('[data-testid="policies"] [role="alert"]');
  if (await refused.count()) throw new Error(`policy refused: ${await refused.first().getAttribute('data-code')}`);
  await suite.human.sync(send, authenticatorId);
  return settings;
}

async function checkout(page: Page, quantity: number): Promise<void> {
  await page.context().addCookies([{ name: 'shop_cart', value: String(quantity), url: suite.sites.urls.shop }]);
  await page.goto(`${suite.sites.urls.shop}/checkout`);
  await agentClient(page).hello();
  await expect(page.locator('#order-total')).toHaveAttribute('data-amount', (42 * quantity).toFixed(2));
  await fillCard(page);
  await page.click('#place-order', { noWaitAfter: true });
}

test('"ask above 50.00 EUR": a 42.00 checkout goes through unasked and audited; an 84.00 one is held', async ({ airlock, page }) => {
  const policies = await setPolicyAsHuman(airlock, async (p) => {
    await p.locator('[data-testid="policies"] select').selectOption('below-amount');
    await p.locator('[data-testid="policies"] input[type="number"]').fill('50');
    await p.locator('[data-testid="policies"] input[maxlength="3"]').fill('EUR');
  });
  await policies.close();
  const audit = await auditOf(await airlock.serviceWorker());
  expect(audit.some((e) => e.event === 'policy-set' && e.origin === suite.sites.urls.shop && e.detail?.includes('below-amount'))).toBe(true);

  suite.sites.clearRecords();
  await checkout(page, 1);
  await page.waitForSelector('#order-confirmation', { timeout: 30_000 });
  expect(suite.sites.shop.orders).toHaveLength(1);
  expect((await listApprovals(suite.options)).approvals).toHaveLength(0);
  const allowed = (await auditOf(await airlock.serviceWorker())).filter((e) => e.event === 'auto-allowed' && e.origin === suite.sites.urls.shop);
  expect(allowed.at(-1)).toMatchObject({ code: 'policy-below-amount', detail: 'payment/checkout 42.00 EUR' });

  suite.sites.clearRecords();
  await checkout(page, 2);
  await expect.poll(async () => (await listApprovals(suite.options)).approvals.map((a) => a.action.amount)).toEqual(['84.00']);
  expect(suite.sites.shop.attempts).toHaveLength(0);
});

test('"allow 10 minutes after an approval": the second checkout goes through unasked and audited; revoked, the next one asks again', async ({ airlock, page }) => {
  const policies = await setPolicyAsHuman(airlock, async (p) => {
    await p.locator('[data-testid="policies"] select').selectOption('grant-after-approval');
    await p.locator('[data-testid="policies"] input[type="number"]').fill('10');
  });

  suite.sites.clearRecords();
  await checkout(page, 1);
  await approveNextInPopup(airlock, page, suite);
  await page.waitForSelector('#order-confirmation', { timeout: 30_000 });
  expect(suite.sites.shop.orders).toHaveLength(1);

  await checkout(page, 1);
  await page.waitForSelector('#order-confirmation', { timeout: 30_000 });
  expect(suite.sites.shop.orders).toHaveLength(2);
  expect((await listApprovals(suite.options)).approvals).toHaveLength(0);
  const allowed = (await auditOf(await airlock.serviceWorker())).filter((e) => e.event === 'auto-allowed' && e.origin === suite.sites.urls.shop);
  expect(allowed.at(-1)).toMatchObject({ code: 'policy-grant' });

  // The human revokes the policy in the settings (no passkey needed: it only raises protection).
  await policies.reload();
  await policies.click(`[data-testid="policy"][data-origin="${suite.sites.urls.shop}"] [data-action="revoke"]`);
  await policies.waitForSelector(`[data-testid="policy"][data-origin="${suite.sites.urls.shop}"]`, { state: 'detached' });
  await policies.close();
  expect((await auditOf(await airlock.serviceWorker())).some((e) => e.event === 'policy-revoked' && e.origin === suite.sites.urls.shop)).toBe(true);

  suite.sites.clearRecords();
  await checkout(page, 1);
  await expect.poll(async () => (await listApprovals(suite.options)).approvals.length).toBe(1);
  expect(suite.sites.shop.attempts).toHaveLength(0);
});

test('a policy that asks less often is refused without a passkey factor made for it', async ({ airlock }) => {
  const policy = { mode: 'below-amount', below: 5000, currency: 'EUR' };
  const bare = await sendFromExtensionPage(suite.options, 'policy.set', { origin: suite.sites.urls.shop, policy, factor: null });
  expect(bare).toMatchObject({ ok: false, error: { code: 'ENROLLMENT_REQUIRES_FACTOR' } });
  // An approval's assertion (from the test above) is no policy factor: its challenge was not issued for one.
  const approved = (await auditOf(await airlock.serviceWorker())).find((e) => e.event === 'approved')?.receipt?.assertion;
  expect(approved).toBeTruthy();
  const reused = await sendFromExtensionPage(suite.options, 'policy.set', { origin: suite.sites.urls.shop, policy, factor: approved });
  expect(reused).toMatchObject({ ok: false, error: { code: 'ASSERTION_REPLAYED' } });
  const listing = (await sendFromExtensionPage(suite.options, 'policy.list', {})).value as { policies: Array<{ origin: string }> };
  expect(listing.policies.map((p) => p.origin)).not.toContain(suite.sites.urls.shop);
});
