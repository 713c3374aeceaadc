import type { AgentRegistry } from '../../agent/registry';
import { AirlockError } from '../../errors/airlock-error';
import { objectPayload } from '../../messaging/parse';
import type { Handler } from '../../messaging/router';
import type { TokenBroker } from '../../oauth/token-broker';
import { stillShows, type TopFrames } from '../../oauth/top-frames';
import { parseAgentRequest } from '../../protocol/validate';
import { AGENT_CHANNEL, PROTOCOL_VERSION } from '../../protocol/messages';
import { senderTab } from './require-tab';

/**
 * Protocol `token`: an agent asks for an access token. Re-validated here (the content script is not
 * trusted to have done it); the origin the human sees is the browser's `sender.origin`. Only the top
 * frame of a tab that is agent-driven now may ask (a frame of another origin inside the agent's page
 * is not the agent). The token goes back on the asking document's own message channel, which the
 * browser closes when that document goes; before answering, the top frame must still show that very
 * document (Chromium `documentId`; same origin on Firefox), or the token is withheld.
 */
export function tokenRequest(tokens: TokenBroker, registry: AgentRegistry, frames: TopFrames): Handler<'token.request'> {
  return {
    parse(payload) {
      const record = objectPayload(payload);
      const request = parseAgentRequest({ channel: AGENT_CHANNEL, v: PROTOCOL_VERSION, id: 'x', type: 'token', provider: record.provider, scopes: record.scopes });
      if (request.type !== 'token') throw new AirlockError('MESSAGE_MALFORMED', 'provider and scopes are required');
      return { provider: request.provider, scopes: request.scopes };
    },
    async handle({ provider, scopes }, sender) {
      const { tabId, windowId } = senderTab(sender);
      const verdict = await registry.verdict(tabId, windowId);
      const agent = verdict.signals.find((s) => s.source === 'handshake')?.detail ?? '';
      const input = { provider, scopes, origin: sender.origin, agent, tabId };
      if (sender.frameId !== 0) throw await tokens.refuse(input, 'TOKEN_FRAME_FORBIDDEN', 'Only the top frame of an agent tab may ask for a token');
      if (!verdict.agentDriven) throw await tokens.refuse(input, 'TOKEN_NOT_AGENT_TAB', 'Only a tab an agent drives now may ask for a token');
      const token = await tokens.request(input);
      if (!stillShows(await frames.topDocument(tabId), sender)) {
        throw await tokens.refuse(input, 'TOKEN_DELIVERY_TARGET_GONE', 'The page that asked is no longer shown; the token was withheld');
      }
      return token;
    },
  };
}
