import type { AgentRegistry } from '../../agent/registry';
import { AirlockError } from '../../errors/airlock-error';
import { objectPayload } from '../../messaging/parse';
import type { Handler } from '../../messaging/router';
import type { TokenBroker } from '../../oauth/token-broker';
import { parseAgentRequest } from '../../protocol/validate';
import { AGENT_CHANNEL, PROTOCOL_VERSION } from '../../protocol/messages';
import { senderTab } from './require-tab';
import { isSealableKey } from '../../token/sealed-token';

/** 16 random bytes, base64url: drawn by the asking content script. */
const TICKET = /^[A-Za-z0-9_-]{22}$/;

/**
 * Protocol `token`: an agent asks for an access token. Re-validated here (the content script is not
 * trusted to have done it); the origin the human sees is the browser's `sender.origin`. Only the top
 * frame of a tab that is agent-driven now may ask (a frame of another origin inside the agent's page
 * is not the agent). The answer is the request's ticket; the broker pushes the token (or refusal)
 * under it to the asking document (`documentId` where the browser offers it), also after a worker restart, and only
 * while the top frame still shows that document (TokenBroker.deliver); otherwise it is withheld.
 */
export function tokenRequest(tokens: TokenBroker, registry: AgentRegistry): Handler<'token.request'> {
  return {
    parse(payload) {
      const record = objectPayload(payload);
      const request = parseAgentRequest({ channel: AGENT_CHANNEL, v: PROTOCOL_VERSION, id: 'x', type: 'token', provider: record.provider, scopes: record.scopes, encryptTo: record.encryptTo });
      if (request.type !== 'token') throw new AirlockError('MESSAGE_MALFORMED', 'provider and scopes are required');
      if (typeof record.ticket !== 'string' || !TICKET.test(record.ticket)) throw new AirlockError('MESSAGE_MALFORMED', 'ticket must be 22 base64url characters');
      return { provider: request.provider, scopes: request.scopes, ticket: record.ticket, encryptTo: request.encryptTo };
    },
    async handle({ provider, scopes, ticket, encryptTo }, sender) {
      const { tabId, windowId } = senderTab(sender);
      const verdict = await registry.verdict(tabId, windowId);
      const agent = verdict.signals.find((s) => s.source === 'handshake')?.detail ?? '';
      const input = { provider, scopes, origin: sender.origin, agent, tabId };
      if (sender.frameId !== 0) throw await tokens.refuse(input, 'TOKEN_FRAME_FORBIDDEN', 'Only the top frame of an agent tab may ask for a token');
      if (!verdict.agentDriven) throw await tokens.refuse(input, 'TOKEN_NOT_AGENT_TAB', 'Only a tab an agent drives now may ask for a token');
      // Checked before the human is asked: a key the token cannot be sealed to would waste the sign-in.
      if (!(await isSealableKey(encryptTo))) throw await tokens.refuse(input, 'PROTOCOL_MALFORMED', 'encryptTo is not a P-256 public key');
      // Awaited: the request is kept (storage.session) before the ticket is handed back.
      await tokens.request({ ...input, ticket, encryptTo, ...(sender.documentId ? { documentId: sender.documentId } : {}) });
      return { ticket };
    },
  };
}
