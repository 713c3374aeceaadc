import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { AirlockError } from '../../../lib/errors/airlock-error';
import { AuditLog, assertNoSecret, verifyAuditChain, type AuditEntry, type AuditEvent } from '../../../lib/vault/audit-log';
import { openVaultDb } from '../../../lib/vault/vault-store';
import { uniqueDbName } from './vault-fixture';

const EVENTS: AuditEvent[] = [
  { kind: 'detection', tabId: 7, origin: 'https://example.com', agent: 'playwright', reason: 'login-form' },
  { kind: 'request', tabId: 7, origin: 'https://example.com', agent: 'playwright', entryId: 'e1' },
  { kind: 'approval', tabId: 7, origin: 'https://example.com', agent: 'playwright', entryId: 'e1', details: { method: 'passkey' } },
  { kind: 'fill', tabId: 7, origin: 'https://example.com', agent: 'playwright', entryId: 'e1' },
  { kind: 'refusal', tabId: 9, origin: 'http://example.com', agent: 'cdp', reason: 'ORIGIN_INSECURE' },
];

async function filledLog(): Promise<{ log: AuditLog; entries: AuditEntry[] }> {
  let time = 1_000;
  const log = new AuditLog(await openVaultDb(uniqueDbName()), () => time++);
  for (const event of EVENTS) await log.append(event);
  return { log, entries: await log.entries() };
}

describe('audit log', () => {
  it('appends a hash chain that verifies, and exports it as JSON', async () => {
    const { log, entries } = await filledLog();
    expect(entries.map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(entries[1]!.prev).toBe(entries[0]!.hash);
    expect(await log.verify()).toEqual({ ok: true, count: 5, head: entries[4]!.hash });
    const exported = JSON.parse(await log.exportJson()) as { format: string; entries: AuditEntry[]; head: { seq: number; hash: string } };
    expect(exported.format).toBe('airlock-audit');
    expect(exported.head.seq).toBe(5);
    expect(await verifyAuditChain(exported.entries, exported.head)).toMatchObject({ ok: true });
  });

  it('serialises concurrent appends into one chain', async () => {
    const log = new AuditLog(await openVaultDb(uniqueDbName()));
    await Promise.all(EVENTS.map((event) => log.append(event)));
    expect(await log.verify()).toMatchObject({ ok: true, count: 5 });
  });

  it('detects a changed entry', async () => {
    const { entries } = await filledLog();
    const changed = entries.map((entry) => ({ ...entry }));
    changed[2]!.origin = 'https://evil.example';
    expect(await verifyAuditChain(changed)).toEqual({ ok: false, problem: 'changed', index: 2, seq: 3 });
  });

  it('detects a removed entry, in the middle, at the start and at the end', async () => {
    const { log, entries } = await filledLog();
    const head = (await log.head())!;
    expect(await verifyAuditChain([...entries.slice(0, 2), ...entries.slice(3)], head)).toMatchObject({ ok: false, problem: 'removed-or-reordered', index: 2 });
    expect(await verifyAuditChain(entries.slice(1), head)).toMatchObject({ ok: false, problem: 'removed-or-reordered', index: 0 });
    expect(await verifyAuditChain(entries.slice(0, 4), head)).toMatchObject({ ok: false, problem: 'truncated' });
    expect(await verifyAuditChain([], head)).toMatchObject({ ok: false, problem: 'truncated' });
  });

  it('detects reordered entries', async () => {
    const { entries } = await filledLog();
    const swapped = [entries[0]!, entries[2]!, entries[1]!, entries[3]!, entries[4]!];
    expect(await verifyAuditChain(swapped)).toMatchObject({ ok: false, problem: 'removed-or-reordered', index: 1 });
  });

  it('a change made through the database is caught by verify()', async () => {
    const db = await openVaultDb(uniqueDbName());
    const log = new AuditLog(db);
    for (const event of EVENTS) await log.append(event);
    const entry = (await db.get('audit', 4))!;
    await db.put('audit', { ...entry, kind: 'denial' });
    expect(await log.verify()).toMatchObject({ ok: false, problem: 'changed', seq: 4 });
    await db.delete('audit', 5);
    await db.put('audit', entry);
    expect(await log.verify()).toMatchObject({ ok: false, problem: 'truncated' });
  });

  it('refuses a planted secret, by type and at run time, and names the field not the value', async () => {
    // @ts-expect-error a secret-named detail does not type-check
    const typed: AuditEvent = { kind: 'fill', details: { password: 'hunter2' } };
    const { log } = await filledLog();
    for (const planted of [
      typed,
      { kind: 'fill', details: { userPassword: 'hunter2' } },
      { kind: 'fill', password: 'hunter2' },
      { kind: 'fill', reason: 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP' },
      { kind: 'fill', details: { note: 'password: hunter2' } },
      { kind: 'fill', agent: 'Bearer abcdefghijklmnopqrstuvwxyz0123456789' },
      { kind: 'fill', details: { nested: { password: 'x' } } },
      { kind: 'unknown-kind' },
    ] as unknown as AuditEvent[]) {
      const error = await log.append(planted).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AirlockError);
      expect((error as AirlockError).code).toBe('AUDIT_SECRET_REFUSED');
      expect((error as AirlockError).message).not.toContain('hunter2');
    }
    expect(await log.verify()).toMatchObject({ ok: true, count: 5 });
  });

  it('a secret planted into a stored entry fails verification', async () => {
    const { entries } = await filledLog();
    const planted = entries.map((entry) => ({ ...entry })) as unknown as Record<string, unknown>[];
    planted[1]!.password = 'hunter2';
    expect(await verifyAuditChain(planted as unknown as AuditEntry[])).toMatchObject({ ok: false, problem: 'secret-field', index: 1 });
    expect(() => assertNoSecret({ kind: 'approval', origin: 'https://example.com', details: { amount: 12.5, payee: 'Shop' } })).not.toThrow();
  });
});
