import { describe, expect, it } from 'vitest';
import type { AuditTrail } from '../../../lib/approvals/audit-trail';
import type { AuditEntry } from '../../../lib/approvals/messages';
import { approvalPageForgery } from '../../../lib/background/handlers/approval-page-forgery';
import type { SenderContext } from '../../../lib/messaging/sender';

function setup() {
  const entries: AuditEntry[] = [];
  let clock = 1_000;
  const handler = approvalPageForgery({ append: async (entry: AuditEntry) => void entries.push(entry) } as unknown as AuditTrail, () => clock);
  const sender = (tabId: number): SenderContext => ({ kind: 'content', origin: 'https://shop.example', tabId, windowId: 1, frameId: 0 });
  const tell = (payload: unknown, tabId = 5) => handler.handle(handler.parse(payload), sender(tabId));
  return { entries, tell, handler, advance: (ms: number) => (clock += ms) };
}

describe('approval.pageForgery: a page that posts an approval decision is audited', () => {
  it('records the refusal with the tab, the origin the browser reports and the approval the page named', async () => {
    const { entries, tell } = setup();
    expect(await tell({ type: 'approve', approvalId: 'approval-123' })).toEqual({ audited: true });
    expect(entries).toEqual([{ at: 1_000, event: 'refused', code: 'PROTOCOL_FORBIDDEN', detail: 'page in tab 5 sent approve', origin: 'https://shop.example', approvalId: 'approval-123' }]);
  });

  it('keeps no ill-formed approval id, and refuses a type that is not a decision', async () => {
    const { entries, tell, handler } = setup();
    await tell({ type: 'deny', approvalId: '<img src=x>' });
    expect(entries[0]).not.toHaveProperty('approvalId');
    expect(() => handler.parse({ type: 'hello', approvalId: null })).toThrow(expect.objectContaining({ code: 'MESSAGE_MALFORMED' }));
  });

  it('records at most five a minute per tab, so a page cannot flood the trail; another tab and the next minute are recorded', async () => {
    const { entries, tell, advance } = setup();
    const told = [];
    for (let i = 0; i < 8; i++) told.push((await tell({ type: 'approve', approvalId: null })).audited);
    expect(told).toEqual([true, true, true, true, true, false, false, false]);
    expect((await tell({ type: 'approve', approvalId: null }, 6)).audited).toBe(true);
    advance(60_001);
    expect((await tell({ type: 'approve', approvalId: null })).audited).toBe(true);
    expect(entries).toHaveLength(7);
  });
});
