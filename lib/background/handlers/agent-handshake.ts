import { AirlockError } from '../../errors/airlock-error';
import { objectPayload } from '../../messaging/parse';
import type { Handler } from '../../messaging/router';
import { parseAgentRequest } from '../../protocol/validate';
import { AGENT_CHANNEL, PROTOCOL_VERSION } from '../../protocol/messages';
import type { AgentService } from '../agent-service';
import { senderTab } from './require-tab';

/**
 * A page completed the agent-protocol handshake. It can only add protection, so it is accepted from
 * any frame of any origin; the agent's self-declared name is re-validated here (the content script is
 * not trusted to have done it).
 */
export function agentHandshake(service: AgentService): Handler<'agent.handshake'> {
  return {
    parse(payload) {
      const agent = objectPayload(payload).agent;
      const request = parseAgentRequest({ channel: AGENT_CHANNEL, v: PROTOCOL_VERSION, id: 'x', type: 'hello', agent });
      if (request.type !== 'hello') throw new AirlockError('MESSAGE_MALFORMED', 'agent is required');
      return { agent: request.agent };
    },
    async handle({ agent }, sender) {
      const { tabId, windowId } = senderTab(sender);
      const detail = agent.version ? `${agent.name} ${agent.version}` : agent.name;
      await service.registry.observe(tabId, 'handshake', detail);
      return service.publicState(tabId, windowId);
    },
  };
}
