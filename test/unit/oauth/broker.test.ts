import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { DEFAULT_MANAGED_POLICY } from '../../../lib/agent/managed-policy';
import { AgentRegistry } from '../../../lib/agent/registry';
import type { AuditEvent } from '../../../lib/vault/audit-log';
import { OAuthBroker, type BrokerPlatform } from '../../../lib/oauth/broker';
import { FlowStore } from '../../../lib/oauth/flow-store';
import type { OAuthFlowSummary } from '../../../lib/protocol/messages';

const AUTH =
  'https://idp.example/auth?response_type=code&client_id=notes&redirect_uri=https%3A%2F%2Frp.example%2Fcallback&scope=openid%20email&state=s-123&code_challenge=x&code_challenge_method=S256';
const AGENT_TAB = 1;
const HUMAN_TAB = 50;

function setup(options: { openerRunning?: (openerTabId: number) => Promise<void> } = {}) {
  let now = 1_000;
  const navigations: Array<[number, string]> = [];
  const closed: number[] = [];
  const pushed: OAuthFlowSummary[] = [];
  const audit: AuditEvent[] = [];
  const announced: string[][] = [];
  const tabs = [{ tabId: AGENT_TAB, windowId: 10 }];
  const rules: { current: Parameters<BrokerPlatform['applyRules']>[0] } = { current: [] };
  const registry = new AgentRegistry({
    session: fakeBrowser.storage.session,
    local: fakeBrowser.storage.local,
    readManaged: async () => DEFAULT_MANAGED_POLICY,
    now: () => now,
  });
  const platform: BrokerPlatform = {
    navigate: async (tabId, url) => void navigations.push([tabId, url]),
    openWindow: async () => {
      tabs.push({ tabId: HUMAN_TAB, windowId: 60 });
      return { tabId: HUMAN_TAB, windowId: 60 };
    },
    adoptTab: async () => ({ windowId: 61 }),
    openerRunning: options.openerRunning ?? (async () => undefined),
    closeWindow: async (windowId) => void closed.push(windowId),
    tabs: async () => tabs,
    tabUrl: async () => undefined,
    applyRules: async (next) => void (rules.current = next),
    push: async (_tabId, summary) => void pushed.push(summary),
    humanPageUrl: (flow) => `chrome-extension://x/human-window.html?flow=${flow.flowId}`,
    focusWindow: async () => undefined,
    announce: (pending) => void announced.push(pending.map((f) => f.flowId)),
  };
  const broker = new OAuthBroker({
    flows: new FlowStore(fakeBrowser.storage.session, () => now),
    registry,
    audit: { record: async (event) => void audit.push(event) },
    platform,
    now: () => now,
  });
  return { broker, registry, navigations, closed, pushed, audit, announced, rules, tabs, advance: (ms: number) => (now += ms) };
}

async function handedOff(t: ReturnType<typeof setup>) {
  await t.registry.observe(AGENT_TAB, 'handshake', 'agent 1.0');
  t.broker.committed(AGENT_TAB, 'https://rp.example/');
  await t.broker.navigationFailed(AGENT_TAB, AUTH);
  const [flow] = await t.broker.flowsOfTab(AGENT_TAB);
  return flow!;
}

describe('OAuthBroker', () => {
  beforeEach(() => fakeBrowser.reset());

  it('hands a blocked full-page request from an agent tab to a new human window, marked human-driven', async () => {
    const t = setup();
    const flow = await handedOff(t);
    expect(flow).toMatchObject({ status: 'handed-off', variant: 'redirect', provider: 'https://idp.example', relyingParty: 'https://rp.example', scopes: ['openid', 'email'] });
    expect(t.navigations).toContainEqual([HUMAN_TAB, `chrome-extension://x/human-window.html?flow=${flow.flow}`]);
    expect((await t.registry.verdict(HUMAN_TAB, 60)).agentDriven).toBe(false);
    expect(t.pushed.at(-1)).toMatchObject({ status: 'handed-off' });
    expect(JSON.stringify(t.pushed)).not.toContain('s-123');
    expect(t.audit.map((e) => e.reason)).toEqual(['OAUTH_HANDED_OFF']);
  });

  it('takes the human mark off the window when its flow ends, and ends the flow if the window is sent elsewhere', async () => {
    const t = setup();
    await t.registry.observe(HUMAN_TAB, 'webdriver', 'navigator.webdriver');
    const flow = await handedOff(t);
    expect((await t.registry.verdict(HUMAN_TAB, 60)).agentDriven).toBe(false);
    // The consent screen and the provider keep the flow (and the mark).
    t.broker.committed(HUMAN_TAB, `chrome-extension://x/human-window.html?flow=${flow.flow}`);
    t.broker.committed(HUMAN_TAB, 'https://idp.example/login');
    await new Promise((r) => setTimeout(r, 0));
    expect((await t.broker.flowsOfTab(AGENT_TAB))[0]?.status).toBe('handed-off');
    // Anywhere else (a checkout the agent's page sent it to): the flow ends and the tab is the agent's again.
    t.broker.committed(HUMAN_TAB, 'https://shop.example/checkout');
    await vi.waitFor(async () => expect((await t.broker.flowsOfTab(AGENT_TAB))[0]).toMatchObject({ status: 'refused', reason: 'OAUTH_FLOW_ENDED' }));
    expect((await t.registry.verdict(HUMAN_TAB, 60)).agentDriven).toBe(true);
  });

  it('takes the human mark off the window once the sign-in completes', async () => {
    const t = setup();
    await t.registry.observe(HUMAN_TAB, 'webdriver', 'navigator.webdriver');
    const flow = await handedOff(t);
    await t.broker.decide(flow.flow, 'continue');
    await t.broker.navigationFailed(HUMAN_TAB, 'https://rp.example/callback?code=c0de&state=s-123');
    expect((await t.registry.verdict(HUMAN_TAB, 60)).agentDriven).toBe(true);
  });

  it('lists a waiting sign-in for Airlock\'s views and tells the human of it once', async () => {
    const t = setup();
    const flow = await handedOff(t);
    expect((await t.broker.pending()).map((f) => f.flowId)).toEqual([flow.flow]);
    expect((await t.broker.view(flow.flow)).agent).toBe('agent 1.0');
    expect(t.announced.at(-1)).toEqual([flow.flow]);
    await t.broker.decide(flow.flow, 'deny');
    expect(await t.broker.pending()).toEqual([]);
    expect(t.announced.at(-1)).toEqual([]);
  });

  it('delivers nothing for a flow whose stored status says "in progress" without the human\'s Continue in this worker', async () => {
    const t = setup();
    const flow = await handedOff(t);
    // What a script in an Airlock page could do: rewrite the stored flow and point the window at the provider.
    const stored = (await fakeBrowser.storage.session.get('oauthFlows.v1'))['oauthFlows.v1'] as Record<string, { status: string }>;
    stored[flow.flow]!.status = 'in-progress';
    await fakeBrowser.storage.session.set({ 'oauthFlows.v1': stored });
    await t.broker.navigationFailed(HUMAN_TAB, 'https://rp.example/callback?code=c0de&state=s-123');
    expect((await t.broker.flowsOfTab(AGENT_TAB))[0]).toMatchObject({ status: 'refused', reason: 'OAUTH_NOT_CONTINUED' });
    expect(t.navigations.some(([, url]) => url.includes('c0de'))).toBe(false);
    expect(t.audit.some((e) => e.reason === 'OAUTH_NOT_CONTINUED')).toBe(true);
  });

  it('after Continue, delivers the matching response to the agent tab and closes the human window', async () => {
    const t = setup();
    const flow = await handedOff(t);
    await t.broker.decide(flow.flow, 'continue');
    expect(t.navigations).toContainEqual([HUMAN_TAB, AUTH]);
    const response = 'https://rp.example/callback?code=c0de&state=s-123';
    await t.broker.navigationFailed(HUMAN_TAB, response);
    expect(t.navigations.at(-1)).toEqual([AGENT_TAB, response]);
    expect(t.closed).toEqual([60]);
    expect((await t.broker.flowsOfTab(AGENT_TAB))[0]?.status).toBe('completed');
  });

  it('refuses a response with another state and ends the site\'s side with an error carrying the real state', async () => {
    const t = setup();
    const flow = await handedOff(t);
    await t.broker.decide(flow.flow, 'continue');
    await t.broker.navigationFailed(HUMAN_TAB, 'https://rp.example/callback?code=evil&state=other');
    expect((await t.broker.flowsOfTab(AGENT_TAB))[0]).toMatchObject({ status: 'refused', reason: 'OAUTH_STATE_MISMATCH' });
    const [tabId, delivered] = t.navigations.at(-1)!;
    expect(tabId).toBe(AGENT_TAB);
    expect(new URL(delivered).searchParams.get('state')).toBe('s-123');
    expect(new URL(delivered).searchParams.get('error')).toBe('access_denied');
    expect(delivered).not.toContain('evil');
  });

  it('refuses a late response after the deadline', async () => {
    const t = setup();
    const flow = await handedOff(t);
    await t.broker.decide(flow.flow, 'continue');
    t.advance(15 * 60_000);
    await t.broker.navigationFailed(HUMAN_TAB, 'https://rp.example/callback?code=c0de&state=s-123');
    expect((await t.broker.flowsOfTab(AGENT_TAB))[0]).toMatchObject({ status: 'expired', reason: 'OAUTH_EXPIRED' });
    expect(t.navigations.some(([, url]) => url.includes('c0de'))).toBe(false);
  });

  it('moves a pop-up the agent\'s page opened into its own window and shows the consent screen again if the blocked load commits late', async () => {
    const t = setup();
    await t.registry.observe(AGENT_TAB, 'handshake', 'agent 1.0');
    await t.broker.popupCreated(AGENT_TAB, 70, AUTH);
    const [flow] = await t.broker.flowsOfTab(AGENT_TAB);
    expect(flow).toMatchObject({ status: 'handed-off', variant: 'popup' });
    const consent = `chrome-extension://x/human-window.html?flow=${flow!.flow}`;
    expect(t.navigations).toEqual([[70, consent]]);
    expect((await t.registry.verdict(70, 61)).agentDriven).toBe(false);
    t.broker.committed(70, AUTH);
    await vi.waitFor(() => expect(t.navigations).toEqual([[70, consent], [70, consent]]));
  });

  it('touches a pop-up only once the page that opened it runs again (a debugger holding the pop-up at its start holds the opener too)', async () => {
    let release!: () => void;
    const asked: number[] = [];
    const t = setup({
      openerRunning: (openerTabId) => {
        asked.push(openerTabId);
        return new Promise<void>((resolve) => (release = resolve));
      },
    });
    await t.registry.observe(AGENT_TAB, 'handshake', 'agent 1.0');
    t.tabs.push({ tabId: 70, windowId: 11 });
    const created = t.broker.popupCreated(AGENT_TAB, 70, AUTH);
    await vi.waitFor(() => expect(asked).toEqual([AGENT_TAB]));
    expect(t.navigations).toEqual([]);
    // Meanwhile the pop-up's authorization requests stay blocked: the provider's page cannot load there.
    await t.broker.syncRules();
    expect(t.rules.current.some((rule) => rule.action.type === 'block' && rule.condition.tabIds?.includes(70))).toBe(true);
    release();
    await created;
    expect(t.navigations.map(([tab, url]) => [tab, url.startsWith('chrome-extension://x/human-window.html')])).toEqual([[70, true]]);
  });

  it('lets a response to something it never brokered through (a sign-in the human started elsewhere)', async () => {
    const t = setup();
    await handedOff(t);
    await t.broker.navigationFailed(7, 'https://rp.example/callback?code=x&state=someone-elses');
    expect(t.navigations.at(-1)).toEqual([7, 'https://rp.example/callback?code=x&state=someone-elses']);
  });
});

describe('OAuthBroker: the token broker\'s request in a human window (no identity.launchWebAuthFlow)', () => {
  beforeEach(() => fakeBrowser.reset());
  const TOKEN_AUTH =
    'https://idp.example/auth?response_type=code&client_id=airlock&redirect_uri=https%3A%2F%2Fext.chromiumapp.org%2F&scope=openid&state=t-456&code_challenge=x&code_challenge_method=S256';

  it('opens a human window straight on the provider, blocks the redirect URI in every tab, and resolves with the captured response without loading it', async () => {
    const t = setup();
    await t.registry.observe(HUMAN_TAB, 'webdriver', 'navigator.webdriver');
    const response = t.broker.authorizeInWindow(TOKEN_AUTH, AGENT_TAB, 'agent 1.0');
    await vi.waitFor(() => expect(t.navigations).toContainEqual([HUMAN_TAB, TOKEN_AUTH]));
    expect((await t.registry.verdict(HUMAN_TAB, 60)).agentDriven).toBe(false);
    const block = t.rules.current.find((rule) => rule.action.type === 'block' && rule.condition.regexFilter?.includes('chromiumapp'));
    expect(block?.condition.tabIds).toBeUndefined();
    // The provider's pages keep the flow; the redirect's blocked load is the response.
    t.broker.committed(HUMAN_TAB, 'https://idp.example/login');
    const returned = 'https://ext.chromiumapp.org/?code=c0de&state=t-456&iss=https%3A%2F%2Fidp.example';
    await t.broker.navigationFailed(HUMAN_TAB, returned);
    expect(await response).toBe(returned);
    expect(t.navigations.filter(([, url]) => url.startsWith('https://ext.chromiumapp.org'))).toEqual([]);
    expect(t.closed).toEqual([60]);
    expect(t.pushed).toEqual([]);
    expect(await t.broker.flowsOfTab(AGENT_TAB)).toEqual([]);
    expect(t.audit.map((e) => e.reason)).toEqual(['OAUTH_HANDED_OFF', 'OAUTH_COMPLETED']);
    expect((await t.registry.verdict(HUMAN_TAB, 60)).agentDriven).toBe(true);
  });

  it('refuses a response with another state, or one arriving in another tab; closing the window is a denial', async () => {
    const forgedState = setup();
    const mismatch = forgedState.broker.authorizeInWindow(TOKEN_AUTH, AGENT_TAB, 'agent 1.0').catch((error: { code?: string }) => error.code);
    await vi.waitFor(() => expect(forgedState.navigations).toContainEqual([HUMAN_TAB, TOKEN_AUTH]));
    await forgedState.broker.navigationFailed(HUMAN_TAB, 'https://ext.chromiumapp.org/?code=c0de&state=other');
    expect(await mismatch).toBe('OAUTH_STATE_MISMATCH');
    expect(forgedState.closed).toEqual([60]);

    fakeBrowser.reset();
    const elsewhere = setup();
    const wrongTab = elsewhere.broker.authorizeInWindow(TOKEN_AUTH, AGENT_TAB, 'agent 1.0').catch((error: { code?: string }) => error.code);
    await vi.waitFor(() => expect(elsewhere.navigations).toContainEqual([HUMAN_TAB, TOKEN_AUTH]));
    await elsewhere.broker.navigationFailed(AGENT_TAB, 'https://ext.chromiumapp.org/?code=c0de&state=t-456');
    expect(await wrongTab).toBe('OAUTH_WRONG_TAB');

    fakeBrowser.reset();
    const closed = setup();
    const denied = closed.broker.authorizeInWindow(TOKEN_AUTH, AGENT_TAB, 'agent 1.0').catch((error: { code?: string }) => error.code);
    await vi.waitFor(() => expect(closed.navigations).toContainEqual([HUMAN_TAB, TOKEN_AUTH]));
    await closed.broker.tabRemoved(HUMAN_TAB);
    expect(await denied).toBe('TOKEN_REQUEST_DENIED');
  });

  it('refuses a request it could not bind (no state)', async () => {
    const t = setup();
    await expect(t.broker.authorizeInWindow(TOKEN_AUTH.replace('&state=t-456', ''), AGENT_TAB, 'a')).rejects.toMatchObject({ code: 'OAUTH_REQUEST_UNBOUND' });
    expect(t.navigations).toEqual([]);
  });
});
