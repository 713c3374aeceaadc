import { expect, test } from '@playwright/test';
import { agentClient } from './agent-tab';
import { launchExtensionBrowser } from './extension-browser';
import { auditEntries } from './oauth-helpers';
import { auditOf, fillCard, waitForApproval } from './step-up-human';
import { MASTER_PASSWORD, setUpVault } from './takeover-harness';
import { openPopup, type ExtensionView } from './extension-view';
import { startSites } from '../sites/start-sites';

/**
 * Step-up where no authenticator is enrolled: the vault's master password stands in, labelled as the
 * weaker confirmation. A browser of its own, so no passkey left by another spec file changes the method.
 */
test.setTimeout(120_000);

async function typePassword(popup: ExtensionView, password: string): Promise<void> {
  await popup.evaluate(
    `(() => { const input = document.querySelector('input[name="approval-master-password"]'); input.value = ${JSON.stringify(password)}; input.dispatchEvent(new Event('input', { bubbles: true })); })()`,
  );
  await popup.click('[data-action="approve-with-password"]');
}

test('without a passkey, the human approves a held checkout with the master password (weaker, labelled); a wrong one is refused and the order waits', async () => {
  const sites = await startSites();
  const airlock = await launchExtensionBrowser();
  try {
    await setUpVault(airlock, []);
    const page = await airlock.context.newPage();
    await page.goto(`${sites.urls.shop}/checkout`);
    await agentClient(page).hello();
    await fillCard(page);
    await page.click('#place-order', { noWaitAfter: true });

    const popup = await openPopup(airlock, page);
    const id = await waitForApproval(popup);
    await popup.waitForSelector('[data-testid="approval-fallback"][data-fallback="master-password"]');
    const text = await popup.text();
    expect(text).toContain('weaker confirmation');
    expect(text).toContain('€42.00');
    // Without a passkey there is no passkey button to press.
    expect(await popup.evaluate<boolean>('!!document.querySelector(\'[data-action="approve"]\')')).toBe(false);

    // A wrong password: refused, said so, the order still held.
    await typePassword(popup, 'guessed 12345');
    await popup.waitForSelector('[data-testid="approval-error"][data-code="VAULT_WRONG_PASSWORD"]', { timeout: 20_000 });
    expect(sites.shop.orders).toHaveLength(0);
    expect(await page.locator('#order-confirmation').count()).toBe(0);

    // The right one: approved, replayed once, the order placed once.
    await typePassword(popup, MASTER_PASSWORD);
    await page.waitForSelector('#order-confirmation', { timeout: 30_000 });
    await popup.close();
    expect(sites.shop.orders).toHaveLength(1);
    expect(sites.shop.orders[0]).toMatchObject({ amount: '42.00', currency: 'EUR' });

    const worker = await airlock.serviceWorker();
    const steps = (await auditOf(worker)).filter((e) => e.approvalId === id);
    expect(steps).toContainEqual(expect.objectContaining({ event: 'refused', code: 'VAULT_WRONG_PASSWORD' }));
    const approved = steps.find((e) => e.event === 'approved');
    expect(approved).toMatchObject({ code: 'HUMAN_CONFIRMED_MASTER_PASSWORD_WEAKER', detail: 'master-password' });
    expect(approved?.receipt).toBeUndefined();
    const chain = await auditEntries(worker);
    expect(chain).toContainEqual(expect.objectContaining({ kind: 'approval', reason: 'HUMAN_CONFIRMED_MASTER_PASSWORD_WEAKER', details: expect.objectContaining({ purpose: 'step-up-approve' }) }));
    // Neither password is written anywhere the audit keeps.
    for (const secret of [MASTER_PASSWORD, 'guessed 12345']) expect(JSON.stringify([steps, chain])).not.toContain(secret);
    // The check above can fail: the same search finds a planted copy.
    expect(JSON.stringify([steps, chain, { planted: MASTER_PASSWORD }])).toContain(MASTER_PASSWORD);
  } finally {
    await airlock.close();
    await sites.close();
  }
});
