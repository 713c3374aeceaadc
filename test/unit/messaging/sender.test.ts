import { describe, expect, it } from 'vitest';
import { classifySender } from '../../../lib/messaging/sender';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}`;

describe('classifySender', () => {
  it('classifies the toolbar popup, an Airlock page in a tab, and a content script', () => {
    expect(classifySender({ id: ID, origin: ORIGIN, url: `${ORIGIN}/popup.html` }, ID, ORIGIN)?.kind).toBe('extension-view');
    expect(classifySender({ id: ID, origin: ORIGIN, tab: { id: 1, windowId: 2 } }, ID, ORIGIN)?.kind).toBe('extension-tab');
    expect(classifySender({ id: ID, origin: 'https://a.example', tab: { id: 1, windowId: 2 } }, ID, ORIGIN)).toEqual({
      kind: 'content',
      origin: 'https://a.example',
      tabId: 1,
      windowId: 2,
      frameId: null,
    });
  });

  it('prefers sender.origin over a spoofable-looking sender.url', () => {
    const sender = { id: ID, origin: 'https://evil.example', url: `${ORIGIN}/popup.html`, tab: { id: 1, windowId: 2 } };
    expect(classifySender(sender, ID, ORIGIN)?.kind).toBe('content');
  });

  it('falls back to sender.url where the browser gives no origin (Firefox)', () => {
    const firefox = 'moz-extension://5f1c0000-0000-4000-8000-000000000000';
    expect(classifySender({ id: ID, url: `${firefox}/popup.html` }, ID, firefox)?.kind).toBe('extension-view');
  });

  it('refuses other extensions, senders with no origin, and tab-less web senders', () => {
    expect(classifySender({ id: 'other', origin: ORIGIN }, ID, ORIGIN)).toBeNull();
    expect(classifySender({ id: ID }, ID, ORIGIN)).toBeNull();
    expect(classifySender({ id: ID, origin: 'https://a.example' }, ID, ORIGIN)).toBeNull();
  });
});
