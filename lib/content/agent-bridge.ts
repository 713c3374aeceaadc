/**
 * The page side of the agent protocol, in the content script's isolated world. It answers only
 * messages on the agent channel, posted by the frame's own window, and stays silent on pages that
 * never speak the protocol (so Airlock does not announce itself to every site).
 */
import { AirlockError, toErrorData } from '../errors/airlock-error';
import { call } from '../messaging/call';
import { isPushMessage } from '../messaging/push';
import { AIRLOCK_CHANNEL, PROTOCOL_VERSION, type AirlockMessage, type PublicTabState } from '../protocol/messages';
import { isAgentChannel, parseAgentRequest, requestIdOf } from '../protocol/validate';

export interface BridgeContext {
  /** Adds a listener that is removed when the content script's context is invalidated. */
  listen(target: EventTarget, type: string, listener: (event: Event) => void): void;
  onRuntimeMessage(listener: (message: unknown) => void): void;
}

export function startAgentBridge(ctx: BridgeContext, win: Window): void {
  let greeted = false;
  const post = (message: AirlockMessage) => win.postMessage(message, '*');

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
          post({ channel: AIRLOCK_CHANNEL, v: PROTOCOL_VERSION, re: request.id, type: 'welcome', protocol: PROTOCOL_VERSION, state });
        } else {
          const state = await call('agent.state', {});
          post({ channel: AIRLOCK_CHANNEL, v: PROTOCOL_VERSION, re: request.id, type: 'state', state });
        }
      } catch (error) {
        const data = error instanceof AirlockError ? error.toData() : toErrorData(error);
        post({ channel: AIRLOCK_CHANNEL, v: PROTOCOL_VERSION, re, type: 'error', error: data });
      }
    })();
  });

  ctx.onRuntimeMessage((message) => {
    if (!greeted || !isPushMessage(message)) return;
    const state: PublicTabState = message.state;
    post({ channel: AIRLOCK_CHANNEL, v: PROTOCOL_VERSION, type: 'event', event: 'agent-mode', state });
  });
}
