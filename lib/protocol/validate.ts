import { AirlockError } from '../errors/airlock-error';
import { AGENT_CHANNEL, PROTOCOL_VERSION, type AgentPublicKey, type AgentRequest } from './messages';

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
// Printable, no markup-significant characters: the name is shown to the human in the popup.
const NAME_PATTERN = /^[\p{L}\p{N} ._:/@()+-]{1,64}$/u;
const VERSION_PATTERN = /^[A-Za-z0-9.+_-]{1,32}$/;
const PROVIDER_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
// RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ).
const SCOPE_PATTERN = /^[\x21\x23-\x5B\x5D-\x7E]{1,128}$/;

// A P-256 coordinate: 32 bytes, base64url without padding.
const COORDINATE_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The `encryptTo` key of a token request: a P-256 public JWK, with no other member (no `d`). */
export function parseAgentPublicKey(value: unknown): AgentPublicKey {
  const key = value as Record<string, unknown> | null;
  const members = typeof key === 'object' && key !== null ? Object.keys(key).sort().join(',') : '';
  if (members !== 'crv,kty,x,y' || key!.kty !== 'EC' || key!.crv !== 'P-256' || typeof key!.x !== 'string' || typeof key!.y !== 'string' || !COORDINATE_PATTERN.test(key!.x) || !COORDINATE_PATTERN.test(key!.y)) {
    throw new AirlockError('PROTOCOL_MALFORMED', 'token needs encryptTo: a P-256 public JWK { kty, crv, x, y } the token is sealed to');
  }
  return { kty: 'EC', crv: 'P-256', x: key!.x, y: key!.y };
}

/** Protocol types by which a page would decide an approval: refused, and each attempt audited. */
export const DECISION_TYPES = ['approve', 'deny', 'decide', 'confirm'] as const;
export type DecisionType = (typeof DECISION_TYPES)[number];

export function decisionTypeOf(data: unknown): DecisionType | null {
  const type = (data as { type?: unknown } | null)?.type;
  return (DECISION_TYPES as readonly unknown[]).includes(type) ? (type as DecisionType) : null;
}

/** Whether a window message is addressed to Airlock at all; anything else is ignored silently. */
export function isAgentChannel(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { channel?: unknown }).channel === AGENT_CHANNEL;
}

/** The request id if one can be read, so that an error reply can name it. */
export function requestIdOf(data: unknown): string | null {
  const id = (data as { id?: unknown } | null)?.id;
  return typeof id === 'string' && ID_PATTERN.test(id) ? id : null;
}

/**
 * Validates a message on the agent channel. Only the listed fields are kept: a page cannot smuggle
 * extra properties (say, `agentDriven: false`) through to the background.
 */
export function parseAgentRequest(data: unknown): AgentRequest {
  const record = data as Record<string, unknown>;
  if (record.v !== PROTOCOL_VERSION) {
    throw new AirlockError(
      'PROTOCOL_UNSUPPORTED_VERSION',
      `Unsupported protocol version; this Airlock speaks v${PROTOCOL_VERSION}`,
    );
  }
  const id = requestIdOf(record);
  if (id === null) throw new AirlockError('PROTOCOL_MALFORMED', 'id must match [A-Za-z0-9_-]{1,64}');
  switch (record.type) {
    case 'hello': {
      const agent = record.agent as Record<string, unknown> | undefined;
      if (typeof agent !== 'object' || agent === null || typeof agent.name !== 'string' || !NAME_PATTERN.test(agent.name)) {
        throw new AirlockError('PROTOCOL_MALFORMED', 'hello needs agent.name: 1-64 letters, digits, spaces or ._:/@()+-');
      }
      if (agent.version !== undefined && (typeof agent.version !== 'string' || !VERSION_PATTERN.test(agent.version))) {
        throw new AirlockError('PROTOCOL_MALFORMED', 'agent.version must match [A-Za-z0-9.+_-]{1,32}');
      }
      const identity = agent.version === undefined ? { name: agent.name } : { name: agent.name, version: agent.version };
      return { channel: AGENT_CHANNEL, v: PROTOCOL_VERSION, id, type: 'hello', agent: identity };
    }
    case 'state':
      return { channel: AGENT_CHANNEL, v: PROTOCOL_VERSION, id, type: 'state' };
    case 'oauth':
      return { channel: AGENT_CHANNEL, v: PROTOCOL_VERSION, id, type: 'oauth' };
    case 'token': {
      const { provider, scopes } = record;
      if (typeof provider !== 'string' || !PROVIDER_PATTERN.test(provider)) {
        throw new AirlockError('PROTOCOL_MALFORMED', 'token needs provider: 1-64 letters, digits or ._-');
      }
      if (!Array.isArray(scopes) || scopes.length === 0 || scopes.length > 32 || !scopes.every((s) => typeof s === 'string' && SCOPE_PATTERN.test(s))) {
        throw new AirlockError('PROTOCOL_MALFORMED', 'token needs scopes: 1-32 OAuth scope tokens (RFC 6749 §3.3)');
      }
      const encryptTo = parseAgentPublicKey(record.encryptTo);
      return { channel: AGENT_CHANNEL, v: PROTOCOL_VERSION, id, type: 'token', provider, scopes: [...new Set(scopes as string[])], encryptTo };
    }
    case 'approve':
    case 'deny':
    case 'decide':
    case 'confirm':
      // Named, and audited by the content script: a page deciding an approval is an attack on step-up.
      throw new AirlockError('PROTOCOL_FORBIDDEN', 'Only the human decides an approval, in Airlock; a page cannot approve or deny');
    case 'release':
    case 'set-mode':
    case 'human':
      // Named so that the refusal is explicit: agent mode can only be switched off by the human.
      throw new AirlockError('PROTOCOL_FORBIDDEN', 'A page cannot switch agent mode off or lower protection');
    default:
      throw new AirlockError('PROTOCOL_UNKNOWN_TYPE', 'Unknown message type');
  }
}
