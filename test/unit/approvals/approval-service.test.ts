import { testTrail } from './trail-fixture';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { ApprovalService, type ActionSource } from '../../../lib/approvals/approval-service';
import type { ActionClaim } from '../../../lib/approvals/canonical-action';
import type { ApprovalPush, SitePolicy } from '../../../lib/approvals/messages';
import { PasskeyService } from '../../../lib/approvals/passkey-service';
import { PolicyStore } from '../../../lib/approvals/policy-store';
import { verifyReceipt } from '../../../lib/approvals/verify-receipt';
import { FakeAuthenticator, ORIGIN, RP_ID } from '../webauthn/fake-authenticator';

const SHOP = 'https://shop.example';
const source: ActionSource = { tabId: 5, windowId: 1, frameId: 0, origin: SHOP };
const TOKEN = 'page-token-0123456789abcdef';
const claim: ActionClaim = {
  kind: 'payment',
  topic: 'checkout',
  amount: '10.00',
  currency: 'EUR',
  payee: 'Example Shop Ltd',
  fields: [{ name: 'card_number', label: 'Card number', secret: true, value: null }],
  fieldsDigest: 'a'.repeat(64),
};

async function setup(options: { agent?: boolean; policy?: SitePolicy } = {}) {
  let now = 1_000_000;
  const closedTabs = new Set<number>();
  const pushes: ApprovalPush[] = [];
  const audit = testTrail();
  const passkeys = new PasskeyService({ local: fakeBrowser.storage.local, session: fakeBrowser.storage.session, audit, now: () => now, randomBytes: (n) => crypto.getRandomValues(new Uint8Array(n)), rpId: RP_ID, origin: ORIGIN });
  const policies = new PolicyStore(fakeBrowser.storage.local, fakeBrowser.storage.session);
  if (options.policy) await policies.set(SHOP, options.policy);
  const human = await FakeAuthenticator.create();
  await passkeys.store.save([await human.passkey('human')]);
  const service = new ApprovalService({
    session: fakeBrowser.storage.session,
    audit,
    passkeys,
    policies,
    now: () => now,
    randomBytes: (n) => crypto.getRandomValues(new Uint8Array(n)),
    isAgentDriven: async () => options.agent ?? true,
    tabExists: async (tabId) => !closedTabs.has(tabId),
    pushToFrame: async (_tab, _frame, message) => void pushes.push(message),
    onPendingChange: () => undefined,
    ttlMs: 60_000,
  });
  const pendingOne = async (c: ActionClaim = claim) => {
    const result = await service.request(c, source, TOKEN);
    if (result.status !== 'pending') throw new Error('expected pending');
    const listing = await service.list();
    return listing.approvals.find((a) => a.id === result.id)!;
  };
  return { service, human, audit, pushes, passkeys, pendingOne, closedTabs, advance: (ms: number) => (now += ms) };
}

describe('approvals queue', () => {
  beforeEach(() => fakeBrowser.reset());

  it('lets a human-driven tab go ahead without asking', async () => {
    const { service } = await setup({ agent: false });
    expect(await service.request(claim, source, TOKEN)).toEqual({ status: 'allowed', reason: 'not-agent' });
  });

  it('holds an agent\'s payment, approves it with the enrolled passkey, and replays it exactly once', async () => {
    const { service, human, pushes, audit, passkeys, pendingOne } = await setup();
    const approval = await pendingOne();
    expect(approval.action).toMatchObject({ origin: SHOP, amount: '10.00', payee: 'Example Shop Ltd' });
    expect(approval.assertion?.allowCredentials).toEqual([{ id: human.id, type: 'public-key' }]);

    await service.approve(approval.id, await human.assert(approval.assertion!.challenge));
    expect(pushes).toEqual([expect.objectContaining({ id: approval.id, status: 'approved' })]);
    expect(await service.consume(approval.id, claim, source, TOKEN)).toEqual({ status: 'replay' });
    await expect(service.consume(approval.id, claim, source, TOKEN)).rejects.toMatchObject({ code: 'APPROVAL_NOT_PENDING' });

    const receipt = (await audit.list()).find((e) => e.event === 'approved')!.receipt!;
    expect(await verifyReceipt(receipt, (await passkeys.store.get(human.id))!, ORIGIN, RP_ID)).toBe(true);
  });

  it('replays nothing for an approval marked approved in storage without this worker\'s check of the proof', async () => {
    const { service, pendingOne, audit } = await setup();
    const approval = await pendingOne();
    // What a script in an Airlock page can do: rewrite the stored status (storage.session is shared).
    const stored = (await fakeBrowser.storage.session.get('approvals.v1'))['approvals.v1'] as { records: Record<string, { status: string; decidedAt: number | null }> };
    Object.assign(stored.records[approval.id]!, { status: 'approved', decidedAt: 1_000_000 });
    await fakeBrowser.storage.session.set({ 'approvals.v1': stored });
    await expect(service.consume(approval.id, claim, source, TOKEN)).rejects.toMatchObject({ code: 'APPROVAL_NOT_PENDING' });
    expect((await audit.list()).some((e) => e.event === 'refused' && e.code === 'APPROVAL_NOT_VERIFIED')).toBe(true);
  });

  it('refuses to approve a record whose challenge does not name its action (a page edited what the popup shows)', async () => {
    const { service, human, pendingOne } = await setup();
    const approval = await pendingOne();
    const stored = (await fakeBrowser.storage.session.get('approvals.v1'))['approvals.v1'] as { records: Record<string, { action: { amount: string } }> };
    stored.records[approval.id]!.action.amount = '0.01';
    await fakeBrowser.storage.session.set({ 'approvals.v1': stored });
    await expect(service.approve(approval.id, await human.assert(approval.assertion!.challenge))).rejects.toMatchObject({ code: 'APPROVAL_VOID' });
  });

  it('voids the approval when the amount changed, and asks again about the new amount', async () => {
    const { service, human, pendingOne, audit } = await setup();
    const approval = await pendingOne();
    await service.approve(approval.id, await human.assert(approval.assertion!.challenge));
    const result = await service.consume(approval.id, { ...claim, amount: '1000.00' }, source, TOKEN);
    expect(result.status).toBe('pending');
    const listing = await service.list();
    expect(listing.approvals.map((a) => a.action.amount)).toEqual(['1000.00']);
    expect((await audit.list()).find((e) => e.event === 'void')?.detail).toBe('amount 10.00 EUR -> 1000.00 EUR');
  });

  it('refuses another page (token), another frame and another origin using the approval', async () => {
    const { service, human, pendingOne } = await setup();
    const approval = await pendingOne();
    await service.approve(approval.id, await human.assert(approval.assertion!.challenge));
    await expect(service.consume(approval.id, claim, source, 'another-page-token-000')).rejects.toMatchObject({ code: 'APPROVAL_NOT_FOUND' });
    await expect(service.consume(approval.id, claim, { ...source, frameId: 3 }, TOKEN)).rejects.toMatchObject({ code: 'APPROVAL_NOT_FOUND' });
    await expect(service.consume(approval.id, claim, { ...source, origin: 'https://evil.example' }, TOKEN)).rejects.toMatchObject({ code: 'APPROVAL_NOT_FOUND' });
  });

  it('refuses an unenrolled authenticator, a replayed assertion and an assertion for another approval, and audits each', async () => {
    const { service, human, pendingOne, audit } = await setup();
    const first = await pendingOne();
    const second = await pendingOne();
    const agent = await FakeAuthenticator.create();
    await expect(service.approve(first.id, await agent.assert(first.assertion!.challenge))).rejects.toMatchObject({ code: 'AUTHENTICATOR_UNKNOWN' });
    await expect(service.approve(second.id, await human.assert(first.assertion!.challenge))).rejects.toMatchObject({ code: 'ASSERTION_INVALID' });
    const good = await human.assert(first.assertion!.challenge);
    await service.approve(first.id, good);
    await expect(service.approve(first.id, good)).rejects.toMatchObject({ code: 'ASSERTION_REPLAYED' });
    await expect(service.approve(second.id, good)).rejects.toMatchObject({ code: 'ASSERTION_REPLAYED' });
    const refused = (await audit.list()).filter((e) => e.event === 'refused').map((e) => e.code);
    expect(refused).toEqual(['AUTHENTICATOR_UNKNOWN', 'ASSERTION_INVALID', 'ASSERTION_REPLAYED', 'ASSERTION_REPLAYED']);
  });

  it('expires a pending approval and refuses a late approval', async () => {
    const { service, human, pendingOne, pushes, advance } = await setup();
    const approval = await pendingOne();
    advance(61_000);
    await expect(service.approve(approval.id, await human.assert(approval.assertion!.challenge))).rejects.toMatchObject({ code: 'APPROVAL_EXPIRED' });
    expect(pushes).toEqual([expect.objectContaining({ id: approval.id, status: 'expired' })]);
  });

  it('an approval whose tab closed leaves the list, is audited as void, and cannot be approved afterwards; other tabs keep theirs', async () => {
    const { service, human, audit, pendingOne, closedTabs } = await setup();
    const approval = await pendingOne();
    const elsewhere = await service.request(claim, { ...source, tabId: 6 }, TOKEN);
    closedTabs.add(source.tabId);
    expect((await service.list()).approvals.map((a) => a.id)).toEqual([(elsewhere as { id: string }).id]);
    expect((await audit.list()).filter((e) => e.event === 'void').map((e) => [e.approvalId, e.code])).toEqual([[approval.id, 'APPROVAL_TAB_CLOSED']]);
    await expect(service.approve(approval.id, await human.assert(approval.assertion!.challenge))).rejects.toMatchObject({ code: 'APPROVAL_VOID' });
  });

  it('a tab that closes before its approval is listed is never offered to the human', async () => {
    const { service, human, closedTabs } = await setup();
    const held = await service.request(claim, source, TOKEN);
    if (held.status !== 'pending') throw new Error('expected pending');
    closedTabs.add(source.tabId);
    const challenge = (await service.pending())[0]!.challenge;
    // Approving straight away (without a listing first) is refused as well.
    await expect(service.approve(held.id, await human.assert(challenge))).rejects.toMatchObject({ code: 'APPROVAL_VOID' });
    expect((await service.list()).approvals).toEqual([]);
  });

  it('a tab reported closed ends its approvals even while the browser still lists it (Firefox), and a request that lands after its tab closed never waits', async () => {
    const { service, audit, pendingOne, closedTabs } = await setup();
    const approval = await pendingOne();
    await service.tabClosed(source.tabId);
    expect((await service.list()).approvals).toEqual([]);
    closedTabs.add(9);
    const late = await service.request(claim, { ...source, tabId: 9 }, TOKEN);
    expect(await service.pending()).toEqual([]);
    expect((await audit.list()).filter((e) => e.event === 'void').map((e) => [e.approvalId, e.code])).toEqual([
      [approval.id, 'APPROVAL_TAB_CLOSED'],
      [(late as { id: string }).id, 'APPROVAL_TAB_CLOSED'],
    ]);
  });

  it('a document that left its frame takes its pending approvals with it; another frame\'s stay, and a later approval is not touched', async () => {
    const { service, human, audit, pendingOne, advance } = await setup();
    const top = await pendingOne();
    const framed = await service.request(claim, { ...source, frameId: 3 }, TOKEN);
    advance(1_000);
    const leftAt = 1_000_000 + 500;
    // A subframe that navigates ends only what it asked; the top document's approval waits on.
    await service.frameNavigated(source.tabId, 3, leftAt);
    expect((await service.list()).approvals.map((a) => a.id)).toEqual([top.id]);
    // The top frame navigates: the tab's approvals made before it end; one made after it waits.
    const later = await service.request(claim, source, TOKEN);
    await service.frameNavigated(source.tabId, 0, leftAt);
    expect((await service.list()).approvals.map((a) => a.id)).toEqual([(later as { id: string }).id]);
    const ended = (await audit.list()).filter((e) => e.event === 'void').map((e) => [e.approvalId, e.code]);
    expect(ended).toEqual([
      [(framed as { id: string }).id, 'APPROVAL_PAGE_LEFT'],
      [top.id, 'APPROVAL_PAGE_LEFT'],
    ]);
    await expect(service.approve(top.id, await human.assert(top.assertion!.challenge))).rejects.toMatchObject({ code: 'APPROVAL_VOID' });
  });

  it('a denial tells the page and cannot be approved afterwards', async () => {
    const { service, human, pendingOne, pushes } = await setup();
    const approval = await pendingOne();
    await service.deny(approval.id);
    expect(pushes.at(-1)).toMatchObject({ status: 'denied' });
    await expect(service.approve(approval.id, await human.assert(approval.assertion!.challenge))).rejects.toMatchObject({ code: 'ASSERTION_REPLAYED' });
  });

  it('allows small payments under a below-amount policy, never settings changes, and audits each automatic allow', async () => {
    const { service, audit } = await setup({ policy: { mode: 'below-amount', below: 5000, currency: 'EUR' } });
    expect(await service.request(claim, source, TOKEN)).toEqual({ status: 'allowed', reason: 'policy-below-amount' });
    expect((await service.request({ ...claim, amount: '50.00' }, source, TOKEN)).status).toBe('pending');
    expect((await service.request({ ...claim, currency: 'USD' }, source, TOKEN)).status).toBe('pending');
    expect((await service.request({ ...claim, kind: 'settings', topic: 'change-email', amount: null }, source, TOKEN)).status).toBe('pending');
    expect((await audit.list()).filter((e) => e.event === 'auto-allowed')).toHaveLength(1);
  });

  it('after an approval, a grant policy allows the site for its minutes, then asks again', async () => {
    const { service, human, pendingOne, advance } = await setup({ policy: { mode: 'grant-after-approval', minutes: 10 } });
    const approval = await pendingOne();
    await service.approve(approval.id, await human.assert(approval.assertion!.challenge));
    expect(await service.request(claim, source, TOKEN)).toEqual({ status: 'allowed', reason: 'policy-grant' });
    advance(10 * 60_000 + 1);
    expect((await service.request(claim, source, TOKEN)).status).toBe('pending');
  });

  it('survives a restart: a new service over the same storage sees the pending approval', async () => {
    const first = await setup();
    const approval = await first.pendingOne();
    const again = await setup();
    // setup() re-saved the passkey list with a new authenticator; the queue is untouched.
    expect((await again.service.list()).approvals.map((a) => a.id)).toContain(approval.id);
  });
});

describe('passkey enrollment', () => {
  beforeEach(() => fakeBrowser.reset());

  it('a second passkey and every removal need a factor from an enrolled one', async () => {
    const { passkeys, human } = await setup();
    const options = await passkeys.registrationOptions('second');
    expect(options.factor?.allowCredentials).toEqual([{ id: human.id, type: 'public-key' }]);
    const fakeRegistration = { id: 'x', rawId: 'x', type: 'public-key' as const, response: { clientDataJSON: btoa(JSON.stringify({ challenge: options.options.challenge })).replace(/=+$/, ''), attestationObject: 'x', authenticatorData: 'x', publicKey: 'x', publicKeyAlgorithm: -7 } };
    await expect(passkeys.enroll(fakeRegistration, 'second', null)).rejects.toMatchObject({ code: 'ENROLLMENT_REQUIRES_FACTOR' });
    const stranger = await FakeAuthenticator.create();
    const removal = await passkeys.factorOptions('remove-passkey', human.id);
    await expect(passkeys.remove(human.id, await stranger.assert(removal.challenge))).rejects.toMatchObject({ code: 'AUTHENTICATOR_UNKNOWN' });
    expect(await passkeys.list()).toHaveLength(1);
    const proper = await passkeys.factorOptions('remove-passkey', human.id);
    expect(await passkeys.remove(human.id, await human.assert(proper.challenge))).toEqual([]);
  });

  it('a factor signed for one purpose cannot be used for another', async () => {
    const { passkeys, human } = await setup();
    const forPolicy = await passkeys.factorOptions('set-policy', 'x');
    await expect(passkeys.remove(human.id, await human.assert(forPolicy.challenge))).rejects.toMatchObject({ code: 'ASSERTION_INVALID' });
  });
});
