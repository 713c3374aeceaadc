import { testTrail } from '../approvals/trail-fixture';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { HumanConfirmation } from '../../../lib/approvals/human-confirmation';
import type { RegistrationJSON } from '../../../lib/approvals/messages';
import { PasskeyService } from '../../../lib/approvals/passkey-service';
import { VaultEditSessions } from '../../../lib/approvals/vault-edit-sessions';
import { passkeyEnroll } from '../../../lib/background/handlers/passkey-enroll';
import { vaultAdd } from '../../../lib/background/handlers/vault-add';
import { vaultBeginEdit } from '../../../lib/background/handlers/vault-begin-edit';
import { vaultDelete } from '../../../lib/background/handlers/vault-delete';
import { vaultImport } from '../../../lib/background/handlers/vault-import';
import { vaultUpdate } from '../../../lib/background/handlers/vault-update';
import type { SenderContext } from '../../../lib/messaging/sender';
import type { VaultServices } from '../../../lib/takeover/vault-service';
import type { AuditEvent } from '../../../lib/vault/audit-log';
import { openTestVault } from '../vault/vault-fixture';
import { ORIGIN, RP_ID } from '../webauthn/fake-authenticator';

const MASTER = 'correct horse battery staple';
const optionsTab: SenderContext = { kind: 'extension-tab', origin: ORIGIN, tabId: 7, windowId: 1, frameId: 0, documentId: 'DOC-HUMAN' };
/** The same settings, opened again (by an agent, say) in another tab, and a reload of the human's. */
const agentTab: SenderContext = { ...optionsTab, tabId: 8, documentId: 'DOC-AGENT' };
const reloaded: SenderContext = { ...optionsTab, documentId: 'DOC-RELOADED' };
const entry = { title: 'Shop', origins: ['https://shop.example'], username: 'ada', password: 'entry-secret-1', matchMode: 'exact' as const };

async function setup(options: { vault?: boolean } = {}) {
  let now = 1_000_000;
  const { vault } = await openTestVault();
  if (options.vault !== false) await vault.create(MASTER);
  const records: AuditEvent[] = [];
  const record = async (event: AuditEvent) => {
    records.push(event);
    return true;
  };
  const services = { vault: async () => vault, record, audit: async () => Promise.reject(new Error('unused')) } as unknown as VaultServices;
  const steps = testTrail();
  const passkeys = new PasskeyService({ local: fakeBrowser.storage.local, session: fakeBrowser.storage.session, audit: steps, now: () => now, randomBytes: (n) => crypto.getRandomValues(new Uint8Array(n)), rpId: RP_ID, origin: ORIGIN });
  const confirmation = new HumanConfirmation({ passkeys, vault: async () => vault, record });
  const sessions = new VaultEditSessions({ session: fakeBrowser.storage.session, now: () => now });
  const handlers = {
    begin: vaultBeginEdit(confirmation, sessions),
    add: vaultAdd(services, sessions),
    update: vaultUpdate(services, sessions),
    remove: vaultDelete(services, sessions),
    import: vaultImport(services, sessions, fakeBrowser.storage.session),
    enroll: passkeyEnroll(passkeys, confirmation),
  };
  return { vault, records, passkeys, sessions, handlers, advance: (ms: number) => (now += ms) };
}

describe('vault edits need an edit session the human confirmed', () => {
  beforeEach(() => fakeBrowser.reset());

  it('refuses every edit from unlocked settings without a session, changes nothing, and records the attempt', async () => {
    const { vault, records, handlers } = await setup();
    const existing = await vault.add(entry);
    await expect(handlers.add.handle(entry, agentTab)).rejects.toMatchObject({ code: 'VAULT_EDIT_UNCONFIRMED' });
    await expect(handlers.update.handle({ id: existing.id, patch: { username: 'mallory' } }, agentTab)).rejects.toMatchObject({ code: 'VAULT_EDIT_UNCONFIRMED' });
    await expect(handlers.remove.handle({ id: existing.id }, agentTab)).rejects.toMatchObject({ code: 'VAULT_EDIT_UNCONFIRMED' });
    await expect(handlers.import.handle({ rows: [entry] }, agentTab)).rejects.toMatchObject({ code: 'VAULT_EDIT_UNCONFIRMED' });
    const listing = await vault.list();
    expect(listing.entries.map((e) => [e.id, e.username])).toEqual([[existing.id, 'ada']]);
    expect(records.map((r) => [r.kind, r.reason, r.details?.message])).toEqual([
      ['refusal', 'VAULT_EDIT_UNCONFIRMED', 'vault.add'],
      ['refusal', 'VAULT_EDIT_UNCONFIRMED', 'vault.update'],
      ['refusal', 'VAULT_EDIT_UNCONFIRMED', 'vault.delete'],
      ['refusal', 'VAULT_EDIT_UNCONFIRMED', 'vault.import'],
    ]);
  });

  it('opens no session on a wrong master password', async () => {
    const { handlers } = await setup();
    await expect(handlers.begin.handle({ proof: { kind: 'master-password', password: 'not it' } }, optionsTab)).rejects.toMatchObject({ code: 'VAULT_WRONG_PASSWORD' });
    await expect(handlers.begin.handle({ proof: null }, optionsTab)).rejects.toMatchObject({ code: 'CONFIRMATION_REQUIRED' });
    await expect(handlers.add.handle(entry, optionsTab)).rejects.toMatchObject({ code: 'VAULT_EDIT_UNCONFIRMED' });
  });

  it('lets the confirming page edit for five minutes, and no other page or reload of it', async () => {
    const { vault, handlers, advance } = await setup();
    const { until } = await handlers.begin.handle({ proof: { kind: 'master-password', password: MASTER } }, optionsTab);
    expect(until).toBe(1_000_000 + 5 * 60_000);
    await handlers.add.handle(entry, optionsTab);
    expect((await vault.list()).entries).toHaveLength(1);
    await expect(handlers.add.handle(entry, agentTab)).rejects.toMatchObject({ code: 'VAULT_EDIT_UNCONFIRMED' });
    await expect(handlers.add.handle(entry, reloaded)).rejects.toMatchObject({ code: 'VAULT_EDIT_UNCONFIRMED' });
    advance(5 * 60_000);
    await expect(handlers.add.handle(entry, optionsTab)).rejects.toMatchObject({ code: 'VAULT_EDIT_UNCONFIRMED' });
    expect((await vault.list()).entries).toHaveLength(1);
  });

  it('ends a session with its tab', async () => {
    const { handlers, sessions } = await setup();
    await handlers.begin.handle({ proof: { kind: 'master-password', password: MASTER } }, optionsTab);
    await sessions.forgetTab(7);
    await expect(handlers.add.handle(entry, optionsTab)).rejects.toMatchObject({ code: 'VAULT_EDIT_UNCONFIRMED' });
  });
});

describe('the first passkey enrollment', () => {
  beforeEach(() => fakeBrowser.reset());
  // Never checked: the confirmation must refuse before the registration is even read.
  const registration = { id: 'AAAA', rawId: 'AAAA', type: 'public-key', response: { clientDataJSON: 'AAAA' } } as unknown as RegistrationJSON;

  it('is refused without the master password, and before a vault exists', async () => {
    const { handlers, passkeys } = await setup();
    await expect(handlers.enroll.handle({ registration, name: 'mine', factor: null, proof: null }, agentTab)).rejects.toMatchObject({ code: 'CONFIRMATION_REQUIRED' });
    await expect(handlers.enroll.handle({ registration, name: 'mine', factor: null, proof: { kind: 'master-password', password: 'guess' } }, agentTab)).rejects.toMatchObject({ code: 'VAULT_WRONG_PASSWORD' });
    expect(await passkeys.list()).toEqual([]);
    fakeBrowser.reset();
    const bare = await setup({ vault: false });
    await expect(bare.handlers.enroll.handle({ registration, name: 'mine', factor: null, proof: { kind: 'master-password', password: MASTER } }, agentTab)).rejects.toMatchObject({ code: 'VAULT_NOT_CREATED' });
  });

  it('moves on to the registration check once the master password is right', async () => {
    const { handlers } = await setup();
    await expect(handlers.enroll.handle({ registration, name: 'mine', factor: null, proof: { kind: 'master-password', password: MASTER } }, optionsTab)).rejects.toMatchObject({
      code: 'REGISTRATION_INVALID',
    });
  });
});
