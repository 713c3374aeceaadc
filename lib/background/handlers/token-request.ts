import type { AgentRegistry } from '../../agent/registry';
import { AirlockError } from '../../errors/airlock-error';
import { objectPayload } from '../../messaging/parse';
import type { Handler } from '../../messaging/router';
import type { TokenBroker } from '../../oauth/token-broker';
import { parseAgentRequest } from '../../protocol/validate';
import { AGENT_CHANNEL, PROTOCOL_VERSION } from '../../protocol/messages';
import { senderTab } from './require-tab';

/**
 * Protocol `token`: an agent asks for an access token. Re-validated here (the content script is not
 * trusted to have done it); the origin the human sees is the browser's `sender.origin`.
 */
export function tokenRequest(tokens: TokenBroker, registry: AgentRegistry): Handler<'token.request'> {
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
      return tokens.request({ provider, scopes, origin: sender.origin, agent, tabId });
    },
  };
}
