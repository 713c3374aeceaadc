import { describe, expect, it, vi } from 'vitest';
import { AuditLog, type AuditEvent } from '../../../lib/vault/audit-log';
import { CredentialStore } from '../../../lib/takeover/credential-store';
import { TakeoverService } from '../../../lib/takeover/takeover-service';
import type { FillMessage, TakeoverStatusMessage } from '../../../lib/content/takeover/fill-message';
import type { SenderContext } from '../../../lib/messaging/sender';
import { openTestVault } from '../vault/vault-fixture';
import type { OutgoingRequest, SwapTransport } from '../../../lib/takeover/swap-request';

const ORIGIN = 'https://mail.example';
const REQUEST_ID = 'abcdefghijklmnopqrstuvwxyz012345';

function memoryArea() {
  const data: Record<string, unknown> = {};
  return {
    data,
    get: async (key: string) => (key in data ? { [key]: structuredClone(data[key]) } : {}),
    set: async (items: Record<string, unknown>) => void Object.assign(data, structuredClone(items)),
  };
}

async function setUp(options: { closedTabs?: Set<number>; agentDriven?: boolean; topOrigin?: () => string | null; agent?: () => { agent: string; named: boolean }; transport?: SwapTransport } = {}) {
  const { vault, db } = await openTestVault();
  await vault.create('master');
  const entry = await vault.add({ title: 'Mail', origins: [ORIGIN], username: 'ada', password: 'pw-secret-1', totp: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' });
  const log = new AuditLog(db);
  const session = memoryArea();
  const local = memoryArea();
  const sent: Array<{ tabId: number; frameId: number; message: FillMessage | TakeoverStatusMessage }> = [];
  const service = new TakeoverService({
    store: new CredentialStore(session, local),
    vault: {
      vault: async () => vault,
      audit: async () => log,
      record: async (event: AuditEvent) => (await log.append(event), true),
      integrityKey: () => vault.integrityKey(),
      loss: async () => null,
      noteExisting: async () => undefined,
      noteExport: async () => undefined,
      lastExportAt: async () => null,
    },
    now: Date.now,
    agentOf: async () => ({ agentDriven: options.agentDriven ?? true, ...(options.agent ? options.agent() : { agent: 'test-agent', named: true }) }),
    topOriginOf: async () => (options.topOrigin ? options.topOrigin() : ORIGIN),
    tabExists: async (tabId) => !(options.closedTabs ?? new Set<number>()).has(tabId),
    sendToFrame: async (tabId, frameId, message) => {
      sent.push({ tabId, frameId, message });
      return { filled: true, submitted: true };
    },
    onPendingChange: () => undefined,
    ...(options.transport ? { transport: options.transport } : {}),
  });
  return { service, vault, entry, log, sent, session };
}

const sender = (origin = ORIGIN, frameId = 0): SenderContext => ({ kind: 'content', origin, tabId: 7, windowId: 1, frameId });
// What must not happen gets a moment to show; what must happen is waited for (vi.waitFor).
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('credential takeover', () => {
  it('a human tab gets normal behaviour: nothing queued, nothing sent', async () => {
    const { service, sent } = await setUp({ agentDriven: false });
    expect(await service.request(sender(), 'password', REQUEST_ID)).toEqual({ status: 'human' });
    expect((await service.pending()).requests).toEqual([]);
    expect(sent).toEqual([]);
  });

  it('an agent tab waits for the human; nothing is released on detection', async () => {
    const { service, sent } = await setUp();
    expect(await service.request(sender(), 'password', REQUEST_ID)).toEqual({ status: 'waiting', requestId: REQUEST_ID });
    await settle();
    expect(sent).toEqual([]);
    const listing = await service.pending();
    expect(listing.requests).toHaveLength(1);
    expect(listing.requests[0]!.candidates.map((c) => c.title)).toEqual(['Mail']);
  });

  it('a tab that closes while its request is being made leaves nothing waiting (its close came before the request was stored)', async () => {
    const closedTabs = new Set<number>();
    const { service } = await setUp({ closedTabs });
    const asked = service.request(sender(), 'password', REQUEST_ID);
    // The tab's close is handled first, then the request lands.
    closedTabs.add(7);
    await service.forgetTab(7);
    await asked;
    expect((await service.pending()).requests).toEqual([]);
  });

  it('a request whose tab is gone is dropped from the list, and the other tabs keep theirs', async () => {
    const closedTabs = new Set<number>();
    const { service, session } = await setUp({ closedTabs });
    await service.request(sender(), 'password', REQUEST_ID);
    await service.request({ ...sender(), tabId: 8 }, 'password', `${REQUEST_ID}8`);
    closedTabs.add(7);
    expect((await service.pending()).requests.map((r) => r.tabId)).toEqual([8]);
    expect(JSON.stringify(session.data)).not.toContain(`"tabId":7`);
  });

  it('a request made before the agent said hello takes its name once it does, and only that once; nothing is released by that', async () => {
    let who = { agent: 'webdriver', named: false };
    const { service, sent } = await setUp({ agent: () => who });
    await service.request(sender(), 'password', REQUEST_ID);
    expect((await service.pending()).requests[0]!.agent).toBe('webdriver');
    who = { agent: 'shopping-agent 2.0', named: true };
    await service.agentChanged(7);
    await service.agentChanged(8);
    expect((await service.pending()).requests.map((r) => r.agent)).toEqual(['shopping-agent 2.0']);
    // A later hello (a page's own, say) does not relabel what the human may be looking at.
    who = { agent: 'other-name 1.0', named: true };
    await service.agentChanged(7);
    expect((await service.pending()).requests.map((r) => r.agent)).toEqual(['shopping-agent 2.0']);
    await settle();
    expect(sent).toEqual([]);
  });

  it('a hello that arrives while the request is being made is not missed: the stored request carries the name', async () => {
    let calls = 0;
    // The first look (as the request starts) sees only the signal; the hello lands before it is stored.
    const { service } = await setUp({ agent: () => (calls++ === 0 ? { agent: 'webdriver', named: false } : { agent: 'late-agent 1.0', named: true }) });
    await service.request(sender(), 'password', REQUEST_ID);
    expect((await service.pending()).requests.map((r) => r.agent)).toEqual(['late-agent 1.0']);
  });

  it('approval sends the secret to the requesting frame only, and the next step carries without asking', async () => {
    const { service, entry, sent, log } = await setUp();
    await service.request(sender(ORIGIN, 3), 'password', REQUEST_ID);
    await service.decide(REQUEST_ID, entry.id, false);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ tabId: 7, frameId: 3, message: { airlock: 'takeover-fill', requestId: REQUEST_ID, origin: ORIGIN, password: 'pw-secret-1' } });
    const next = await service.request(sender(ORIGIN, 3), 'otp', `${REQUEST_ID}x`);
    expect(next.status).toBe('allowed');
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1]!.message).toMatchObject({ step: 'otp', otp: expect.stringMatching(/^\d{6}$/) });
    const text = JSON.stringify(await log.entries());
    expect(text).not.toContain('pw-secret-1');
    expect(text).not.toContain((sent[1]!.message as FillMessage).otp);
    expect((await log.verify()).ok).toBe(true);
  });

  it('a request leaves the queue once its frame shows another document, but not for a later one', async () => {
    const { service, log } = await setUp();
    await service.request(sender(ORIGIN, 3), 'password', REQUEST_ID);
    const committedAt = Date.now() + 1;
    // Another frame navigating changes nothing; a commit older than the request changes nothing.
    await service.frameNavigated(7, 4, committedAt);
    await service.frameNavigated(7, 3, committedAt - 60_000);
    expect((await service.pending()).requests).toHaveLength(1);
    await service.frameNavigated(7, 3, committedAt);
    expect((await service.pending()).requests).toEqual([]);
    expect((await log.entries()).map((e) => e.reason)).toContain('CREDENTIAL_REQUEST_STALE');
  });

  it('an entry for another origin is refused even if the human picks it', async () => {
    const { service, vault, sent } = await setUp();
    const other = await vault.add({ origins: ['https://bank.example'], username: 'x', password: 'bank-pw' });
    await service.request(sender(), 'password', REQUEST_ID);
    await expect(service.decide(REQUEST_ID, other.id, false)).rejects.toMatchObject({ code: 'CREDENTIAL_ENTRY_NOT_ALLOWED' });
    expect(sent).toEqual([]);
  });

  it('an insecure origin is refused at once and audited', async () => {
    const { service, log } = await setUp();
    expect(await service.request(sender('http://mail.example'), 'password', REQUEST_ID)).toMatchObject({ status: 'refused', reason: 'ORIGIN_INSECURE' });
    expect((await log.entries()).some((e) => e.kind === 'refusal' && e.reason === 'ORIGIN_INSECURE')).toBe(true);
  });

  it('a denial tells the frame and releases nothing', async () => {
    const { service, sent, log } = await setUp();
    await service.request(sender(), 'password', REQUEST_ID);
    await service.decide(REQUEST_ID, null, false);
    expect(sent).toEqual([{ tabId: 7, frameId: 0, message: { airlock: 'takeover-status', requestId: REQUEST_ID, status: 'denied' } }]);
    expect((await log.entries()).map((e) => e.kind)).toContain('denial');
  });

  it('requests survive a new service instance over the same session storage (worker restart)', async () => {
    const { service, session } = await setUp();
    await service.request(sender(), 'password', REQUEST_ID);
    const stored = session.data['credentialRequests.v1'] as unknown[];
    expect(stored).toHaveLength(1);
  });

  it('a policy lets the same agent use the entry on that origin without asking', async () => {
    const { service, entry, sent } = await setUp();
    await service.request(sender(), 'password', REQUEST_ID);
    await service.decide(REQUEST_ID, entry.id, true);
    expect((await service.policies()).map((p) => [p.origin, p.agent])).toEqual([[ORIGIN, 'test-agent']]);
    await service.forgetTab(7);
    expect(await service.request(sender(), 'password', `${REQUEST_ID}y`)).toMatchObject({ status: 'allowed' });
    await vi.waitFor(() => expect(sent).toHaveLength(2));
  });

  it('revoking a policy makes the next sign-in ask again, and is audited; an unknown id is a clear error', async () => {
    const { service, entry, sent, log } = await setUp();
    await service.request(sender(), 'password', REQUEST_ID);
    await service.decide(REQUEST_ID, entry.id, true);
    await service.forgetTab(7);
    const [policy] = await service.policies();
    expect(policy).toMatchObject({ origin: ORIGIN, agent: 'test-agent', entryLabel: 'Mail (ada)' });
    expect(await service.revokePolicy(policy!.id)).toEqual([]);
    await expect(service.revokePolicy(policy!.id)).rejects.toMatchObject({ code: 'CREDENTIAL_POLICY_NOT_FOUND' });
    expect(await service.request(sender(), 'password', `${REQUEST_ID}r`)).toMatchObject({ status: 'waiting' });
    await settle();
    expect(sent).toHaveLength(1);
    expect((await log.entries()).find((e) => e.kind === 'credential-policy-revoked')).toMatchObject({ origin: ORIGIN, agent: 'test-agent', entryId: entry.id });
  });

  it('the human\'s own fill of a one-time code: a code computed now, to the top frame, not submitted; none without a TOTP secret', async () => {
    const { service, vault, entry, sent, log } = await setUp({ agentDriven: false });
    expect((await service.humanOffer(7)).entries).toEqual([expect.objectContaining({ id: entry.id, hasTotp: true })]);
    await service.humanFill(7, entry.id, 'otp');
    expect(sent).toEqual([{ tabId: 7, frameId: 0, message: { airlock: 'takeover-fill', requestId: null, origin: ORIGIN, submit: false, step: 'otp', otp: expect.stringMatching(/^\d{6}$/) } }]);
    const plain = await vault.add({ origins: [ORIGIN], username: 'bob', password: 'pw-plain' });
    await expect(service.humanFill(7, plain.id, 'otp')).rejects.toMatchObject({ code: 'VAULT_TOTP_MISSING' });
    expect(sent).toHaveLength(1);
    expect(JSON.stringify(await log.entries())).not.toContain((sent[0]!.message as FillMessage).otp);
  });

  describe('login CSRF: remembered and carried decisions hold only for the top-level page', () => {
    const EVIL = 'https://evil.example';

    it('a policy does not fire in a frame inside another site; the human is asked, shown the outer site, and it is audited', async () => {
      let top = ORIGIN;
      const { service, entry, sent, log } = await setUp({ topOrigin: () => top });
      await service.request(sender(), 'password', REQUEST_ID);
      await service.decide(REQUEST_ID, entry.id, true);
      await service.forgetTab(7);
      top = EVIL;
      expect(await service.request(sender(ORIGIN, 5), 'password', `${REQUEST_ID}f`)).toMatchObject({ status: 'waiting' });
      await settle();
      expect(sent).toHaveLength(1);
      const [view] = (await service.pending()).requests;
      expect(view).toMatchObject({ subframe: true, topOrigin: EVIL, embeddedElsewhere: true });
      const refusal = (await log.entries()).find((e) => e.reason === 'CREDENTIAL_FRAMED_ELSEWHERE');
      expect(refusal).toMatchObject({ kind: 'refusal', origin: ORIGIN, entryId: entry.id, details: { topOrigin: EVIL, skipped: 'policy' } });
      // The human may still choose to fill it.
      await service.decide(`${REQUEST_ID}f`, entry.id, false);
      expect(sent[1]).toMatchObject({ frameId: 5, message: { password: 'pw-secret-1' } });
    });

    it('a policy fires at the top level, and in a frame whose top page is the same origin', async () => {
      const { service, entry, sent } = await setUp();
      await service.request(sender(), 'password', REQUEST_ID);
      await service.decide(REQUEST_ID, entry.id, true);
      await service.forgetTab(7);
      expect(await service.request(sender(ORIGIN, 2), 'password', `${REQUEST_ID}s`)).toMatchObject({ status: 'allowed' });
      await vi.waitFor(() => expect(sent).toHaveLength(2));
    });

    it('the next step of an approved sign-in does not carry into a frame inside another site', async () => {
      let top = ORIGIN;
      const { service, entry, sent } = await setUp({ topOrigin: () => top });
      await service.request(sender(), 'username', REQUEST_ID);
      await service.decide(REQUEST_ID, entry.id, false);
      top = EVIL;
      expect(await service.request(sender(ORIGIN, 4), 'password', `${REQUEST_ID}c`)).toMatchObject({ status: 'waiting' });
      top = ORIGIN;
      expect(await service.request(sender(ORIGIN, 0), 'password', `${REQUEST_ID}d`)).toMatchObject({ status: 'allowed' });
      await vi.waitFor(() => expect(sent.map((s) => s.frameId)).toEqual([0, 0]));
    });

    it('an unknown top origin counts as another site', async () => {
      const { service, entry } = await setUp({ topOrigin: () => null });
      await service.request(sender(), 'password', REQUEST_ID);
      await service.decide(REQUEST_ID, entry.id, true);
      expect(await service.request(sender(ORIGIN, 9), 'password', `${REQUEST_ID}u`)).toMatchObject({ status: 'waiting' });
    });
  });
});

describe('the credential swap: the page holds a placeholder, the real value goes only to the entry\'s origin', () => {
  const PASSWORD = 'pw-secret-1';
  function recordingTransport(answer: (request: OutgoingRequest) => { status: number; body: string } = () => ({ status: 302, body: '' })) {
    const requests: OutgoingRequest[] = [];
    const transport: SwapTransport = {
      async send(request) {
        requests.push(request);
        const reply = answer(request);
        return { status: reply.status, statusText: '', url: `${ORIGIN}/account`, redirected: reply.status === 302, headers: [['content-type', 'text/html']], body: reply.body };
      },
    };
    return { transport, requests };
  }
  const fillOf = (sent: Array<{ message: FillMessage | TakeoverStatusMessage }>) => sent.map((s) => s.message).find((m): m is FillMessage => m.airlock === 'takeover-fill')!;

  it('fills a placeholder, then sends the form with the password to the entry\'s origin, once, with the page\'s Origin and Referer', async () => {
    const { transport, requests } = recordingTransport((request) => ({ status: 200, body: `<p>Welcome back; you typed ${new URLSearchParams(request.body).get('password')}</p>` }));
    const { service, entry, sent } = await setUp({ transport });
    await service.request(sender(), 'password', REQUEST_ID);
    await service.decide(REQUEST_ID, entry.id, false);
    const fill = fillOf(sent);
    expect(fill.password).not.toBe(PASSWORD);
    expect(fill.password).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(JSON.stringify(sent)).not.toContain(PASSWORD);

    const frame = { ...sender(), url: `${ORIGIN}/login` };
    const response = await service.submit(frame, fill.swapId!, { kind: 'form', url: `${ORIGIN}/login`, method: 'POST', enctype: 'application/x-www-form-urlencoded', fields: [['email', 'ada'], ['password', fill.password!], ['csrf', 'token-1']] });
    expect(requests).toHaveLength(1);
    expect(new URLSearchParams(requests[0]!.body).get('password')).toBe(PASSWORD);
    expect(new URLSearchParams(requests[0]!.body).get('csrf')).toBe('token-1');
    expect(requests[0]).toMatchObject({ origin: ORIGIN, referrer: `${ORIGIN}/login`, mode: 'navigate', method: 'POST' });
    // The site echoed it: the page gets the placeholder back instead.
    expect(response.body).not.toContain(PASSWORD);
    expect(response.body).toContain(fill.password!);
    await expect(service.submit(frame, fill.swapId!, { kind: 'form', url: `${ORIGIN}/login`, method: 'POST', enctype: 'application/x-www-form-urlencoded', fields: [['password', fill.password!]] })).rejects.toMatchObject({ code: 'CREDENTIAL_SWAP_UNKNOWN' });
    expect(requests).toHaveLength(1);
  });

  it('sends nothing to another origin, or from another frame; each refusal is audited', async () => {
    const { transport, requests } = recordingTransport();
    const { service, entry, sent, log } = await setUp({ transport });
    await service.request(sender(), 'password', REQUEST_ID);
    await service.decide(REQUEST_ID, entry.id, false);
    const fill = fillOf(sent);
    const elsewhere = { kind: 'form' as const, url: 'https://collector.example/steal', method: 'POST', enctype: 'application/x-www-form-urlencoded', fields: [['password', fill.password!]] as Array<[string, string]> };
    await expect(service.submit(sender(), fill.swapId!, elsewhere)).rejects.toMatchObject({ code: 'CREDENTIAL_SWAP_OTHER_ORIGIN' });
    await expect(service.submit(sender(ORIGIN, 3), fill.swapId!, { ...elsewhere, url: `${ORIGIN}/login` })).rejects.toMatchObject({ code: 'CREDENTIAL_SWAP_UNKNOWN' });
    await expect(service.submit(sender(), fill.swapId!, { ...elsewhere, url: `${ORIGIN}/login`, method: 'GET' })).rejects.toMatchObject({ code: 'CREDENTIAL_SWAP_REFUSED' });
    expect(requests).toEqual([]);
    const reasons = (await log.entries()).map((e) => e.reason);
    expect(reasons).toEqual(expect.arrayContaining(['CREDENTIAL_SWAP_OTHER_ORIGIN', 'CREDENTIAL_SWAP_UNKNOWN', 'CREDENTIAL_SWAP_REFUSED']));
    expect(JSON.stringify(await log.entries())).not.toContain(PASSWORD);
  });

  it('sends a script\'s JSON sign-in with the password JSON-escaped, and says when the page sent no placeholder (it transformed the value)', async () => {
    const { transport, requests } = recordingTransport(() => ({ status: 200, body: '{"ok":true}' }));
    const { service, entry, sent } = await setUp({ transport });
    await service.request(sender(), 'password', REQUEST_ID);
    await service.decide(REQUEST_ID, entry.id, false);
    const fill = fillOf(sent);
    await expect(service.submit(sender(), fill.swapId!, { kind: 'fetch', url: `${ORIGIN}/api/login`, method: 'POST', headers: [['content-type', 'application/json']], body: '{"password":"sha256:0000"}' })).rejects.toMatchObject({ code: 'CREDENTIAL_SWAP_NOT_FOUND' });
    expect(requests).toEqual([]);
  });

  it('stops after a failed attempt: the same form again gets no second try on its own, the human is asked, the agent told', async () => {
    const { transport, requests } = recordingTransport(() => ({ status: 401, body: '<form>Incorrect password</form>' }));
    const { service, entry, sent } = await setUp({ transport });
    await service.request(sender(), 'password', REQUEST_ID);
    await service.decide(REQUEST_ID, entry.id, true);
    const fill = fillOf(sent);
    await service.submit(sender(), fill.swapId!, { kind: 'form', url: `${ORIGIN}/login`, method: 'POST', enctype: 'application/x-www-form-urlencoded', fields: [['password', fill.password!]] });
    // The site answered with the form again: a new request for the same step, despite a remembered decision.
    expect(await service.request(sender(), 'password', `${REQUEST_ID}2`)).toEqual({ status: 'waiting', requestId: `${REQUEST_ID}2`, reason: 'CREDENTIAL_ATTEMPT_FAILED' });
    await settle();
    expect(sent.filter((s) => s.message.airlock === 'takeover-fill')).toHaveLength(1);
    expect(requests).toHaveLength(1);
    expect((await service.pending()).requests[0]).toMatchObject({ failedEntryId: entry.id });
  });

  it('carries a decision to the next step of the same sign-in only, once: another sign-in in the tab asks again', async () => {
    const { transport } = recordingTransport();
    const { service, entry, sent } = await setUp({ transport });
    await service.request(sender(), 'password', REQUEST_ID);
    await service.decide(REQUEST_ID, entry.id, false);
    // The code page of the same sign-in: carried.
    expect(await service.request(sender(), 'otp', `${REQUEST_ID}o`)).toMatchObject({ status: 'allowed' });
    // Another password form in the same tab (a second sign-in): the human is asked.
    expect(await service.request(sender(), 'password', `${REQUEST_ID}p`)).toMatchObject({ status: 'waiting' });
    // A second code form: the carried decision was used once.
    expect(await service.request(sender(), 'otp', `${REQUEST_ID}q`)).toMatchObject({ status: 'waiting' });
    await vi.waitFor(() => expect(sent.filter((s) => s.message.airlock === 'takeover-fill')).toHaveLength(2));
  });

  it('the weaker in-page fill, where the human allowed it for the site: the real value goes into the page, labelled, kept for the site until withdrawn', async () => {
    const { transport, requests } = recordingTransport();
    const { service, entry, sent, log } = await setUp({ transport });
    await service.request(sender(), 'password', REQUEST_ID);
    expect((await service.pending()).requests[0]).toMatchObject({ inPage: false });
    await service.decide(REQUEST_ID, entry.id, false, true);
    const fill = fillOf(sent);
    expect(fill.password).toBe(PASSWORD);
    expect(fill.swapId).toBeUndefined();
    expect(requests).toEqual([]);
    expect(await service.inPageSites()).toEqual([expect.objectContaining({ origin: ORIGIN, agent: 'test-agent' })]);
    const audited = await log.entries();
    expect(audited.map((e) => e.kind)).toEqual(expect.arrayContaining(['in-page-fill-allowed']));
    expect(audited.find((e) => e.kind === 'fill')).toMatchObject({ details: expect.objectContaining({ inPage: true }) });
    expect(JSON.stringify(audited)).not.toContain(PASSWORD);

    // The next sign-in on the site asks again (no "use without asking"), shows the choice as made, and fills in the page.
    await service.request(sender(), 'password', `${REQUEST_ID}2`);
    expect((await service.pending()).requests[0]).toMatchObject({ inPage: true });
    // Withdrawn: the following sign-in goes through the swap again; an unknown site is a clear error.
    expect(await service.revokeInPage(ORIGIN)).toEqual([]);
    await expect(service.revokeInPage(ORIGIN)).rejects.toMatchObject({ code: 'CREDENTIAL_POLICY_NOT_FOUND' });
    expect((await log.entries()).map((e) => e.kind)).toContain('in-page-fill-revoked');
    await service.decide(`${REQUEST_ID}2`, entry.id, false);
    const second = sent.map((s) => s.message).filter((m): m is FillMessage => m.airlock === 'takeover-fill')[1]!;
    expect(second.password).not.toBe(PASSWORD);
    expect(second.swapId).toBeDefined();
  });
});
