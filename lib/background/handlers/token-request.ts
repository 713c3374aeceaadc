import type { AgentRegistry } from '../../agent/registry';
import { AirlockError, toErrorData } from '../../errors/airlock-error';
import { objectPayload } from '../../messaging/parse';
import type { Handler } from '../../messaging/router';
import type { TokenBroker } from '../../oauth/token-broker';
import { randomToken } from '../../oauth/pkce';
import { stillShows, type TokenDelivery } from '../../oauth/token-delivery';
import { parseAgentRequest } from '../../protocol/validate';
import { AGENT_CHANNEL, PROTOCOL_VERSION } from '../../protocol/messages';
import { senderTab } from './require-tab';

/**
 * Protocol `token`: an agent asks for an access token. Re-validated here (the content script is not
 * trusted to have done it); the origin the human sees is the browser's `sender.origin`. Only the top
 * frame of a tab that is agent-driven now may ask (a frame of another origin inside the agent's page
 * is not the agent). The answer is a ticket; the token follows by tabs.sendMessage addressed to the
 * asking document (`documentId` where the browser offers it), and only if the top frame still shows
 * that document (same origin where the browser names no documents); otherwise it is withheld.
 */
export function tokenRequest(tokens: TokenBroker, registry: AgentRegistry, delivery: TokenDelivery): Handler<'token.request'> {
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
      const ticket = randomToken().slice(0, 22);
      const withheld = () => tokens.refuse(input, 'TOKEN_DELIVERY_TARGET_GONE', 'The page that asked is no longer shown; the token was withheld');
      void tokens
        .request(input)
        .then(async (token) => {
          if (!stillShows(await delivery.topDocument(tabId), sender)) throw await withheld();
          await delivery.send(tabId, sender.documentId, { airlock: 'push-token', ticket, result: { ok: true, token } }).catch(async () => {
            await withheld();
          });
        })
        .catch((error: unknown) =>
          delivery.send(tabId, sender.documentId, { airlock: 'push-token', ticket, result: { ok: false, error: toErrorData(error) } }).catch(() => undefined),
        );
      return { ticket };
    },
  };
}
