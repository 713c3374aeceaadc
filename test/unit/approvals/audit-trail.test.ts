import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { AuditTrail, chainEventOf } from '../../../lib/approvals/audit-trail';
import type { AuditEntry } from '../../../lib/approvals/messages';
import { canonicalJson } from '../../../lib/vault/canonical-json';
import { AuditLog, verifyAuditChain } from '../../../lib/vault/audit-log';
import { toHex, utf8 } from '../../../lib/vault/encoding';
import { openVaultDb } from '../../../lib/vault/vault-store';
import { uniqueDbName } from '../vault/vault-fixture';

const approved: AuditEntry = {
  at: 1,
  event: 'approved',
  approvalId: 'a1',
  origin: 'https://shop.example',
  receipt: {
    action: { origin: 'https://shop.example', kind: 'payment', topic: 'checkout', amount: '10.00', currency: 'EUR', payee: 'Shop', fieldsDigest: 'd', nonce: 'n', expiresAt: 9 } as never,
    credentialId: 'cred-1',
    assertion: { id: 'cred-1', rawId: 'cred-1', type: 'public-key', response: { clientDataJSON: 'c', authenticatorData: 'a', signature: 's' }, clientExtensionResults: {} } as never,
  },
};

async function sha256Hex(text: string): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(text))));
}

describe('step-up entries in the hash-chained log', () => {
  beforeEach(() => fakeBrowser.reset());

  it('carries what happened, where and the receipt digest, never the assertion itself', async () => {
    const event = await chainEventOf(approved);
    expect(event).toEqual({
      kind: 'step-up',
      reason: 'approved',
      origin: 'https://shop.example',
      details: { event: 'approved', approvalId: 'a1', receiptSha256: await sha256Hex(canonicalJson(approved.receipt)) },
    });
    expect(JSON.stringify(event)).not.toContain('clientDataJSON');
  });

  it('records every entry in both places; the chain verifies, and an edited receipt no longer matches its digest', async () => {
    const log = new AuditLog(await openVaultDb(uniqueDbName()));
    const trail = new AuditTrail(fakeBrowser.storage.local, (event) => log.append(event));
    await trail.append({ at: 0, event: 'requested', approvalId: 'a1', origin: 'https://shop.example', detail: 'payment/checkout' });
    await trail.append(approved);
    await trail.append({ at: 2, event: 'refused', code: 'SENDER_FORBIDDEN', detail: 'content-script sent approval.decide' });

    const chained = await log.entries();
    expect(chained.map((e) => [e.kind, e.reason])).toEqual([
      ['step-up', 'requested'],
      ['step-up', 'approved'],
      ['step-up', 'SENDER_FORBIDDEN'],
    ]);
    expect(await verifyAuditChain(chained)).toMatchObject({ ok: true });
    expect(await trail.list()).toHaveLength(3);

    const kept = (await trail.list())[1]!;
    expect(await sha256Hex(canonicalJson(kept.receipt))).toBe(chained[1]!.details!.receiptSha256);
    const edited = { ...kept.receipt!, action: { ...kept.receipt!.action, amount: '1000.00' } };
    expect(await sha256Hex(canonicalJson(edited))).not.toBe(chained[1]!.details!.receiptSha256);
  });

  it('keeps the step-up entry when the chain refuses or fails', async () => {
    const trail = new AuditTrail(fakeBrowser.storage.local, () => Promise.reject(new Error('audit log unavailable')));
    await trail.append({ at: 0, event: 'denied', approvalId: 'a2', origin: 'https://shop.example' });
    expect(await trail.list()).toEqual([{ at: 0, event: 'denied', approvalId: 'a2', origin: 'https://shop.example' }]);
  });

  it('shortens a long detail so the chain accepts it', async () => {
    const event = await chainEventOf({ at: 0, event: 'void', approvalId: 'a3', code: 'APPROVAL_VOID', detail: 'x'.repeat(2000) });
    expect((event.details!.detail as string).length).toBe(200);
    const log = new AuditLog(await openVaultDb(uniqueDbName()));
    await expect(log.append(event)).resolves.toMatchObject({ kind: 'step-up', reason: 'APPROVAL_VOID' });
  });
});

describe('the step-up trail under load', () => {
  beforeEach(() => fakeBrowser.reset());

  it('keeps both of two entries appended at once', async () => {
    const trail = new AuditTrail(fakeBrowser.storage.local);
    await Promise.all([trail.append(approved), trail.append({ at: 2, event: 'refused', code: 'PROTOCOL_FORBIDDEN' })]);
    expect((await trail.list()).map((e) => e.event).sort()).toEqual(['approved', 'refused']);
  });

  it('past its cap it drops the oldest entries without a receipt first: a flood of refusals does not push out a receipt', async () => {
    const trail = new AuditTrail(fakeBrowser.storage.local);
    await trail.append(approved);
    const flood = Array.from({ length: 2000 }, (_, i) => ({ at: 10 + i, event: 'refused' as const, code: 'PROTOCOL_FORBIDDEN' }));
    for (const entry of flood) await trail.append(entry);
    const kept = await trail.list();
    expect(kept).toHaveLength(2000);
    expect(kept[0]).toMatchObject({ event: 'approved', receipt: expect.anything() });
    expect(kept.at(-1)).toMatchObject({ at: 2009 });
  });
});
