import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { chromium, type Browser } from 'playwright-core';
import { findChromium } from '../../scripts/browser-paths.mjs';
import { CHROME_BUILD, extensionArgs } from './extension-browser';
import { findLeaks } from './leak-checks';
import { readDevToolsPort } from './spawned-chromium';

/**
 * An agent that drives the built extension through Playwright MCP's default tools, over stdio, as an
 * LLM agent's MCP client does. Everything the server answers is kept (`transcript()`), and so is every
 * file it writes (`outputFiles()`): together they are what the agent could have read, and
 * `leakReport()` searches both for a secret.
 *
 * Two ways to get the browser, as agents do:
 * - `launch`: the MCP server launches Chromium itself (a persistent profile: its `--isolated` mode
 *   does not load extensions). Its launch adds `--disable-blink-features=AutomationControlled`, so
 *   `navigator.webdriver` is false there.
 * - `cdp`: Chromium is started here, with a DevTools port, and the server attaches with
 *   `--cdp-endpoint`, as an agent attaching to a browser that is already running. Nothing hides
 *   automation there: `navigator.webdriver` is true (pass
 *   `extraArgs: ['--disable-blink-features=AutomationControlled']` to match launch mode).
 *
 * What the agent can read beyond the answers: `browser_network_requests` lists the current tab's
 * requests only, but a trace (`caps: ['devtools']`) records the whole browser context, the
 * extension's service worker included, with request bodies among its resources.
 */

export type McpMode = 'launch' | 'cdp';

export interface McpAgentOptions {
  /** Unpacked extension to load; defaults to the Chrome build in .output/chrome-mv3. */
  build?: string;
  mode?: McpMode;
  /** Extra MCP capabilities (`--caps`), e.g. 'devtools' for the tracing tools. */
  caps?: string[];
  /** Extra Chromium flags, after the extension's (test/e2e/extension-browser.ts `extensionArgs`). */
  extraArgs?: string[];
  /** Extra flags for the MCP server itself, e.g. `--console-level=debug`. */
  mcpArgs?: string[];
  /**
   * Launch mode only: open a DevTools port (127.0.0.1, random) on the browser the server launches, so
   * that `testBrowser()` works there too. Off by default, so the browser is the one the server would
   * launch for any agent; cdp mode always has the port (the server needs it).
   */
  debugPort?: boolean;
}

export interface ToolResult {
  /** The text parts of the answer, joined by newlines; an image part is noted as `[image <mimeType>]`. */
  text: string;
  isError: boolean;
}

export interface NetworkEntry {
  /** The number to pass to `networkRequest`. */
  index: number;
  method: string;
  url: string;
  /** HTTP status; null while the request has no response, or when it failed (`failure` says why). */
  status: number | null;
  failure?: string;
}

export type NetworkPart = 'request-headers' | 'request-body' | 'response-headers' | 'response-body';

export interface OutputFile {
  /** Relative to the server's workspace, as the server names it in its answers (e.g. `out/page-….yml`). */
  path: string;
  content: Buffer;
}

export interface McpAgent {
  readonly mode: McpMode;
  /** ID of the loaded extension, from its manifest's key (the dev build: DEV_EXTENSION_ID). */
  readonly extensionId: string;
  /** The server's working directory: its output directory (`out/`) and any file an agent names are under it. */
  readonly workspace: string;

  /** One tool call, recorded in the transcript. An unknown tool or arguments its schema refuses come back as isError, as the agent reads them. */
  call(tool: string, args?: object): Promise<ToolResult>;

  // Thin helpers over `call`. They throw when the tool answers isError, because in a test a failed
  // step is nearly always the failure to report; use `call` to look at an expected error.
  navigate(url: string): Promise<string>;
  snapshot(): Promise<string>;
  /** `target`: a ref from a snapshot (`e5`) or a unique selector. */
  type(target: string, text: string, options?: { submit?: boolean; element?: string }): Promise<string>;
  click(target: string, element?: string): Promise<string>;
  /** `fn`: the source of a function, run in the page, e.g. `() => document.title`. */
  evaluate(fn: string): Promise<string>;
  /** The agent's own `browser_run_code_unsafe`: `code` is `async (page) => …`. */
  runCode(code: string): Promise<string>;
  /** Every request of the current tab since the session began, static resources included. */
  networkRequests(): Promise<NetworkEntry[]>;
  networkRequest(index: number, part?: NetworkPart): Promise<string>;
  consoleMessages(level?: 'error' | 'warning' | 'info' | 'debug'): Promise<string>;
  /** Needs `caps: ['devtools']`. */
  startTracing(): Promise<string>;
  stopTracing(): Promise<string>;
  tabs(action: 'list' | 'new' | 'close' | 'select', options?: { index?: number; url?: string }): Promise<string>;

  /** Every text the agent received, one entry per tool call, in order: what an LLM would have in its context. */
  transcript(): string[];
  /** Every file under the workspace: snapshots (.yml), console logs, traces, network logs, resources, saved bodies. */
  outputFiles(): Promise<OutputFile[]>;
  /**
   * Every place the agent could read `secret`: `transcript[i]` or an output file's path, each with the
   * forms found (raw, url-encoded, form-encoded, json-escaped, base64). Empty when it appears nowhere.
   */
  leakReport(secret: string): Promise<string[]>;

  /**
   * Test set-up, NOT agent behaviour: runs `code` (`async (page) => …`) through the server's
   * `browser_run_code_unsafe` on the agent's current page, but leaves it out of the transcript. The
   * server still sees it happen, so its later answers (console, network, tabs) may mention its effects.
   * Works in both modes.
   */
  setupCode(code: string): Promise<string>;
  /**
   * Test set-up, NOT agent behaviour: the same browser through the test's own Playwright
   * (`connectOverCDP`), e.g. for the extension's service worker (`contexts()[0].serviceWorkers()`).
   * cdp mode always; launch mode only with `debugPort: true`. Disconnected (never closed) by `close()`.
   */
  testBrowser(): Promise<Browser>;

  /** Ends the MCP server and the browser, and removes the profile and the workspace. */
  close(): Promise<void>;
}

/** The tool answered isError; `text` is what the agent would have read. */
export class McpToolError extends Error {
  constructor(
    readonly tool: string,
    readonly text: string,
  ) {
    super(`${tool} failed: ${text}`);
    this.name = 'McpToolError';
  }
}

// Resolved through the package, not a hard-coded node_modules path, so a hoisted or nested install works.
const MCP_CLI = join(createRequire(import.meta.url).resolve('@playwright/mcp/package.json'), '..', 'cli.js');

/**
 * The extension ID Chromium gives an unpacked extension: the first 32 hex digits of SHA-256 over the
 * manifest's `key` (decoded) or, without a key, over the directory's absolute path, written with a–p.
 */
export function unpackedExtensionId(build: string): string {
  const manifest = JSON.parse(readFileSync(join(build, 'manifest.json'), 'utf8')) as { key?: string };
  const input = manifest.key ? Buffer.from(manifest.key, 'base64') : Buffer.from(realpathSync(build));
  return createHash('sha256')
    .update(input)
    .digest('hex')
    .slice(0, 32)
    .replace(/./g, (digit) => String.fromCharCode(97 + parseInt(digit, 16)));
}

/** The `eN` ref of the first snapshot line with this role and accessible name, e.g. `findRef(s, 'button', 'Sign in')`. */
export function findRef(snapshot: string, role: string, name: string): string {
  const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`- ${escaped(role)} "${escaped(name)}"[^\\n]*\\[ref=(e\\d+)\\]`).exec(snapshot);
  if (!match) throw new Error(`No ${role} "${name}" in the snapshot:\n${snapshot}`);
  return match[1]!;
}

/** The body of one `### Title` section of an answer (e.g. 'Result'), or null. */
export function section(text: string, title: string): string | null {
  const start = text.indexOf(`### ${title}\n`);
  if (start < 0) return null;
  const body = text.slice(start + title.length + 5);
  const end = body.search(/^### /m);
  return (end < 0 ? body : body.slice(0, end)).trim();
}

/**
 * `browser_network_requests` lines: `3. [POST] http://… => [200] OK`, `=> [FAILED] net::…`, or no
 * arrow while the request is still waiting. The URL is everything before the last arrow.
 */
export function parseNetworkRequests(text: string): NetworkEntry[] {
  const entries: NetworkEntry[] = [];
  for (const line of text.split('\n')) {
    const match = /^(\d+)\. \[([A-Z]+)\] (.*?)(?: => \[(\d+|FAILED)\] ?(.*))?$/.exec(line.trim());
    if (!match) continue;
    const [, index, method, url, status, rest] = match;
    entries.push({
      index: Number(index),
      method: method!,
      url: url!,
      status: status && status !== 'FAILED' ? Number(status) : null,
      ...(status === 'FAILED' ? { failure: rest ?? '' } : {}),
    });
  }
  return entries;
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(path) : entry.isFile() ? [path] : [];
  });
}

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

async function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return true;
  return Promise.race([new Promise<boolean>((done) => child.once('exit', () => done(true))), sleep(ms).then(() => false)]);
}

/**
 * Processes whose command line names `profile` (ours: it is a fresh temporary directory). A launch-mode
 * browser is a grandchild of the server; if the server was killed before it closed the browser, this
 * is how it is found. Linux /proc only; elsewhere nothing is found.
 */
function pidsUsingProfile(profile: string): number[] {
  try {
    return readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .filter((pid) => {
        try {
          return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(`--user-data-dir=${profile}`);
        } catch {
          return false; // the process ended while we looked
        }
      })
      .map(Number);
  } catch {
    return [];
  }
}

export async function launchMcpAgent(options: McpAgentOptions = {}): Promise<McpAgent> {
  const mode = options.mode ?? 'launch';
  const build = resolve(options.build ?? CHROME_BUILD);
  if (!existsSync(join(build, 'manifest.json'))) throw new Error(`No built extension in ${build}: run \`npm run build:chrome\``);
  const executable = findChromium();
  if (!executable) throw new Error('No Chromium-family browser found: run `node scripts/ensure-browser.mjs`');
  const caps = options.caps ?? [];
  const extensionId = unpackedExtensionId(build);

  // One temporary root: the profile, the server's config, and its workspace (cwd) holding `out/`.
  const root = mkdtempSync(join(tmpdir(), 'airlock-mcp-'));
  const profile = join(root, 'profile');
  const workspace = join(root, 'workspace');
  const outputDir = join(workspace, 'out');
  mkdirSync(workspace);
  const browserArgs = [...extensionArgs(build), ...(options.extraArgs ?? [])];

  let chrome: ChildProcess | undefined;
  let chromeStderr = '';
  let endpoint: string | undefined;
  const serverArgs = [MCP_CLI, '--output-dir', outputDir];
  if (mode === 'cdp') {
    chrome = spawn(
      executable,
      ['--headless', '--remote-debugging-port=0', '--remote-debugging-address=127.0.0.1', `--user-data-dir=${profile}`, ...browserArgs, 'about:blank'],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    chrome.stderr?.on('data', (chunk: Buffer) => (chromeStderr = (chromeStderr + chunk.toString()).slice(-4000)));
    const started = chrome;
    // Chromium outlives its parent: should the test process die before close(), end it with us. (A
    // launch-mode browser needs no such hook: the server closes it when its stdin closes.)
    const killOnExit = () => started.kill('SIGKILL');
    process.once('exit', killOnExit);
    started.once('exit', () => process.removeListener('exit', killOnExit));
    try {
      const port = await readDevToolsPort(profile, () => started.exitCode === null, () => `Its stderr: ${chromeStderr}`);
      endpoint = `http://127.0.0.1:${port}`;
    } catch (error) {
      started.kill('SIGKILL');
      rmSync(root, { recursive: true, force: true });
      throw error;
    }
    serverArgs.push('--cdp-endpoint', endpoint);
  } else {
    // Extra Chromium flags go through a config file: the server's command line has none for them.
    const config = join(root, 'mcp.config.json');
    const args = [...browserArgs, ...(options.debugPort ? ['--remote-debugging-port=0', '--remote-debugging-address=127.0.0.1'] : [])];
    writeFileSync(config, JSON.stringify({ browser: { launchOptions: { args } } }, null, 2));
    serverArgs.push('--config', config, '--headless', '--executable-path', executable, '--no-sandbox', '--user-data-dir', profile);
  }
  if (caps.length) serverArgs.push(`--caps=${caps.join(',')}`);
  serverArgs.push(...(options.mcpArgs ?? []));

  const transport = new StdioClientTransport({ command: process.execPath, args: serverArgs, cwd: workspace, stderr: 'pipe' });
  let serverStderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (serverStderr = (serverStderr + chunk.toString()).slice(-4000)));
  const client = new Client({ name: 'airlock-e2e-agent', version: '1.0.0' });

  let testSide: Browser | undefined;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    // The test's own connection only disconnects (connectOverCDP): the browser is ended below.
    await testSide?.close().catch(() => undefined);
    // Closing stdin ends the server; in launch mode it closes its browser first.
    await client.close().catch(() => undefined);
    if (chrome) {
      chrome.kill('SIGTERM');
      if (!(await waitForExit(chrome, 5000))) chrome.kill('SIGKILL');
    }
    for (const pid of pidsUsingProfile(profile)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone already
      }
    }
    // Chromium may still be writing to its profile for a moment after the kill.
    for (let attempt = 0; ; attempt++) {
      try {
        rmSync(root, { recursive: true, force: true });
        break;
      } catch (error) {
        if (attempt >= 10) throw error;
        await sleep(200);
      }
    }
  };

  try {
    await client.connect(transport);
  } catch (error) {
    await close();
    throw new Error(`The MCP server did not start: ${(error as Error).message}\n${serverStderr}`);
  }

  const received: string[] = [];
  const rawCall = async (tool: string, args: object): Promise<ToolResult> => {
    try {
      const result = await client.callTool({ name: tool, arguments: args as Record<string, unknown> });
      const parts = (result.content ?? []) as Array<{ type: string; text?: string; mimeType?: string }>;
      const text = parts.map((part) => (part.type === 'text' ? (part.text ?? '') : `[${part.type} ${part.mimeType ?? ''}]`.replace(' ]', ']'))).join('\n');
      return { text, isError: result.isError === true };
    } catch (error) {
      // A protocol error (unknown tool, arguments the schema refuses) reaches an agent as an error too.
      if (error instanceof McpError) return { text: error.message, isError: true };
      throw new Error(`${tool}: ${(error as Error).message}\n${serverStderr}`);
    }
  };
  const call = async (tool: string, args: object = {}): Promise<ToolResult> => {
    const result = await rawCall(tool, args);
    received.push(result.text);
    return result;
  };
  const ok = async (tool: string, args: object = {}): Promise<string> => {
    const { text, isError } = await call(tool, args);
    if (isError) throw new McpToolError(tool, text);
    return text;
  };
  const needsDevtools = () => {
    if (!caps.includes('devtools')) throw new Error("The tracing tools need launchMcpAgent({ caps: ['devtools'] })");
  };

  const outputFiles = async (): Promise<OutputFile[]> =>
    Promise.all(listFiles(workspace).map(async (path) => ({ path: relative(workspace, path), content: await readFile(path) })));

  return {
    mode,
    extensionId,
    workspace,
    call,
    navigate: (url) => ok('browser_navigate', { url }),
    snapshot: () => ok('browser_snapshot'),
    type: (target, text, { submit, element } = {}) =>
      ok('browser_type', { target, text, ...(element ? { element } : {}), ...(submit !== undefined ? { submit } : {}) }),
    click: (target, element) => ok('browser_click', { target, ...(element ? { element } : {}) }),
    evaluate: (fn) => ok('browser_evaluate', { function: fn }),
    runCode: (code) => ok('browser_run_code_unsafe', { code }),
    networkRequests: async () => parseNetworkRequests(await ok('browser_network_requests', { static: true, all: true })),
    networkRequest: (index, part) => ok('browser_network_request', { index, ...(part ? { part } : {}) }),
    consoleMessages: (level = 'debug') => ok('browser_console_messages', { level, all: true }),
    startTracing: async () => {
      needsDevtools();
      return ok('browser_start_tracing');
    },
    stopTracing: async () => {
      needsDevtools();
      return ok('browser_stop_tracing');
    },
    tabs: (action, { index, url } = {}) =>
      ok('browser_tabs', { action, ...(index !== undefined ? { index } : {}), ...(url !== undefined ? { url } : {}) }),
    transcript: () => [...received],
    outputFiles,
    async leakReport(secret) {
      const places: string[] = [];
      const look = (place: string, text: string) => {
        const forms = findLeaks(place, text, [{ label: 'secret', value: secret }]).map((finding) => finding.form);
        if (forms.length) places.push(`${place} (${forms.join(', ')})`);
      };
      received.forEach((text, i) => look(`transcript[${i}]`, text));
      for (const file of await outputFiles()) look(file.path, file.content.toString('utf8'));
      return places;
    },
    async setupCode(code) {
      const { text, isError } = await rawCall('browser_run_code_unsafe', { code });
      if (isError) throw new McpToolError('browser_run_code_unsafe (set-up)', text);
      return text;
    },
    async testBrowser() {
      if (testSide?.isConnected()) return testSide;
      let url = endpoint;
      if (!url) {
        if (!options.debugPort) throw new Error('testBrowser() in launch mode needs launchMcpAgent({ debugPort: true }); or use setupCode()');
        // The server launches the browser on its first tool call; before that there is no port file.
        url = `http://127.0.0.1:${await readDevToolsPort(profile, () => true, () => 'Has the agent made a tool call yet?')}`;
      }
      testSide = await chromium.connectOverCDP(url);
      return testSide;
    },
    close,
  };
}
