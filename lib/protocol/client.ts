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
import { drawSealingKey, type SealingKey } from '../token/sealed-token';
import type { AgentIdentity, AirlockBrokerReply, AirlockLoginEvent, LoginStatus, AirlockEvent, AirlockOAuthEvent, AirlockReply, IssuedAccessToken, OAuthFlowSummary, PublicTabState } from './messages';

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
  /** Drawn at the first token request; the key every token of this client is sealed to. */
  private sealingKey: Promise<SealingKey> | undefined;

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

  /** Sign-ins Airlock handed to the human for this tab, and how they ended (never a code or token). */
  async oauthFlows(): Promise<OAuthFlowSummary[]> {
    const reply = (await this.send({ type: 'oauth' })) as AirlockReply | AirlockBrokerReply;
    if (reply.type !== 'oauth') throw new AirlockProtocolError('PROTOCOL_MALFORMED', `Unexpected reply ${reply.type}`);
    return reply.flows;
  }

  /**
   * Polls `oauthFlows()` until one matches (e.g. `(f) => f.status === 'completed'`). Polling rather
   * than events: a full-page sign-in reloads the page, and events do not survive a navigation.
   */
  async waitForOAuth(predicate: (flow: OAuthFlowSummary) => boolean, options: { timeoutMs?: number; intervalMs?: number } = {}): Promise<OAuthFlowSummary> {
    const deadline = Date.now() + (options.timeoutMs ?? 120_000);
    for (;;) {
      const match = (await this.oauthFlows().catch(() => [])).find(predicate);
      if (match) return match;
      if (Date.now() > deadline) throw new AirlockProtocolError('TIMEOUT', 'No matching sign-in in time');
      await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 250));
    }
  }

  /** Waits for an event Airlock pushed to this document since `hello()`. */
  async waitForEvent<E extends AirlockEvent | AirlockOAuthEvent>(
    predicate: (event: AirlockEvent | AirlockOAuthEvent) => event is E,
    options: { timeoutMs?: number } = {},
  ): Promise<E> {
    const deadline = Date.now() + (options.timeoutMs ?? 30_000);
    for (;;) {
      const match = ((await this.evaluate(READ_EVENTS)) as Array<AirlockEvent | AirlockOAuthEvent>).find(predicate);
      if (match) return match;
      if (Date.now() > deadline) throw new AirlockProtocolError('TIMEOUT', 'No matching event in time');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /**
   * Waits for a login event (`handled`, `waiting`, `submitted`, `denied`, `refused`) pushed to this
   * document since `hello()`. A classic form's submit navigates away: wait for the next page too.
   */
  async waitForLogin(statuses: readonly LoginStatus[], options: { timeoutMs?: number } = {}): Promise<AirlockLoginEvent['login']> {
    const deadline = Date.now() + (options.timeoutMs ?? 30_000);
    for (;;) {
      const events = (await this.evaluate(READ_EVENTS)) as Array<{ event?: string; login?: AirlockLoginEvent['login'] }>;
      const match = events.find((e) => e.event === 'login' && e.login && statuses.includes(e.login.status));
      if (match?.login) return match.login;
      if (Date.now() > deadline) throw new AirlockProtocolError('TIMEOUT', 'No matching login event in time');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Login events pushed to this document since `hello()`. */
  async loginEvents(): Promise<Array<AirlockLoginEvent['login']>> {
    const events = (await this.evaluate(READ_EVENTS)) as Array<{ event?: string; login?: AirlockLoginEvent['login'] }>;
    return events.filter((e) => e.event === 'login' && e.login).map((e) => e.login!);
  }

  /**
   * Asks for an access token for a provider the human configured in Airlock. Resolves once the human
   * approved in the toolbar and signed in (hence the long default timeout); rejects with
   * TOKEN_REQUEST_DENIED, TOKEN_PROVIDER_UNKNOWN, ... The refresh token never crosses. The token is
   * sealed to a key pair this client draws once: the page, which sees the protocol's messages, reads
   * only ciphertext, and the private key never leaves this process. A grant renews without asking the
   * human only for requests under the same key, so keep one client per agent session.
   */
  async requestToken(provider: string, scopes: string[], options: { timeoutMs?: number } = {}): Promise<IssuedAccessToken> {
    const key = await (this.sealingKey ??= drawSealingKey());
    const reply = (await this.send({ type: 'token', provider, scopes, encryptTo: key.encryptTo }, options.timeoutMs ?? 300_000)) as AirlockReply | AirlockBrokerReply;
    if (reply.type !== 'token') throw new AirlockProtocolError('PROTOCOL_MALFORMED', `Unexpected reply ${reply.type}`);
    try {
      return await key.open(reply.token);
    } catch {
      throw new AirlockProtocolError('PROTOCOL_MALFORMED', 'The token reply was not sealed to this request\'s key');
    }
  }

  /** Sends a raw request (for tests of Airlock's validation); resolves with whatever Airlock replied. */
  async raw(message: Record<string, unknown>, timeoutMs: number = this.timeoutMs): Promise<AirlockReply> {
    const result = (await this.evaluate(exchangeExpression({ channel: 'airlock-agent', ...message }, timeoutMs))) as ExchangeResult;
    if ('timeout' in result) {
      throw new AirlockProtocolError('NO_REPLY', 'Airlock did not answer: is the extension installed and allowed on this site?');
    }
    return result.reply;
  }

  private async send(body: Record<string, unknown>, timeoutMs?: number): Promise<AirlockReply> {
    const reply = await this.raw({ v: 1, id: nextId(), ...body }, timeoutMs);
    if (reply.type === 'error') throw new AirlockProtocolError(reply.error.code, reply.error.message);
    return reply;
  }
}
