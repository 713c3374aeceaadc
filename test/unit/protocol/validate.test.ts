import { describe, expect, it } from 'vitest';
import { AirlockError } from '../../../lib/errors/airlock-error';
import { isAgentChannel, parseAgentRequest } from '../../../lib/protocol/validate';

const base = { channel: 'airlock-agent', v: 1, id: 'r1' };
function codeOf(message: unknown): string | null {
  try {
    parseAgentRequest(message);
    return null;
  } catch (error) {
    return error instanceof AirlockError ? error.code : 'not an AirlockError';
  }
}

describe('parseAgentRequest', () => {
  it('accepts a hello and keeps only the known fields', () => {
    const request = parseAgentRequest({ ...base, type: 'hello', agent: { name: 'agent', version: '2.1', admin: true }, agentDriven: false });
    expect(request).toEqual({ ...base, type: 'hello', agent: { name: 'agent', version: '2.1' } });
  });

  it('accepts a state query', () => {
    expect(parseAgentRequest({ ...base, type: 'state' })).toEqual({ ...base, type: 'state' });
  });

  it.each([
    [{ ...base, type: 'release' }, 'PROTOCOL_FORBIDDEN'],
    [{ ...base, type: 'set-mode' }, 'PROTOCOL_FORBIDDEN'],
    [{ ...base, type: 'approve', approval: 'a1' }, 'PROTOCOL_FORBIDDEN'],
    [{ ...base, type: 'deny' }, 'PROTOCOL_FORBIDDEN'],
    [{ ...base, type: 'decide' }, 'PROTOCOL_FORBIDDEN'],
    [{ ...base, type: 'confirm' }, 'PROTOCOL_FORBIDDEN'],
    [{ ...base, type: 'nope' }, 'PROTOCOL_UNKNOWN_TYPE'],
    [{ ...base, v: 2, type: 'state' }, 'PROTOCOL_UNSUPPORTED_VERSION'],
    [{ ...base, v: '1', type: 'state' }, 'PROTOCOL_UNSUPPORTED_VERSION'],
    [{ ...base, id: '', type: 'state' }, 'PROTOCOL_MALFORMED'],
    [{ ...base, id: 'x'.repeat(65), type: 'state' }, 'PROTOCOL_MALFORMED'],
    [{ ...base, type: 'hello' }, 'PROTOCOL_MALFORMED'],
    [{ ...base, type: 'hello', agent: { name: '' } }, 'PROTOCOL_MALFORMED'],
    [{ ...base, type: 'hello', agent: { name: '<b>x</b>' } }, 'PROTOCOL_MALFORMED'],
    [{ ...base, type: 'hello', agent: { name: 'a', version: 3 } }, 'PROTOCOL_MALFORMED'],
  ])('refuses %j with %s', (message, code) => {
    expect(codeOf(message)).toBe(code);
  });

  it('only claims messages on the agent channel', () => {
    expect(isAgentChannel({ channel: 'airlock-agent' })).toBe(true);
    expect(isAgentChannel({ channel: 'airlock' })).toBe(false);
    expect(isAgentChannel('airlock-agent')).toBe(false);
    expect(isAgentChannel(null)).toBe(false);
  });
});
