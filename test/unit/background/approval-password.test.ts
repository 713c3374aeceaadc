import { testTrail } from '../approvals/trail-fixture';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { ApprovalService, type ActionSource } from '../../../lib/approvals/approval-service';
import type { ActionClaim } from '../../../lib/approvals/canonical-action';
import { HumanConfirmation } from '../../../lib/approvals/human-confirmation';
import { PasskeyService } from '../../../lib/approvals/passkey-service';
import { PolicyStore } from '../../../lib/approvals/policy-store';
import { approvalApproveWithPassword } from '../../../lib/background/handlers/approval-approve-with-password';
import { approvalList } from '../../../lib/background/handlers/approval-list';
import type { SenderContext } from '../../../lib/messaging/sender';
import type { AuditEvent } from '../../../lib/vault/audit-log';
import { openTestVault } from '../vault/vault-fixture';
import { FakeAuthenticator, ORIGIN, RP_ID } from '../webauthn/fake-authenticator';

const MASTER = 'correct horse battery staple';
const SHOP = 'https://shop.example';
const source: ActionSource = { tabId: 5, windowId: 1, frameId: 0, origin: SHOP };
const TOKEN = 'page-token-0123456789abcdef';
const popup: SenderContext = { kind: 'extension-view', origin: ORIGIN, tabId: null, windowId: null, frameId: 0 } as unknown as SenderContext;
const claim: ActionClaim = {
  kind: 'payment',
  topic: 'checkout',
  amount: '10.00',
  currency: 'EUR',
  payee: 'Example Shop Ltd',
  fields: [{ name: 'card_number', label: 'Card number', secret: true, value: null }],
  fieldsDigest: 'a'.repeat(64),
};

async function setup(options: { vault?: boolean; passkey?: boolean } = {}) {
  const { vault } = await openTestVault();
  if (options.vault !== false) await vault.create(MASTER);
  const chain: AuditEvent[] = [];
  const audit = testTrail();
  const passkeys = new PasskeyService({ local: fakeBrowser.storage.local, session: fakeBrowser.storage.session, audit, now: Date.now, randomBytes: (n) => crypto.getRandomValues(new Uint8Array(n)), rpId: RP_ID, origin: ORIGIN });
  if (options.passkey) await passkeys.store.save([await (await FakeAuthenticator.create()).passkey('human')]);
  const confirmation = new HumanConfirmation({
    passkeys,
    vault: async () => vault,
    record: async (event) => void chain.push(event),
  });
  const service = new ApprovalService({
    session: fakeBrowser.storage.session,
    audit,
    passkeys,
    policies: new PolicyStore(fakeBrowser.storage.local, fakeBrowser.storage.session),
    now: Date.now,
    randomBytes: (n) => crypto.getRandomValues(new Uint8Array(n)),
    isAgentDriven: async () => true,
    tabExists: async () => true,
    pushToFrame: async () => undefined,
    onPendingChange: () => undefined,
    ttlMs: 60_000,
  });
  const held = await service.request(claim, source, TOKEN);
  if (held.status !== 'pending') throw new Error('expected pending');
  const approve = approvalApproveWithPassword(service, confirmation);
  const list = approvalList(service, confirmation);
  return { service, audit, chain, id: held.id, approve: (password: string) => approve.handle(approve.parse({ id: held.id, password }), popup), list: () => list.handle({}, popup) };
}

describe('step-up approval with the master password (no passkey enrolled)', () => {
  beforeEach(() => fakeBrowser.reset());

  it('is offered while no passkey is enrolled, approves with the right password, and replays once; the entry names the weaker proof', async () => {
    const { service, audit, chain, id, approve, list } = await setup();
    expect(await list()).toMatchObject({ enrolled: 0, fallback: 'master-password' });
    await expect(approve(MASTER)).resolves.toMatchObject({ id, status: 'approved' });
    expect(await service.consume(id, claim, source, TOKEN)).toEqual({ status: 'replay' });
    await expect(service.consume(id, claim, source, TOKEN)).rejects.toMatchObject({ code: 'APPROVAL_NOT_PENDING' });

    const approved = (await audit.list()).find((e) => e.event === 'approved')!;
    expect(approved).toMatchObject({ code: 'HUMAN_CONFIRMED_MASTER_PASSWORD_WEAKER', detail: 'master-password' });
    expect(approved.receipt).toBeUndefined();
    expect(chain).toContainEqual(expect.objectContaining({ kind: 'approval', reason: 'HUMAN_CONFIRMED_MASTER_PASSWORD_WEAKER', details: expect.objectContaining({ purpose: 'step-up-approve' }) }));
    expect(JSON.stringify([await audit.list(), chain])).not.toContain(MASTER);
  });

  it('refuses a wrong password, records the refusal without it, and leaves the action held', async () => {
    const { service, audit, chain, id, approve } = await setup();
    await expect(approve('guessed 12345')).rejects.toMatchObject({ code: 'VAULT_WRONG_PASSWORD' });
    expect((await service.pending()).map((r) => r.id)).toEqual([id]);
    expect(await audit.list()).toContainEqual(expect.objectContaining({ event: 'refused', approvalId: id, code: 'VAULT_WRONG_PASSWORD' }));
    expect(chain).toContainEqual(expect.objectContaining({ kind: 'refusal', reason: 'VAULT_WRONG_PASSWORD' }));
    expect(JSON.stringify([await audit.list(), chain])).not.toContain('guessed 12345');
    await expect(service.consume(id, claim, source, TOKEN)).rejects.toMatchObject({ code: 'APPROVAL_NOT_PENDING', message: 'Approval is pending' });
  });

  it('is refused once a passkey is enrolled, even with the right password', async () => {
    const { service, id, approve, list } = await setup({ passkey: true });
    expect(await list()).toMatchObject({ enrolled: 1, fallback: null });
    await expect(approve(MASTER)).rejects.toMatchObject({ code: 'CONFIRMATION_REQUIRED' });
    expect((await service.pending()).map((r) => r.id)).toEqual([id]);
  });

  it('is not offered, and refused, without a vault', async () => {
    const { id, approve, list, service } = await setup({ vault: false });
    expect(await list()).toMatchObject({ enrolled: 0, fallback: null });
    await expect(approve(MASTER)).rejects.toMatchObject({ code: 'VAULT_NOT_CREATED' });
    expect((await service.pending()).map((r) => r.id)).toEqual([id]);
  });
});
