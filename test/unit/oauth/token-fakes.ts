import { vi, expect } from 'vitest';
import type { TokenPushMessage } from '../../../lib/messaging/push';
import type { AgentPublicKey, IssuedAccessToken } from '../../../lib/protocol/messages';
import { drawSealingKey, type SealingKey } from '../../../lib/token/sealed-token';
import { AirlockError } from '../../../lib/errors/airlock-error';
import type { TokenAsk, TokenBroker, TokenRequestInput } from '../../../lib/oauth/token-broker';
import type { TokenDelivery, TopDocument } from '../../../lib/oauth/token-delivery';

/** An agent's key pair for one token request, as the agent client draws it. */
export const agentKeys = drawSealingKey;

/** A well-formed key for requests whose answer a test does not open. */
export const SOME_AGENT_KEY: AgentPublicKey = (await agentKeys()).encryptTo;

export interface SentPush {
  tabId: number;
  documentId: string | undefined;
  message: TokenPushMessage;
}

/**
 * The browser's side of token delivery: what each tab's top frame shows, and the pushes sent. A push
 * addressed to a document the tab no longer shows is rejected, as tabs.sendMessage with a documentId is.
 */
export function fakeTokenDelivery() {
  const tops = new Map<number, TopDocument | null>();
  const sent: SentPush[] = [];
  let tickets = 0;
  const delivery: TokenDelivery = {
    topDocument: async (tabId) => tops.get(tabId) ?? null,
    send: async (tabId, documentId, message) => {
      const top = tops.get(tabId);
      if (!top || (documentId !== undefined && top.documentId !== documentId)) throw new Error('Could not establish connection. Receiving end does not exist.');
      sent.push({ tabId, documentId, message });
    },
  };
  /** The push for `ticket`, once it has been sent. */
  const pushFor = async (ticket: string): Promise<SentPush> => {
    await vi.waitFor(() => expect(sent.some((s) => s.message.ticket === ticket)).toBe(true), { timeout: 5_000 });
    return sent.find((s) => s.message.ticket === ticket)!;
  };
  /** Asks as the token handler does (the tab shows the asking page), then waits for the answer to its ticket. */
  // One agent, one key, as the agent client keeps it; a test passes another key to play someone else.
  const agentKey = agentKeys();
  const ask = async (broker: TokenBroker, input: TokenRequestInput, documentId?: string, key?: SealingKey): Promise<IssuedAccessToken> => {
    const keys = key ?? (await agentKey);
    const full: TokenAsk = { ...input, ticket: `ticket-${++tickets}`, encryptTo: keys.encryptTo, ...(documentId ? { documentId } : {}) };
    tops.set(input.tabId, { url: `${input.origin}/app`, ...(documentId ? { documentId } : {}) });
    await broker.request(full);
    const { result } = (await pushFor(full.ticket)).message;
    if (result.ok) return keys.open(result.token);
    throw AirlockError.fromData(result.error);
  };
  return { delivery, tops, sent, pushFor, ask, agentKey };
}
