import { testTrail } from '../approvals/trail-fixture';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { approvalPageForgery } from '../../../lib/background/handlers/approval-page-forgery';
import type { SenderContext } from '../../../lib/messaging/sender';

function setup() {
  fakeBrowser.reset();
  let clock = 1_000;
  const trail = testTrail();
  // A new handler over the same storage is a restarted worker.
  const handler = () => approvalPageForgery(trail, () => clock);
  const sender = (tabId: number): SenderContext => ({ kind: 'content', origin: 'https://shop.example', tabId, windowId: 1, frameId: 0 });
  const tell = (payload: unknown, tabId = 5, h = handler()) => h.handle(h.parse(payload), sender(tabId));
  return { trail, tell, handler, advance: (ms: number) => (clock += ms) };
}

describe('approval.pageForgery: a page that posts an approval decision is audited', () => {
  it('records the refusal with the tab, the origin the browser reports and the approval the page named', async () => {
    const { trail, tell } = setup();
    expect(await tell({ type: 'approve', approvalId: 'approval-123' })).toEqual({ audited: true });
    expect(await trail.list()).toEqual([{ at: expect.any(Number), event: 'refused', code: 'PROTOCOL_FORBIDDEN', detail: 'page in tab 5 sent approve', origin: 'https://shop.example', approvalId: 'approval-123' }]);
  });

  it('keeps no ill-formed approval id, and refuses a type that is not a decision', async () => {
    const { trail, tell, handler } = setup();
    await tell({ type: 'deny', approvalId: '<img src=x>' });
    expect((await trail.list())[0]).not.toHaveProperty('approvalId');
    const h = handler();
    expect(() => h.parse({ type: 'hello', approvalId: null })).toThrow(expect.objectContaining({ code: 'MESSAGE_MALFORMED' }));
  });

  it('records one attempt per tab every ten minutes, also across a worker restart, then says how many came between; another tab is recorded', async () => {
    const { trail, tell, handler, advance } = setup();
    const told = [];
    for (let i = 0; i < 4; i++) told.push((await tell({ type: 'approve', approvalId: null })).audited);
    // A restarted worker (a new handler) still knows the tab was recorded.
    told.push((await tell({ type: 'approve', approvalId: null }, 5, handler())).audited);
    expect(told).toEqual([true, false, false, false, false]);
    expect((await tell({ type: 'deny', approvalId: null }, 6)).audited).toBe(true);
    advance(10 * 60_000);
    expect((await tell({ type: 'approve', approvalId: null })).audited).toBe(true);
    expect((await trail.list()).map((e) => e.detail)).toEqual(['page in tab 5 sent approve', 'page in tab 6 sent deny', 'page in tab 5 sent approve (and 4 more attempts before it)']);
  });
});
