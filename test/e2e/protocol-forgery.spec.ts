import { test, expect } from './fixtures';
import { agentClient } from './agent-tab';

const PAGE = '<!doctype html><title>Hostile page</title><p>Nothing to see</p>';

test.describe('a page script forging agent-protocol messages', () => {
  test('cannot turn agent mode off, and each malformed message gets a clear error code', async ({ server, page }) => {
    await page.goto(server.route('/hostile', PAGE));
    const client = agentClient(page, 'honest-agent');
    expect((await client.state()).agentDriven).toBe(true);

    const attempts: Array<[Record<string, unknown>, string]> = [
      [{ v: 1, id: 'f1', type: 'release' }, 'PROTOCOL_FORBIDDEN'],
      [{ v: 1, id: 'f2', type: 'set-mode', agentDriven: false }, 'PROTOCOL_FORBIDDEN'],
      [{ v: 1, id: 'f3', type: 'human' }, 'PROTOCOL_FORBIDDEN'],
      [{ v: 1, id: 'f4', type: 'hello' }, 'PROTOCOL_MALFORMED'],
      [{ v: 1, id: 'f5', type: 'hello', agent: { name: '<img src=x onerror=alert(1)>' } }, 'PROTOCOL_MALFORMED'],
      [{ v: 1, id: 'f6', type: 'grant-everything' }, 'PROTOCOL_UNKNOWN_TYPE'],
      [{ v: 2, id: 'f7', type: 'state' }, 'PROTOCOL_UNSUPPORTED_VERSION'],
      [{ v: 1, id: 'not a valid id!', type: 'state' }, 'PROTOCOL_MALFORMED'],
    ];
    for (const [message, code] of attempts) {
      const reply = await client.raw(message);
      expect(reply, JSON.stringify(message)).toMatchObject({ channel: 'airlock', type: 'error', error: { code } });
    }

    // Extra fields ride along on a valid hello: they are dropped, not obeyed.
    const reply = await client.raw({ v: 1, id: 'f8', type: 'hello', agent: { name: 'evil' }, agentDriven: false, signals: [] });
    expect(reply).toMatchObject({ type: 'welcome', state: { agentDriven: true } });

    const after = await client.state();
    expect(after.agentDriven).toBe(true);
    expect(after.signals.every((s) => s.agent)).toBe(true);
  });

  test('cannot impersonate Airlock\'s internal messages or reach the extension directly', async ({ server, page }) => {
    await page.goto(server.route('/impersonator', PAGE));
    const result = await page.evaluate(async () => {
      // An internal push, as the background sends to content scripts, but posted by the page.
      window.postMessage({ airlock: 'push', state: { agentDriven: false, signals: [] } }, '*');
      window.postMessage({ airlock: 'internal', kind: 'ui.setToggle', payload: { tabId: 1, scope: 'always', agent: null } }, '*');
      const runtime = (window as unknown as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime;
      let direct = 'unavailable';
      if (typeof runtime?.sendMessage === 'function') {
        try {
          (runtime.sendMessage as (id: string, m: unknown) => void)('mebppdmikpolhhlgchdclflhkddephji', { airlock: 'internal' });
          direct = 'sent';
        } catch {
          direct = 'refused';
        }
      }
      return direct;
    });
    // Web pages are not in externally_connectable: the runtime API is absent or refuses.
    expect(['unavailable', 'refused']).toContain(result);
    expect((await agentClient(page).state()).agentDriven).toBe(true);
  });

  test('messages from another window (a framed page) are not taken as this frame\'s agent', async ({ server, page }) => {
    const child = server.route('/child', `<!doctype html><script>
      parent.postMessage({ channel: 'airlock-agent', v: 1, id: 'x1', type: 'release' }, '*');
    </script>`);
    await page.goto(server.route('/parent', `<!doctype html><script>
      window.replies = [];
      addEventListener('message', (e) => { if (e.data && e.data.channel === 'airlock') window.replies.push(e.data); });
    </script><iframe src="${child}"></iframe>`));
    await page.frameLocator('iframe').locator('script').count();
    // The bridge in this frame is live (it answers the frame's own request)...
    expect((await agentClient(page).state()).agentDriven).toBe(true);
    // ...yet it answered nothing to the child's message: its source was not this frame's own window.
    const replies = await page.evaluate(() => (window as unknown as { replies: Array<{ re?: string }> }).replies);
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.filter((r) => r.re === 'x1')).toEqual([]);
  });
});
