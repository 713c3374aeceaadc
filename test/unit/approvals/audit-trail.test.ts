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
import { testTrail } from './trail-fixture';

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

  it('keeps every entry in the one chain, the receipt beside it; the chain verifies, and a swapped receipt is marked', async () => {
    const log = new AuditLog(await openVaultDb(uniqueDbName()));
    const trail = new AuditTrail(fakeBrowser.storage.local, async () => log);
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
    expect((await trail.list()).map((e) => [e.event, e.code ?? null])).toEqual([
      ['requested', null],
      ['approved', null],
      ['refused', 'SENDER_FORBIDDEN'],
    ]);
    const kept = (await trail.list())[1]!;
    expect(kept.receipt).toEqual(approved.receipt);
    expect(await sha256Hex(canonicalJson(kept.receipt))).toBe(chained[1]!.details!.receiptSha256);
    // Nothing of the trail is in storage.local any more: one store, one chain.
    expect(Object.keys(await fakeBrowser.storage.local.get(null))).not.toContain('approvalAudit.v1');
    // A receipt swapped in the database no longer matches its chain entry: it is marked as altered.
    await log.putReceipt('a1', { ...approved.receipt!, action: { ...approved.receipt!.action, amount: '1000.00' } });
    expect((await trail.list())[1]).toMatchObject({ receiptAltered: true });
    expect((await trail.list())[0]!.receiptAltered).toBeUndefined();
  });

  it('says so when the log cannot take an entry (no second store to fall back on)', async () => {
    const failing = { append: () => Promise.reject(new Error('audit log unavailable')), entries: async () => [], putReceipt: async () => undefined, receipts: async () => new Map() };
    const trail = new AuditTrail(fakeBrowser.storage.local, async () => failing);
    await expect(trail.append({ at: 0, event: 'denied', approvalId: 'a2', origin: 'https://shop.example' })).rejects.toThrow('audit log unavailable');
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
    const trail = testTrail();
    await Promise.all([trail.append(approved), trail.append({ at: 2, event: 'refused', code: 'PROTOCOL_FORBIDDEN' })]);
    expect((await trail.list()).map((e) => e.event).sort()).toEqual(['approved', 'refused']);
  });

  it('a flood of refusals does not push out a receipt: the chain keeps every entry', async () => {
    const trail = testTrail();
    await trail.append(approved);
    for (let i = 0; i < 300; i++) await trail.append({ at: 10 + i, event: 'refused', code: 'PROTOCOL_FORBIDDEN' });
    const kept = await trail.list();
    expect(kept).toHaveLength(301);
    expect(kept[0]).toMatchObject({ event: 'approved', receipt: expect.anything() });
  });
});
