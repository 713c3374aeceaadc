/**
 * The page side of the agent protocol, in the content script's isolated world. It answers only
 * messages on the agent channel, posted by the frame's own window, and stays silent on pages that
 * never speak the protocol (so Airlock does not announce itself to every site).
 */
import { AirlockError, toErrorData } from '../errors/airlock-error';
import { call, callUntilAnswered } from '../messaging/call';
import { randomBase64Url } from '../encoding/base64url';
import { isOAuthPushMessage, isPushMessage, isTokenPushMessage } from '../messaging/push';
import { AIRLOCK_CHANNEL, PROTOCOL_VERSION, type AirlockApprovalEvent, type AirlockLoginEvent, type AirlockMessage, type FrameReport, type PublicTabState } from '../protocol/messages';
import { decisionTypeOf, isAgentChannel, parseAgentRequest, requestIdOf } from '../protocol/validate';
import { TokenTickets } from './token-tickets';

export interface BridgeContext {
  /** Adds a listener that is removed when the content script's context is invalidated. */
  listen(target: EventTarget, type: string, listener: (event: Event) => void): void;
  onRuntimeMessage(listener: (message: unknown) => void): void;
}

/**
 * `frameReport`, when given, adds this frame's detected forms to `welcome` and `state` replies, so an
 * agent sees what Airlock sees (kinds, roles, selectors; never values).
 */
/** Lets other parts of the content script tell a greeted agent about events (step-up approvals). */
export interface AgentBridge {
  emit(approval: AirlockApprovalEvent['approval']): void;
  /** Login takeover events; those from before the handshake are told right after it (the form is often found first). */
  emitLogin(login: AirlockLoginEvent['login']): void;
}

const MAX_FORGERIES_TOLD = 3;

export function startAgentBridge(ctx: BridgeContext, win: Window, frameReport?: () => FrameReport): AgentBridge {
  let greeted = false;
  const post = (message: AirlockMessage) => win.postMessage(message, '*');
  const loginBacklog: Array<AirlockLoginEvent['login']> = [];
  const tokenTickets = new TokenTickets();
  let forgeriesTold = 0;
  const postLogin = (login: AirlockLoginEvent['login']) => post({ channel: AIRLOCK_CHANNEL, v: PROTOCOL_VERSION, type: 'event', event: 'login', login });

  ctx.listen(win, 'message', (event) => {
    const { data, source } = event as MessageEvent;
    // Messages from other windows (iframes, openers) are not this frame's agent.
    if (source !== win || !isAgentChannel(data)) return;
    const re = requestIdOf(data);
    void (async () => {
      try {
        const request = parseAgentRequest(data);
        if (request.type === 'hello') {
          const state = await call('agent.handshake', { agent: request.agent });
          greeted = true;
          post({ channel: AIRLOCK_CHANNEL, v: PROTOCOL_VERSION, re: request.id, type: 'welcome', protocol: PROTOCOL_VERSION, state, ...frameOf(frameReport) });
          for (const login of loginBacklog.splice(0)) postLogin(login);
        } else if (request.type === 'oauth') {
          const flows = await call('oauth.tabFlows', {});
          post({ channel: AIRLOCK_CHANNEL, v: PROTOCOL_VERSION, re: request.id, type: 'oauth', flows });
        } else if (request.type === 'token') {
          // Waits for the human's decision in the toolbar; the token comes to this document only, and
          // is the only secret the protocol carries. The ticket is drawn here, so that a request the
          // worker kept just before it stopped is asked again under it, not twice.
          const { ticket } = await callUntilAnswered('token.request', { provider: request.provider, scopes: request.scopes, ticket: randomBase64Url(16), encryptTo: request.encryptTo });
          const token = await tokenTickets.wait(ticket);
          post({ channel: AIRLOCK_CHANNEL, v: PROTOCOL_VERSION, re: request.id, type: 'token', token });
        } else {
          const state = await call('agent.state', {});
          post({ channel: AIRLOCK_CHANNEL, v: PROTOCOL_VERSION, re: request.id, type: 'state', state, ...frameOf(frameReport) });
        }
      } catch (error) {
        const reply = error instanceof AirlockError ? error.toData() : toErrorData(error);
        post({ channel: AIRLOCK_CHANNEL, v: PROTOCOL_VERSION, re, type: 'error', error: reply });
        // A page posting an approval decision is attacking step-up: the background keeps a record (a
        // few per document; the background also limits them per tab).
        const decision = decisionTypeOf(data);
        if (decision && forgeriesTold++ < MAX_FORGERIES_TOLD) {
          const named = (data as { approval?: unknown; approvalId?: unknown }).approval ?? (data as { approvalId?: unknown }).approvalId;
          void call('approval.pageForgery', { type: decision, approvalId: typeof named === 'string' ? named : null }).catch(() => undefined);
        }
      }
    })();
  });

  ctx.onRuntimeMessage((message) => {
    if (isTokenPushMessage(message)) {
      tokenTickets.deliver(message);
      return;
    }
    if (greeted && isOAuthPushMessage(message)) {
      post({ channel: AIRLOCK_CHANNEL, v: PROTOCOL_VERSION, type: 'event', event: 'oauth', oauth: message.oauth });
      return;
    }
    if (!greeted || !isPushMessage(message)) return;
    const state: PublicTabState = message.state;
    post({ channel: AIRLOCK_CHANNEL, v: PROTOCOL_VERSION, type: 'event', event: 'agent-mode', state });
  });

  return {
    emit(approval) {
      // Silent on pages that never spoke the protocol, like every other event.
      if (greeted) post({ channel: AIRLOCK_CHANNEL, v: PROTOCOL_VERSION, type: 'event', event: 'approval', approval });
    },
    emitLogin(login) {
      if (greeted) postLogin(login);
      else if (loginBacklog.push(login) > 20) loginBacklog.shift();
    },
  };
}

function frameOf(frameReport: (() => FrameReport) | undefined): { frame?: FrameReport } {
  return frameReport ? { frame: frameReport() } : {};
}
