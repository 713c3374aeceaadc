import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import type { AuditEntry } from '../../lib/approvals/messages';
import { canonicalJson } from '../../lib/vault/canonical-json';
import { SITE_CARD } from '../sites/start-sites';
import type { ExtensionBrowser } from './extension-browser';
import { expect, test } from './fixtures';
import { approveNextInPopup, openCheckout, stepUpSuite } from './step-up-human';
import { expectView, openSettings } from './extension-view';

/** The settings' step-up audit: each approval receipt re-verified against the enrolled passkey, and exported. */

/** The test card's number, with or without its spaces (a bare '4242' also turns up inside hex digests). */
const CARD_NUMBER = new RegExp(SITE_CARD.number.split(' ').join('[ -]?'));

const suite = stepUpSuite();

async function approvedCheckout(airlock: ExtensionBrowser, page: Page): Promise<string> {
  await openCheckout(page, suite.sites);
  await page.click('#place-order', { noWaitAfter: true });
  const id = await approveNextInPopup(airlock, page, suite);
  await page.waitForSelector('#order-confirmation', { timeout: 30_000 });
  return id;
}

/** Rewrites the receipts kept beside the audit chain, as anything with access to Airlock's database could. */
async function editAudit(airlock: ExtensionBrowser, edit: (entries: AuditEntry[]) => void): Promise<void> {
  const worker = await airlock.serviceWorker();
  const stored = await worker.evaluate(
    () =>
      new Promise<Array<{ approvalId: string; receipt: AuditEntry['receipt'] }>>((resolve) => {
        const open = indexedDB.open('airlock-vault');
        open.onsuccess = () => {
          const all = open.result.transaction('receipts').objectStore('receipts').getAll();
          all.onsuccess = () => {
            open.result.close();
            resolve(all.result);
          };
        };
      }),
  );
  const entries: AuditEntry[] = stored.map((r) => ({ at: 0, event: 'approved', approvalId: r.approvalId, receipt: r.receipt }));
  edit(entries);
  await worker.evaluate(
    (changed) =>
      new Promise<void>((resolve) => {
        const open = indexedDB.open('airlock-vault');
        open.onsuccess = () => {
          const tx = open.result.transaction('receipts', 'readwrite');
          for (const entry of changed) tx.objectStore('receipts').put({ approvalId: entry.approvalId, receipt: entry.receipt });
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
        };
      }),
    entries,
  );
}

test('a receipt verifies against the enrolled passkey, fails once its action is edited, and is exported as JSON', async ({ airlock, page }) => {
  const id = await approvedCheckout(airlock, page);
  const options = await openSettings(airlock);
  const row = options.locator(`[data-testid="stepup-audit-entry"][data-event="approved"][data-approval-id="${id}"]`);
  await expectView(row).toContainText('42.00');
  await row.locator('[data-action="verify-receipt"]').click();
  await expectView(row.getByTestId('receipt-check')).toHaveAttribute('data-result', 'valid');
  await expectView(row.getByTestId('receipt-check')).toContainText('Test key');

  // Someone edits the stored receipt to say the human approved 1.00: the signature no longer covers it.
  let original = '';
  await editAudit(airlock, (entries) => {
    const receipt = entries.find((e) => e.event === 'approved' && e.approvalId === id)!.receipt!;
    original = receipt.action.amount!;
    receipt.action.amount = '1.00';
  });
  await options.reload();
  await expectView(row).toContainText('1.00');
  await row.locator('[data-action="verify-receipt"]').click();
  await expectView(row.getByTestId('receipt-check')).toHaveAttribute('data-result', 'invalid');
  await editAudit(airlock, (entries) => {
    entries.find((e) => e.event === 'approved' && e.approvalId === id)!.receipt!.action.amount = original;
  });

  await options.reload();
  const file = await options.download(() => options.click('[data-action="export-stepup-audit"]'));
  const exported = JSON.parse(await readFile(file, 'utf8')) as AuditEntry[];
  const entry = exported.find((e) => e.event === 'approved' && e.approvalId === id);
  expect(entry?.receipt?.action).toMatchObject({ amount: '42.00', currency: 'EUR', origin: suite.sites.urls.shop });
  expect(entry?.receipt?.assertion.response.signature).toBeTruthy();
  expect(JSON.stringify(exported)).not.toMatch(CARD_NUMBER);
  await options.close();
});

test('a receipt edited to name another key is caught as edited by the audit chain, before any key is looked up', async ({ airlock }) => {
  const options = await openSettings(airlock);
  const row = options.locator('[data-testid="stepup-audit-entry"][data-event="approved"]').first();
  const id = await row.getAttribute('data-approval-id');
  let credentialId = '';
  await editAudit(airlock, (entries) => {
    const receipt = entries.find((e) => e.event === 'approved' && e.approvalId === id)!.receipt!;
    credentialId = receipt.credentialId;
    receipt.credentialId = 'bm90LWVucm9sbGVk';
  });
  await options.reload();
  await expectView(row.getByTestId('receipt-altered')).toBeVisible();
  await row.locator('[data-action="verify-receipt"]').click();
  await expectView(row.getByTestId('receipt-check')).toHaveAttribute('data-result', 'invalid');
  await editAudit(airlock, (entries) => {
    entries.find((e) => e.event === 'approved' && e.approvalId === id)!.receipt!.credentialId = credentialId;
  });
  await options.close();
});

test('every step-up entry is also in the hash-chained audit log, whose receipt digest pins the stored receipt', async ({ airlock, page }) => {
  const id = await approvedCheckout(airlock, page);
  const options = await openSettings(airlock);
  const chain = async () =>
    (await options.evaluate(() =>
      (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ airlock: 'internal', kind: 'vault.audit', payload: {} }),
    )) as { ok: true; value: { entries: Array<{ kind: string; reason?: string; origin?: string; details?: Record<string, string> }>; verdict: { ok: boolean } } };
  const reply = await chain();
  expect(reply.value.verdict.ok).toBe(true);
  const mine = reply.value.entries.filter((e) => e.kind === 'step-up' && e.details?.approvalId === id);
  expect(mine.map((e) => e.details?.event)).toEqual(expect.arrayContaining(['requested', 'approved', 'consumed']));
  const approved = mine.find((e) => e.details?.event === 'approved')!;
  expect(approved.origin).toBe(suite.sites.urls.shop);

  let receipt!: NonNullable<AuditEntry['receipt']>;
  await editAudit(airlock, (entries) => {
    receipt = entries.find((e) => e.approvalId === id)!.receipt!;
  });
  const digest = (value: unknown) => createHash('sha256').update(canonicalJson(value)).digest('hex');
  expect(digest(receipt)).toBe(approved.details?.receiptSha256);
  // The check can fail: a receipt edited to a smaller amount no longer matches the chained digest.
  expect(digest({ ...receipt, action: { ...receipt.action, amount: '1.00' } })).not.toBe(approved.details?.receiptSha256);
  // No assertion or card number in the chain.
  expect(JSON.stringify(reply.value.entries)).not.toContain(receipt.assertion.response.signature);
  expect(JSON.stringify(reply.value.entries)).not.toMatch(CARD_NUMBER);
  await options.close();
});
