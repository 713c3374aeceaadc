import { testTrail } from './trail-fixture';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { confirmationSubject, loweringChange, type ConfirmationTarget } from '../../../lib/approvals/confirmation-subject';
import { HumanConfirmation } from '../../../lib/approvals/human-confirmation';
import type { FactorPurpose } from '../../../lib/approvals/messages';
import { PasskeyService } from '../../../lib/approvals/passkey-service';
import type { AuditEvent } from '../../../lib/vault/audit-log';
import { openTestVault } from '../vault/vault-fixture';
import { FakeAuthenticator, ORIGIN, RP_ID } from '../webauthn/fake-authenticator';

const MASTER = 'correct horse battery staple';
const FLOW: ConfirmationTarget = { purpose: 'oauth-continue', flowId: 'flow-aaaaaaaaaaaa' };
const OTHER_FLOW: ConfirmationTarget = { purpose: 'oauth-continue', flowId: 'flow-bbbbbbbbbbbb' };

async function setup(options: { passkey?: boolean; vault?: boolean } = {}) {
  const audit = testTrail();
  const passkeys = new PasskeyService({ local: fakeBrowser.storage.local, session: fakeBrowser.storage.session, audit, now: () => 1_000, randomBytes: (n) => crypto.getRandomValues(new Uint8Array(n)), rpId: RP_ID, origin: ORIGIN });
  const human = await FakeAuthenticator.create();
  if (options.passkey) await passkeys.store.save([await human.passkey('human')]);
  const { vault } = await openTestVault();
  if (options.vault) {
    await vault.create(MASTER);
    await vault.lock();
  }
  const records: AuditEvent[] = [];
  const confirmation = new HumanConfirmation({ passkeys, vault: async () => vault, record: async (event) => void records.push(event) });
  /** What the human's page does: ask for a challenge for the target, and sign it with `authenticator`. */
  const sign = async (target: ConfirmationTarget, authenticator = human, purpose: FactorPurpose = target.purpose) => {
    const options = await passkeys.factorOptions(purpose, confirmationSubject(target));
    return { kind: 'passkey' as const, assertion: await authenticator.assert(options.challenge) };
  };
  return { confirmation, passkeys, human, vault, records, sign, steps: audit };
}

describe('human confirmation', () => {
  beforeEach(() => fakeBrowser.reset());

  describe('with a passkey enrolled', () => {
    it('accepts an assertion made for exactly this decision, and records it', async () => {
      const { confirmation, sign, records } = await setup({ passkey: true, vault: true });
      expect(await confirmation.method('oauth-continue')).toBe('passkey');
      expect(await confirmation.confirm(FLOW, await sign(FLOW), { tabId: 4 })).toBe('passkey');
      expect(records).toEqual([expect.objectContaining({ kind: 'approval', tabId: 4, reason: 'HUMAN_CONFIRMED_PASSKEY', details: expect.objectContaining({ confirmation: 'passkey', purpose: 'oauth-continue' }) })]);
    });

    it('refuses a missing proof and the master password, since the passkey is the proof now', async () => {
      const { confirmation, records } = await setup({ passkey: true, vault: true });
      await expect(confirmation.confirm(FLOW, null)).rejects.toMatchObject({ code: 'CONFIRMATION_REQUIRED' });
      await expect(confirmation.confirm(FLOW, { kind: 'none' })).rejects.toMatchObject({ code: 'CONFIRMATION_REQUIRED' });
      await expect(confirmation.confirm(FLOW, { kind: 'master-password', password: MASTER })).rejects.toMatchObject({ code: 'CONFIRMATION_REQUIRED' });
      expect(records.map((r) => [r.kind, r.reason])).toEqual([
        ['refusal', 'CONFIRMATION_REQUIRED'],
        ['refusal', 'CONFIRMATION_REQUIRED'],
        ['refusal', 'CONFIRMATION_REQUIRED'],
      ]);
      expect(JSON.stringify(records)).not.toContain(MASTER);
    });

    it('refuses a replayed assertion', async () => {
      const { confirmation, sign } = await setup({ passkey: true });
      const proof = await sign(FLOW);
      await confirmation.confirm(FLOW, proof);
      await expect(confirmation.confirm(FLOW, proof)).rejects.toMatchObject({ code: 'ASSERTION_REPLAYED' });
    });

    it('refuses an assertion made for another flow, another purpose, or other token terms', async () => {
      const { confirmation, sign } = await setup({ passkey: true });
      await expect(confirmation.confirm(OTHER_FLOW, await sign(FLOW))).rejects.toMatchObject({ code: 'ASSERTION_INVALID' });
      await expect(confirmation.confirm(FLOW, await sign(FLOW, undefined, 'set-policy'))).rejects.toMatchObject({ code: 'ASSERTION_INVALID' });
      const token: ConfirmationTarget = { purpose: 'token-approve', requestId: 'req-aaaaaaaaaaaa', scopes: ['openid'], lifetimeMinutes: 5 };
      await expect(confirmation.confirm({ ...token, lifetimeMinutes: 60 }, await sign(token))).rejects.toMatchObject({ code: 'ASSERTION_INVALID' });
      await expect(confirmation.confirm({ ...token, scopes: ['openid', 'email'] }, await sign(token))).rejects.toMatchObject({ code: 'ASSERTION_INVALID' });
      const release: ConfirmationTarget = { purpose: 'credential-release', requestId: 'r1', entryId: 'e1', remember: false, inPage: false };
      await expect(confirmation.confirm({ ...release, remember: true }, await sign(release))).rejects.toMatchObject({ code: 'ASSERTION_INVALID' });
      await expect(confirmation.confirm({ ...release, entryId: 'e2' }, await sign(release))).rejects.toMatchObject({ code: 'ASSERTION_INVALID' });
      await expect(confirmation.confirm({ ...release, inPage: true }, await sign(release))).rejects.toMatchObject({ code: 'ASSERTION_INVALID' });
      expect(await confirmation.confirm(token, await sign(token))).toBe('passkey');
    });

    it('refuses an assertion from an authenticator that is not enrolled', async () => {
      const { confirmation, sign } = await setup({ passkey: true });
      const stranger = await FakeAuthenticator.create();
      await expect(confirmation.confirm(FLOW, await sign(FLOW, stranger))).rejects.toMatchObject({ code: 'AUTHENTICATOR_UNKNOWN' });
    });

    it('asks for the passkey before a credential is released', async () => {
      const { confirmation } = await setup({ passkey: true, vault: true });
      expect(await confirmation.method('credential-release')).toBe('passkey');
      await expect(confirmation.confirm({ purpose: 'credential-release', requestId: 'r1', entryId: 'e1', remember: false, inPage: false }, null)).rejects.toMatchObject({ code: 'CONFIRMATION_REQUIRED' });
    });
  });

  describe('without a passkey, with a vault', () => {
    it('accepts the master password as the weaker proof, without unlocking the vault, and never records it', async () => {
      const { confirmation, vault, records } = await setup({ vault: true });
      expect(await confirmation.method('vault-edit')).toBe('master-password');
      expect(await confirmation.confirm({ purpose: 'vault-edit' }, { kind: 'master-password', password: MASTER })).toBe('master-password');
      expect(vault.isUnlocked).toBe(false);
      expect(records).toEqual([expect.objectContaining({ kind: 'approval', reason: 'HUMAN_CONFIRMED_MASTER_PASSWORD_WEAKER', details: expect.objectContaining({ confirmation: 'master-password' }) })]);
      expect(JSON.stringify(records)).not.toContain(MASTER);
    });

    it('refuses a wrong master password, a bare click and a passkey assertion', async () => {
      const { confirmation, human, records, vault } = await setup({ vault: true });
      await expect(confirmation.confirm(FLOW, { kind: 'master-password', password: 'wrong password' })).rejects.toMatchObject({ code: 'VAULT_WRONG_PASSWORD' });
      await expect(confirmation.confirm(FLOW, { kind: 'none' })).rejects.toMatchObject({ code: 'CONFIRMATION_REQUIRED' });
      await expect(confirmation.confirm(FLOW, { kind: 'passkey', assertion: await human.assert('AAAA') })).rejects.toMatchObject({ code: 'CONFIRMATION_REQUIRED' });
      expect(records.map((r) => r.reason)).toEqual(['VAULT_WRONG_PASSWORD', 'CONFIRMATION_REQUIRED', 'CONFIRMATION_REQUIRED']);
      expect(JSON.stringify(records)).not.toContain('wrong password');
      expect(vault.isUnlocked).toBe(false);
    });

    it('asks the master password to release a credential: a click in the popup proves nothing', async () => {
      const { confirmation } = await setup({ vault: true });
      const release: ConfirmationTarget = { purpose: 'credential-release', requestId: 'r1', entryId: 'e1', remember: false, inPage: false };
      expect(await confirmation.method('credential-release')).toBe('master-password');
      await expect(confirmation.confirm(release, null)).rejects.toMatchObject({ code: 'CONFIRMATION_REQUIRED' });
      await expect(confirmation.confirm(release, { kind: 'none' })).rejects.toMatchObject({ code: 'CONFIRMATION_REQUIRED' });
      expect(await confirmation.confirm(release, { kind: 'master-password', password: MASTER })).toBe('master-password');
    });

    it('asks the master password to lower protection (a tab switched to "Me")', async () => {
      const { confirmation } = await setup({ vault: true });
      const lowering: ConfirmationTarget = { purpose: 'lower-protection', change: loweringChange({ kind: 'toggle', tabId: 5, scope: 'tab', agent: false }) };
      await expect(confirmation.confirm(lowering, { kind: 'none' })).rejects.toMatchObject({ code: 'CONFIRMATION_REQUIRED' });
      await expect(confirmation.confirm(lowering, { kind: 'master-password', password: 'wrong' })).rejects.toMatchObject({ code: 'VAULT_WRONG_PASSWORD' });
      expect(await confirmation.confirm(lowering, { kind: 'master-password', password: MASTER })).toBe('master-password');
    });

    it('confirms the first passkey enrollment with the master password only', async () => {
      const { confirmation } = await setup({ vault: true });
      await expect(confirmation.confirm({ purpose: 'passkey-enroll' }, null)).rejects.toMatchObject({ code: 'CONFIRMATION_REQUIRED' });
      expect(await confirmation.confirm({ purpose: 'passkey-enroll' }, { kind: 'master-password', password: MASTER })).toBe('master-password');
    });
  });

  describe('with no factor at all', () => {
    it('refuses OAuth Continue, token approval and lowering protection until a vault exists: a click proves nothing', async () => {
      const { confirmation, records } = await setup();
      expect(await confirmation.method('oauth-continue')).toBe('unavailable');
      expect(await confirmation.method('credential-release')).toBe('unavailable');
      await expect(confirmation.confirm(FLOW, null)).rejects.toMatchObject({ code: 'VAULT_NOT_CREATED' });
      await expect(confirmation.confirm({ purpose: 'token-approve', requestId: 'req-1', scopes: [], lifetimeMinutes: 5 }, { kind: 'none' })).rejects.toMatchObject({ code: 'VAULT_NOT_CREATED' });
      await expect(confirmation.confirm({ purpose: 'lower-protection', change: loweringChange({ kind: 'debugger-signal' }) }, { kind: 'none' })).rejects.toMatchObject({ code: 'VAULT_NOT_CREATED' });
      expect(records.map((r) => [r.kind, r.reason])).toEqual([
        ['refusal', 'VAULT_NOT_CREATED'],
        ['refusal', 'VAULT_NOT_CREATED'],
        ['refusal', 'VAULT_NOT_CREATED'],
      ]);
    });

    it('refuses vault edits and the first enrollment until a vault exists', async () => {
      const { confirmation } = await setup();
      expect(await confirmation.method('vault-edit')).toBe('unavailable');
      await expect(confirmation.confirm({ purpose: 'vault-edit' }, { kind: 'master-password', password: MASTER })).rejects.toMatchObject({ code: 'VAULT_NOT_CREATED' });
      await expect(confirmation.confirm({ purpose: 'passkey-enroll' }, { kind: 'none' })).rejects.toMatchObject({ code: 'VAULT_NOT_CREATED' });
    });
  });
});
