import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { confirmationSubject } from '../../../lib/approvals/confirmation-subject';
import type { AssertionJSON, ConfirmationMethod, HumanProof } from '../../../lib/approvals/messages';
import { AirlockError } from '../../../lib/errors/airlock-error';
import { createConfirmationModel } from '../../../lib/ui/confirmation-model';

const ASSERTION: AssertionJSON = { id: 'k', rawId: 'k', type: 'public-key', response: { clientDataJSON: 'c', authenticatorData: 'a', signature: 's' } };
const TARGET = { purpose: 'oauth-continue' as const, flowId: 'flow-1234567890' };

/** A background that answers `confirm.method` and `passkey.factorOptions`, and records what it was asked. */
function background(method: ConfirmationMethod) {
  const asked: Array<{ kind: string; payload: unknown }> = [];
  fakeBrowser.runtime.onMessage.addListener((raw: unknown) => {
    const message = raw as { kind: string; payload: unknown };
    asked.push(message);
    if (message.kind === 'confirm.method') return Promise.resolve({ ok: true, value: { method } });
    if (message.kind === 'passkey.factorOptions') return Promise.resolve({ ok: true, value: { challenge: 'CH', rpId: 'x', allowCredentials: [], userVerification: 'required', timeout: 1 } });
    return undefined;
  });
  return asked;
}

describe('the confirmation piece', () => {
  beforeEach(() => fakeBrowser.reset());

  it('runs the passkey ceremony for the exact decision and sends the assertion', async () => {
    const asked = background('passkey');
    const assert = vi.fn(async () => ASSERTION);
    const sent: HumanProof[] = [];
    const model = createConfirmationModel('oauth-continue', { assert });
    expect(await model.confirm(TARGET, async (proof) => void sent.push(proof))).toBe(true);
    expect(asked.find((m) => m.kind === 'passkey.factorOptions')?.payload).toEqual({ purpose: 'oauth-continue', subject: confirmationSubject(TARGET) });
    expect(assert).toHaveBeenCalledWith(expect.objectContaining({ challenge: 'CH' }));
    expect(sent).toEqual([{ kind: 'passkey', assertion: ASSERTION }]);
  });

  it('reports a cancelled ceremony and sends nothing', async () => {
    background('passkey');
    const cancelled = Object.assign(new Error('cancelled'), { name: 'NotAllowedError' });
    const send = vi.fn(async () => undefined);
    const model = createConfirmationModel('oauth-continue', { assert: async () => Promise.reject(cancelled) });
    expect(await model.confirm(TARGET, send)).toBe(false);
    expect(model.error.value?.code).toBe('WEBAUTHN_CANCELLED');
    expect(send).not.toHaveBeenCalled();
  });

  it('asks for the master password, keeps asking after a wrong one, and sends the right one', async () => {
    background('master-password');
    const sent: HumanProof[] = [];
    const model = createConfirmationModel('vault-edit', { assert: vi.fn() });
    const send = async (proof: HumanProof) => {
      sent.push(proof);
      if (proof.kind === 'master-password' && proof.password !== 'right') throw new AirlockError('VAULT_WRONG_PASSWORD', 'Wrong master password');
    };
    expect(await model.confirm({ purpose: 'vault-edit' }, send)).toBe(false);
    expect(model.awaitingPassword.value).toBe(true);
    expect(await model.submitPassword('wrong')).toBe(false);
    expect(model.error.value?.code).toBe('VAULT_WRONG_PASSWORD');
    expect(model.awaitingPassword.value).toBe(true);
    expect(await model.submitPassword('right')).toBe(true);
    expect(model.awaitingPassword.value).toBe(false);
    expect(sent.map((p) => p.kind)).toEqual(['master-password', 'master-password']);
  });

  it('sends an unconfirmed click only when the background says there is nothing to prove with', async () => {
    background('none');
    const sent: HumanProof[] = [];
    const model = createConfirmationModel('token-approve', { assert: vi.fn() });
    expect(await model.confirm({ purpose: 'token-approve', requestId: 'r', scopes: [], lifetimeMinutes: 5 }, async (proof) => void sent.push(proof))).toBe(true);
    expect(sent).toEqual([{ kind: 'none' }]);
  });

  it('says to create the vault first where nothing can confirm, and sends nothing', async () => {
    background('unavailable');
    const send = vi.fn(async () => undefined);
    const model = createConfirmationModel('passkey-enroll', { assert: vi.fn() });
    expect(await model.confirm({ purpose: 'passkey-enroll' }, send)).toBe(false);
    expect(model.error.value?.code).toBe('VAULT_NOT_CREATED');
    expect(send).not.toHaveBeenCalled();
  });
});
