import { randomBytes } from 'node:crypto';
import { test, expect } from './fixtures';
import { findRef, launchMcpAgent, section, type McpAgent } from './mcp-agent';
import { DEV_EXTENSION_ID } from '../../lib/extension-key';

/**
 * The harness itself: an agent on Playwright MCP's default tools drives the built extension's browser,
 * and everything it read is searchable. No Airlock behaviour is asserted here.
 */
test.describe.configure({ mode: 'serial' });

// Random, so that nothing on the page or in the browser can hold them by chance.
const mark = (label: string) => `${label}${randomBytes(6).toString('hex')}`;

const LOGIN = (planted: string) => `<!doctype html><title>Sign in</title>
<h1>Sign in</h1>
<p>Notice: ${planted}</p>
<form method="post" action="/login">
  <label>User <input name="user"></label>
  <button>Sign in</button>
</form>`;

const WELCOME = '<!doctype html><title>Welcome</title><p>Welcome</p>';

test('launch mode: the agent signs in, sees the POST and its body, and the leak check finds what it read', async ({ server }) => {
  const planted = mark('PLANTED');
  const user = mark('user ');
  server.route('/login', WELCOME);
  const agent = await launchMcpAgent({ mode: 'launch' });
  try {
    expect(agent.extensionId).toBe(DEV_EXTENSION_ID);
    await agent.navigate(server.route('/', LOGIN(planted)));
    const snapshot = await agent.snapshot();
    await agent.type(findRef(snapshot, 'textbox', 'User'), user);
    const clicked = await agent.click(findRef(snapshot, 'button', 'Sign in'), 'Sign in button');
    expect(clicked).toContain('Page Title: Welcome');

    const post = (await agent.networkRequests()).find((r) => r.method === 'POST');
    expect(post).toMatchObject({ url: `${server.origin}/login`, status: 200 });
    const body = section(await agent.networkRequest(post!.index, 'request-body'), 'Result');
    expect(body).toBe(`user=${encodeURIComponent(user).replace(/%20/g, '+')}`);

    // The planted text was on the page: in the snapshot's answer and in the snapshot files.
    const leaks = await agent.leakReport(planted);
    expect(leaks).toContainEqual(expect.stringMatching(/^transcript\[\d+\] \(raw\)$/));
    expect(leaks).toContainEqual(expect.stringMatching(/^out\/page-.*\.yml \(raw\)$/));
    // The user name reached the agent form-encoded (request body), which the check looks for too.
    expect(await agent.leakReport(user)).toContainEqual(expect.stringMatching(/^transcript\[\d+\] \(.*form-encoded.*\)$/));
    expect(await agent.leakReport(mark('NEVER'))).toEqual([]);

    // Set-up through the server is left out of what the agent read.
    const read = agent.transcript().length;
    expect(await agent.setupCode('async (page) => page.url()')).toContain('/login');
    expect(agent.transcript()).toHaveLength(read);

    // Airlock's own page, opened by the agent in its tab, is closed on sight: the navigation fails
    // (it used to load, for the agent to read and script).
    await expect(agent.navigate(`chrome-extension://${agent.extensionId}/popup.html`)).rejects.toThrow(/closed/);
  } finally {
    await agent.close();
  }
});

test("cdp mode: the agent cannot keep the popup page open; its trace records the service worker's requests, its network list does not", async ({ server }) => {
  const marker = mark('SWFETCH');
  const agent: McpAgent = await launchMcpAgent({ mode: 'cdp', caps: ['devtools'] });
  try {
    // Airlock closes its own page in the agent's tab on sight (the agent used to reach it); the agent goes on elsewhere.
    await expect(agent.navigate(`chrome-extension://${agent.extensionId}/popup.html`)).rejects.toThrow(/closed/);
    expect(await agent.navigate(server.route('/after-popup', WELCOME))).toContain('Page Title: Welcome');

    await agent.startTracing();
    // Test set-up, not the agent: the extension's service worker fetches, through the test's own connection.
    const context = (await agent.testBrowser()).contexts()[0]!;
    const worker =
      context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${agent.extensionId}/`)) ??
      (await context.waitForEvent('serviceworker', { predicate: (w) => w.url().startsWith(`chrome-extension://${agent.extensionId}/`) }));
    await worker.evaluate(async (url) => void (await fetch(url, { method: 'POST', body: `probe=${url}` })), `${server.origin}/sw-probe?m=${marker}`);
    await agent.stopTracing();

    // browser_network_requests lists the agent's tab only; the trace's network log is the whole
    // browser context, service workers included (the body is one of its resources). So the agent
    // can read the extension's own traffic once it traces, and the leak check sees it there.
    expect((await agent.networkRequests()).filter((r) => r.url.includes(marker))).toEqual([]);
    const leaks = await agent.leakReport(marker);
    expect(leaks).toContainEqual(expect.stringMatching(/^out\/traces\/trace-\d+\.network \(raw\)$/));
    expect(leaks).toContainEqual(expect.stringMatching(/^out\/traces\/resources\/\w+\.txt \(raw\)$/));
    expect(leaks.filter((place) => place.startsWith('transcript'))).toEqual([]);
  } finally {
    await agent.close();
  }
});
