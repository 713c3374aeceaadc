/**
 * TypeScript client of the Airlock agent protocol for agents that drive a browser through Playwright,
 * Puppeteer or raw CDP. It needs only a way to evaluate a function in the page's main world:
 *
 *   import { AirlockClient } from 'airlock/agent-client';
 *   const airlock = new AirlockClient((expression) => page.evaluate(expression), { name: 'my-agent', version: '1.0' });
 *   const hello = await airlock.hello();      // Airlock now treats the tab as agent-driven
 *   const state = await airlock.state();      // { agentDriven, signals, ... }
 *
 * Replies are read in the page's main world, which the page's own scripts share: a hostile page can
 * see an agent's requests and could forge replies. Treat replies as advice for the agent's planning;
 * Airlock's protection never depends on them (README, "Agent protocol").
 */
import type { AgentIdentity, AirlockEvent, AirlockReply, PublicTabState } from './messages';

/**
 * Evaluates a JavaScript expression in the page's main world and returns its (JSON-serialisable)
 * value, awaiting it if it is a promise: `(e) => page.evaluate(e)` in Playwright and Puppeteer, or
 * CDP `Runtime.evaluate` with `awaitPromise` and `returnByValue`. Expressions rather than functions,
 * so that no bundler's function rewriting can break what runs in the page.
 */
export type Evaluate = (expression: string) => Promise<unknown>;

export interface ClientOptions {
  /** How long to wait for Airlock's reply before concluding it is not installed (ms). */
  timeoutMs?: number;
}

export class AirlockProtocolError extends Error {
  override readonly name = 'AirlockProtocolError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type ExchangeResult = { reply: AirlockReply } | { timeout: true };

/**
 * Posts one request and resolves with the reply naming its id (or, for a request whose id Airlock
 * could not read, the error naming none).
 */
function exchangeExpression(message: Record<string, unknown>, timeoutMs: number): string {
  return `new Promise((resolve) => {
  const message = ${JSON.stringify(message)};
  const onMessage = (event) => {
    const data = event.data;
    if (event.source !== window || !data || data.channel !== 'airlock') return;
    if (data.re !== message.id && !(data.re === null && data.type === 'error')) return;
    window.removeEventListener('message', onMessage);
    clearTimeout(timer);
    resolve({ reply: data });
  };
  const timer = setTimeout(() => {
    window.removeEventListener('message', onMessage);
    resolve({ timeout: true });
  }, ${Number(timeoutMs)});
  window.addEventListener('message', onMessage);
  window.postMessage(message, '*');
})`;
}

/** Collects Airlock's pushed events in the page, for `events()`. */
const INSTALL_EVENT_RECORDER = `(() => {
  if (window.__airlockEvents) return true;
  const events = [];
  window.__airlockEvents = events;
  window.addEventListener('message', (event) => {
    const data = event.data;
    if (event.source === window && data && data.channel === 'airlock' && data.type === 'event') events.push(data);
  });
  return true;
})()`;

const READ_EVENTS = '(window.__airlockEvents || [])';

let counter = 0;
const nextId = () => `c${Date.now().toString(36)}${(counter++).toString(36)}`;

export class AirlockClient {
  private readonly timeoutMs: number;

  constructor(
    private readonly evaluate: Evaluate,
    private readonly agent: AgentIdentity,
    options: ClientOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 3000;
  }

  /** Introduces the agent: Airlock treats the tab as agent-driven from now on. */
  async hello(): Promise<{ protocol: number; state: PublicTabState }> {
    await this.evaluate(INSTALL_EVENT_RECORDER);
    const reply = await this.send({ type: 'hello', agent: this.agent });
    if (reply.type !== 'welcome') throw new AirlockProtocolError('PROTOCOL_MALFORMED', `Unexpected reply ${reply.type}`);
    return { protocol: reply.protocol, state: reply.state };
  }

  /** Airlock's view of the tab: whether it is agent-driven, and why. */
  async state(): Promise<PublicTabState> {
    const reply = await this.send({ type: 'state' });
    if (reply.type !== 'state') throw new AirlockProtocolError('PROTOCOL_MALFORMED', `Unexpected reply ${reply.type}`);
    return reply.state;
  }

  /** Events Airlock pushed to this document since `hello()` (they do not survive a navigation). */
  async events(): Promise<AirlockEvent[]> {
    return (await this.evaluate(READ_EVENTS)) as AirlockEvent[];
  }

  /** Sends a raw request (for tests of Airlock's validation); resolves with whatever Airlock replied. */
  async raw(message: Record<string, unknown>): Promise<AirlockReply> {
    const result = (await this.evaluate(exchangeExpression({ channel: 'airlock-agent', ...message }, this.timeoutMs))) as ExchangeResult;
    if ('timeout' in result) {
      throw new AirlockProtocolError('NO_REPLY', 'Airlock did not answer: is the extension installed and allowed on this site?');
    }
    return result.reply;
  }

  private async send(body: Record<string, unknown>): Promise<AirlockReply> {
    const reply = await this.raw({ v: 1, id: nextId(), ...body });
    if (reply.type === 'error') throw new AirlockProtocolError(reply.error.code, reply.error.message);
    return reply;
  }
}
