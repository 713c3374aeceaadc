import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { findChromium } from '../../scripts/browser-paths.mjs';
import { extensionArgs } from './extension-browser';

export interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
  title: string;
  attached: boolean;
}

/**
 * Chromium with an extension and a bare CDP connection over `--remote-debugging-pipe` that attaches
 * to nothing on its own: unlike Playwright and Puppeteer, which attach to every target, a test can
 * choose when a debugger is on the extension's worker or pages and when none is.
 */
export class RawChromium {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private buffer = '';

  private constructor(
    private readonly child: ChildProcess,
    private readonly userDataDir: string,
  ) {
    const output = child.stdio[4] as Readable;
    output.setEncoding('utf8');
    output.on('data', (chunk: string) => {
      this.buffer += chunk;
      let end: number;
      while ((end = this.buffer.indexOf('\0')) >= 0) {
        const message = JSON.parse(this.buffer.slice(0, end)) as { id?: number; result?: unknown; error?: { message: string } };
        this.buffer = this.buffer.slice(end + 1);
        const waiter = message.id === undefined ? undefined : this.pending.get(message.id);
        if (!waiter) continue;
        this.pending.delete(message.id!);
        if (message.error) waiter.reject(new Error(message.error.message));
        else waiter.resolve(message.result);
      }
    });
  }

  static async launch(extension: string): Promise<RawChromium> {
    const executable = findChromium();
    if (!executable) throw new Error('No Chromium-family browser found: run `node scripts/ensure-browser.mjs`');
    const userDataDir = mkdtempSync(join(tmpdir(), 'airlock-raw-profile-'));
    const child = spawn(
      executable,
      ['--headless=new', '--remote-debugging-pipe', `--user-data-dir=${userDataDir}`, ...extensionArgs(extension), 'about:blank'],
      { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
    );
    return new RawChromium(child, userDataDir);
  }

  send<T>(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<T> {
    const id = this.nextId++;
    const reply = new Promise<unknown>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    (this.child.stdio[3] as Writable).write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    return reply as Promise<T>;
  }

  async targets(): Promise<TargetInfo[]> {
    return (await this.send<{ targetInfos: TargetInfo[] }>('Target.getTargets')).targetInfos;
  }

  /** Attaches a debugger session to a target (flat mode); detach it with `detach`. */
  async attach(targetId: string): Promise<string> {
    return (await this.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true })).sessionId;
  }

  async detach(sessionId: string): Promise<void> {
    await this.send('Target.detachFromTarget', { sessionId });
  }

  /** Evaluates in a target through a session attached for that call only. */
  async evaluateOnce<T>(targetId: string, expression: string): Promise<T> {
    const session = await this.attach(targetId);
    try {
      const { result, exceptionDetails } = await this.send<{ result: { value: T }; exceptionDetails?: { text: string } }>(
        'Runtime.evaluate',
        { expression, awaitPromise: true, returnByValue: true },
        session,
      );
      if (exceptionDetails) throw new Error(exceptionDetails.text);
      return result.value;
    } finally {
      await this.detach(session);
    }
  }

  async close(): Promise<void> {
    await this.send('Browser.close').catch(() => undefined);
    await new Promise((resolve) => (this.child.exitCode !== null ? resolve(null) : this.child.once('exit', resolve)));
    rmSync(this.userDataDir, { recursive: true, force: true });
  }
}
