import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { DEFAULT_MANAGED_POLICY } from '../../../lib/agent/managed-policy';
import { AgentRegistry } from '../../../lib/agent/registry';
import { AgentService } from '../../../lib/background/agent-service';
import { buildHandlers } from '../../../lib/background/handlers';
import { GUARDED_KINDS, guardHandlers, OwnTargetWatch, type DebuggeeTarget } from '../../../lib/background/own-target-watch';
import { createRouter, type Handlers } from '../../../lib/messaging/router';
import type { MessageSenderLike } from '../../../lib/messaging/sender';
import type { AuditEvent } from '../../../lib/vault/audit-log';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}`;
const OTHER = 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz';
const popup: MessageSenderLike = { id: ID, origin: ORIGIN, url: `${ORIGIN}/popup.html` };

const worker = (attached: boolean): DebuggeeTarget => ({ attached, type: 'worker', url: `${ORIGIN}/background.js` });
const optionsPage = (attached: boolean): DebuggeeTarget => ({ attached, type: 'page', url: `${ORIGIN}/options.html` });

/** The watch with fakes for the browser: targets and permission as the test sets them, a vault lock and an audit log that count. */
function setup(initial: { targets: DebuggeeTarget[]; permitted?: boolean; api?: boolean; unlocked?: boolean }) {
  const world = { targets: initial.targets, permitted: initial.permitted ?? true, api: initial.api ?? true, unlocked: initial.unlocked ?? true, locks: 0, audit: [] as AuditEvent[] };
  const watch = new OwnTargetWatch({
    getTargets: () => (world.api ? Promise.resolve(world.targets) : null),
    permitted: async () => world.permitted,
    extensionId: ID,
    extensionOrigin: ORIGIN,
    lockVault: async () => {
      world.locks++;
      world.unlocked = false;
    },
    vaultUnlocked: async () => world.unlocked,
    record: async (event) => {
      world.audit.push(event);
      return true;
    },
    now: () => 1_000,
  });
  return { world, watch };
}

/** Stand-ins for the guarded handlers that say when they ran: the guard alone decides whether they do. */
const released = Object.fromEntries(GUARDED_KINDS.map((kind) => [kind, { parse: (payload: unknown) => payload, handle: async () => 'released' }])) as unknown as Partial<Handlers>;

function routeThrough(watch: OwnTargetWatch) {
  const registry = new AgentRegistry({ session: fakeBrowser.storage.session, local: fakeBrowser.storage.local, readManaged: async () => DEFAULT_MANAGED_POLICY, now: () => 1 });
  const windowOf = async () => 1;
  const service = new AgentService({ registry, windowOf, debuggerTabs: async () => null, debuggerSupport: 'present', debuggerOnAirlock: () => watch.check() });
  const route = createRouter(guardHandlers({ ...buildHandlers(service, windowOf), ...released }, () => watch.refuseIfAttached()), ID, ORIGIN);
  return (kind: string, payload: unknown) => route({ airlock: 'internal', kind, payload }, popup);
}

describe('a debugger attached to Airlock itself (docs/threat-model.md, T3)', () => {
  it('locks the vault, records the attachment once, and refuses unlocking while it stays', async () => {
    const { world, watch } = setup({ targets: [worker(true), optionsPage(false)] });
    expect(await watch.check()).toBe(true);
    expect(await watch.check()).toBe(true);
    await watch.tick();
    expect(world.locks).toBe(3);
    expect(world.audit).toEqual([{ kind: 'debugger-attached', reason: 'DEBUGGER_ON_AIRLOCK', details: { targets: 1, types: 'worker' } }]);
    expect(watch.state).toEqual({ attached: true, since: 1_000 });
    await expect(watch.refuseIfAttached()).rejects.toMatchObject({ code: 'DEBUGGER_ON_AIRLOCK' });

    const send = routeThrough(watch);
    for (const kind of ['vault.unlock', 'approval.approve', 'credential.decide', 'token.decide']) {
      const payload = { password: 'x', id: 'a', assertion: {}, requestId: 'r', entryId: 'e', remember: false, proof: null, approve: true, lifetimeMinutes: 5 };
      expect(await send(kind, payload)).toMatchObject({ ok: false, error: { code: 'DEBUGGER_ON_AIRLOCK' } });
    }
    expect(world.audit).toHaveLength(1);
  });

  it('still lets the human say no, and shows the attachment in the popup state', async () => {
    const { watch } = setup({ targets: [optionsPage(true)] });
    const send = routeThrough(watch);
    // A denial releases nothing; the same decision choosing an entry is refused.
    expect(await send('credential.decide', { requestId: 'r', entryId: null, remember: false, proof: null })).toEqual({ ok: true, value: 'released' });
    expect(await send('token.decide', { requestId: 'r', approve: false, lifetimeMinutes: 5, proof: null })).toEqual({ ok: true, value: 'released' });
    expect(await send('credential.decide', { requestId: 'r', entryId: 'e', remember: false, proof: null })).toMatchObject({ ok: false, error: { code: 'DEBUGGER_ON_AIRLOCK' } });
    await fakeBrowser.tabs.create({ url: 'https://example.test/' });
    const state = await send('ui.tabState', { tabId: 1 });
    expect(state).toMatchObject({ ok: true, value: { debuggerOnAirlock: true } });
  });

  it("ignores other extensions' targets and web pages, attached or not", async () => {
    const { world, watch } = setup({
      targets: [
        { attached: true, type: 'worker', url: `chrome-extension://${OTHER}/sw.js`, extensionId: OTHER },
        { attached: true, type: 'page', url: 'https://mail.example/' },
        { attached: true, type: 'page', url: `https://evil.example/${ORIGIN}/popup.html` },
        worker(false),
      ],
    });
    expect(await watch.check()).toBe(false);
    await expect(watch.refuseIfAttached()).resolves.toBeUndefined();
    expect(world.locks).toBe(0);
    expect(world.audit).toEqual([]);
  });

  it('counts a background page named by extension id', async () => {
    const { watch } = setup({ targets: [{ attached: true, type: 'background_page', url: 'about:blank', extensionId: ID }] });
    expect(await watch.check()).toBe(true);
  });

  it.each([
    ['the permission is not granted (even were the API there)', { permitted: false, api: true }],
    ['the API is absent (Firefox, or Chromium without the permission)', { permitted: true, api: false }],
  ])('does nothing when %s', async (_, access) => {
    const { world, watch } = setup({ targets: [worker(true)], ...access });
    expect(await watch.check()).toBe(false);
    await watch.tick();
    await expect(watch.refuseIfAttached()).resolves.toBeUndefined();
    expect(await routeThrough(watch)('vault.unlock', { password: 'x' })).toEqual({ ok: true, value: 'released' });
    expect(world.locks).toBe(0);
    expect(world.audit).toEqual([]);
  });

  it('allows unlocking again once the debugger detaches, and records a new attachment anew', async () => {
    const { world, watch } = setup({ targets: [worker(true)] });
    await expect(watch.refuseIfAttached()).rejects.toMatchObject({ code: 'DEBUGGER_ON_AIRLOCK' });
    world.targets = [worker(false)];
    await expect(watch.refuseIfAttached()).resolves.toBeUndefined();
    expect(await routeThrough(watch)('vault.unlock', { password: 'x' })).toEqual({ ok: true, value: 'released' });
    expect(watch.state).toEqual({ attached: false, since: null });
    world.targets = [worker(true), optionsPage(true)];
    await expect(watch.refuseIfAttached()).rejects.toMatchObject({ code: 'DEBUGGER_ON_AIRLOCK' });
    expect(world.audit.map((e) => e.details)).toEqual([{ targets: 1, types: 'worker' }, { targets: 2, types: 'page,worker' }]);
  });

  it('looks on its periodic tick only while the vault is unlocked', async () => {
    const { world, watch } = setup({ targets: [worker(true)], unlocked: false });
    await watch.tick();
    expect(world.locks).toBe(0);
    world.unlocked = true;
    await watch.tick();
    expect(world.locks).toBe(1);
    expect(world.audit).toHaveLength(1);
  });
});
