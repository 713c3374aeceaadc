import WebSocket from 'ws';

interface Pending {
  resolve(value: Record<string, unknown>): void;
  reject(error: Error): void;
}

/**
 * A bare Chrome DevTools Protocol client, as Python harnesses of the browser-use kind drive a browser:
 * a WebSocket to the browser, flat sessions, `Page.navigate` and `Runtime.evaluate`. No library between.
 */
export class BareCdp {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString()) as { id?: number; result?: Record<string, unknown>; error?: { message: string } };
      if (message.id === undefined) return;
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) waiting?.reject(new Error(`CDP: ${message.error.message}`));
      else waiting?.resolve(message.result ?? {});
    });
  }

  /** Connects to the browser behind a DevTools endpoint (`http://127.0.0.1:<port>`). */
  static async connect(endpoint: string): Promise<BareCdp> {
    const version = (await (await fetch(`${endpoint}/json/version`)).json()) as { webSocketDebuggerUrl: string };
    const socket = new WebSocket(version.webSocketDebuggerUrl);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new BareCdp(socket);
  }

  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    });
  }

  /** Opens a tab and attaches to it, enabling what such harnesses enable; returns the session id. */
  async openTab(): Promise<string> {
    const { targetId } = (await this.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
    const { sessionId } = (await this.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
    await Promise.all(['Page.enable', 'Runtime.enable', 'Network.enable'].map((method) => this.send(method, {}, sessionId)));
    return sessionId;
  }

  /** `Page.navigate`, then waits until the new document is interactive. */
  async navigate(sessionId: string, url: string): Promise<void> {
    await this.send('Page.navigate', { url }, sessionId);
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const state = await this.evaluate(sessionId, 'location.href + " " + document.readyState').catch(() => '');
      if (typeof state === 'string' && state.startsWith(url) && !state.endsWith('loading')) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`CDP: ${url} did not load`);
  }

  async evaluate(sessionId: string, expression: string): Promise<unknown> {
    const reply = (await this.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, sessionId)) as {
      result: { value?: unknown };
      exceptionDetails?: { text: string; exception?: { description?: string } };
    };
    if (reply.exceptionDetails) throw new Error(`CDP evaluate: ${reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text}`);
    return reply.result.value;
  }

  close(): void {
    this.socket.close();
  }
}
