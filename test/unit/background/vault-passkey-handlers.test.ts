import { testTrail } from '../approvals/trail-fixture';
import { describe, expect, it } from 'vitest';
import { toBase64Url } from '../../../lib/encoding/base64url';
import { fakeBrowser } from 'wxt/testing';
import { HumanConfirmation } from '../../../lib/approvals/human-confirmation';
import { PasskeyService } from '../../../lib/approvals/passkey-service';
import { VaultEditSessions } from '../../../lib/approvals/vault-edit-sessions';
import { buildVaultHandlers } from '../../../lib/background/handlers/vault-handlers';
import { CredentialStore } from '../../../lib/takeover/credential-store';
import { TakeoverService } from '../../../lib/takeover/takeover-service';
import type { SenderContext } from '../../../lib/messaging/sender';
import { AuditLog, type AuditEvent } from '../../../lib/vault/audit-log';
import { openTestVault } from '../vault/vault-fixture';
import { IdleLockSetting } from '../../../lib/vault/idle-lock';

const MASTER = 'master: quiet harbour 19';
const options: SenderContext = { kind: 'extension-tab', origin: 'chrome-extension://airlock', tabId: 3, windowId: 1, frameId: 0 };

function memoryArea() {
  const data: Record<string, unknown> = {};
  return {
    get: async (key: string) => (key in data ? { [key]: structuredClone(data[key]) } : {}),
    set: async (items: Record<string, unknown>) => void Object.assign(data, structuredClone(items)),
  };
}

async function setUp() {
  const { vault, db } = await openTestVault();
  await vault.create(MASTER);
  await vault.add({ origins: ['https://mail.example'], username: 'ada', password: 'entry-secret-3' });
  const log = new AuditLog(db);
  const services = { vault: async () => vault, audit: async () => log, record: async (event: AuditEvent) => (await log.append(event), true), integrityKey: () => vault.integrityKey(), loss: async () => null, noteExisting: async () => undefined, noteExport: async () => undefined, lastExportAt: async () => null };
  const takeover = new TakeoverService({
    store: new CredentialStore(memoryArea(), memoryArea()),
    vault: services,
    now: Date.now,
    agentOf: async () => ({ agentDriven: false, agent: 'human' }),
    topOriginOf: async () => null,
    tabExists: async () => true,
    sendToFrame: async () => undefined,
    onPendingChange: () => undefined,
  });
  const passkeys = new PasskeyService({ local: fakeBrowser.storage.local, session: fakeBrowser.storage.session, audit: testTrail(), now: Date.now, randomBytes: (n) => crypto.getRandomValues(new Uint8Array(n)), rpId: 'airlock', origin: 'chrome-extension://airlock' });
  const confirmation = new HumanConfirmation({ passkeys, vault: services.vault, record: services.record });
  const editSessions = new VaultEditSessions({ session: fakeBrowser.storage.session, now: Date.now });
  const handlers = buildVaultHandlers({ vault: services, takeover, session: { set: async () => undefined }, confirmation, editSessions, idleLock: new IdleLockSetting(fakeBrowser.storage.local) });
  const call = async <K extends 'vault.passkeys' | 'vault.addPasskey' | 'vault.removePasskey' | 'vault.unlockWithPasskey'>(kind: K, payload: unknown) => {
    const handler = handlers[kind] as unknown as { parse(p: unknown): unknown; handle(r: unknown, s: SenderContext): Promise<unknown> };
    return handler.handle(handler.parse(payload), options);
  };
  return { vault, log, call };
}

const bytes = (fill: number, length = 32) => toBase64Url(new Uint8Array(length).fill(fill));
const enrolment = { masterPassword: MASTER, credentialId: bytes(1, 16), prfInput: bytes(2), prfOutput: bytes(3) };

describe('vault passkey unlock (WebAuthn PRF) through its handlers', () => {
  it('a passkey set up with the master password unlocks the vault; entries stay readable', async () => {
    const { vault, call } = await setUp();
    expect(await call('vault.addPasskey', enrolment)).toEqual([{ credentialId: enrolment.credentialId, prfInput: enrolment.prfInput, addedAt: expect.any(Number) }]);
    await vault.lock('manual');
    expect(await call('vault.passkeys', {})).toHaveLength(1);
    expect(await call('vault.unlockWithPasskey', { credentialId: enrolment.credentialId, prfOutput: enrolment.prfOutput })).toMatchObject({ unlocked: true });
    expect((await vault.list()).entries.map((e) => e.username)).toEqual(['ada']);
  });

  it('a wrong master password stores nothing', async () => {
    const { call } = await setUp();
    await expect(call('vault.addPasskey', { ...enrolment, masterPassword: 'guess' })).rejects.toMatchObject({ code: 'VAULT_WRONG_PASSWORD' });
    expect(await call('vault.passkeys', {})).toEqual([]);
  });

  it('another authenticator (another credential, or another PRF output) unlocks nothing, and the failure is audited without the output', async () => {
    const { vault, log, call } = await setUp();
    await call('vault.addPasskey', enrolment);
    await vault.lock('manual');
    await expect(call('vault.unlockWithPasskey', { credentialId: bytes(9, 16), prfOutput: enrolment.prfOutput })).rejects.toMatchObject({ code: 'VAULT_PASSKEY_UNKNOWN' });
    await expect(call('vault.unlockWithPasskey', { credentialId: enrolment.credentialId, prfOutput: bytes(4) })).rejects.toMatchObject({ code: 'VAULT_PASSKEY_UNKNOWN' });
    expect(vault.isUnlocked).toBe(false);
    const audit = JSON.stringify(await log.entries());
    expect((await log.entries()).filter((e) => e.kind === 'vault-unlock-failed')).toHaveLength(2);
    for (const secret of [enrolment.prfOutput, bytes(4), MASTER]) expect(audit).not.toContain(secret);
  });

  it('a removed passkey no longer unlocks', async () => {
    const { vault, call } = await setUp();
    await call('vault.addPasskey', enrolment);
    expect(await call('vault.removePasskey', { credentialId: enrolment.credentialId })).toEqual([]);
    await vault.lock('manual');
    await expect(call('vault.unlockWithPasskey', { credentialId: enrolment.credentialId, prfOutput: enrolment.prfOutput })).rejects.toMatchObject({ code: 'VAULT_PASSKEY_UNKNOWN' });
  });

  it('malformed bytes are refused before the vault is touched, without echoing them', async () => {
    const { call } = await setUp();
    for (const bad of [{ prfOutput: 'not base64url!' }, { prfOutput: '' }, { prfOutput: bytes(5, 65) }, { credentialId: 42 }]) {
      const error = await call('vault.addPasskey', { ...enrolment, ...bad }).catch((e: Error) => e);
      expect(error).toMatchObject({ code: 'MESSAGE_MALFORMED' });
      expect((error as Error).message).not.toContain('base64url!');
    }
  });
});
