import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { FLOW_RETAIN_MS, type BrokerFlow } from '../../../lib/oauth/flow';
import { FlowStore, FLOWS_KEY } from '../../../lib/oauth/flow-store';
import { recognizeAuthorizationRequest } from '../../../lib/oauth/recognize';

const request = recognizeAuthorizationRequest('https://idp.example/auth?response_type=code&client_id=c&redirect_uri=https%3A%2F%2Frp.example%2Fcb&state=s')!;
const flow = (id: string, expiresAt: number): BrokerFlow => ({
  id, variant: 'popup', status: 'pending', originTabId: 1, humanTabId: 2, humanWindowId: 3, request, agent: '', createdAt: 0, expiresAt,
});

describe('FlowStore', () => {
  let now = 0;
  beforeEach(() => {
    fakeBrowser.reset();
    now = 0;
  });
  const store = () => new FlowStore(fakeBrowser.storage.session, () => now);

  it('persists flows in storage.session, so a new worker (a new store) finds them', async () => {
    await store().put(flow('a', 100));
    expect(await store().get('a')).toMatchObject({ id: 'a', status: 'pending' });
    expect(Object.keys((await fakeBrowser.storage.session.get(FLOWS_KEY))[FLOWS_KEY] as object)).toEqual(['a']);
  });

  it('lets a flow end exactly once, even when two events race', async () => {
    const s = store();
    await s.put(flow('a', 100));
    const [first, second] = await Promise.all([
      s.transition('a', ['pending', 'in-progress'], { status: 'denied' }),
      s.transition('a', ['pending', 'in-progress'], { status: 'completed' }),
    ]);
    expect(first?.status).toBe('denied');
    expect(second).toBeNull();
    expect((await s.get('a'))?.status).toBe('denied');
  });

  it('expires overdue flows, keeps ended ones for a while to refuse late answers, then drops them', async () => {
    const s = store();
    await s.put(flow('a', 100));
    now = 100;
    expect((await s.sweep()).map((f) => f.id)).toEqual(['a']);
    expect((await s.get('a'))?.status).toBe('expired');
    now = 100 + FLOW_RETAIN_MS - 1;
    await s.sweep();
    expect(await s.get('a')).toBeDefined();
    now = 100 + FLOW_RETAIN_MS;
    await s.sweep();
    expect(await s.get('a')).toBeUndefined();
  });
});
