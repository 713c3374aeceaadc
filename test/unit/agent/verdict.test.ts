import { describe, expect, it } from 'vitest';
import { DEFAULT_MANAGED_POLICY, parseManagedPolicy } from '../../../lib/agent/managed-policy';
import type { AgentSignal } from '../../../lib/agent/signals';
import { decideAgentMode, type HumanToggle } from '../../../lib/agent/verdict';

const NOW = 1_000;
const signal = (source: AgentSignal['source'], detail = source): AgentSignal => ({ source, agent: true, detail, since: NOW });
const human = (agent: boolean, scope: HumanToggle['scope'] = 'tab'): HumanToggle => ({ scope, agent, since: NOW });
const decide = (observed: AgentSignal[], toggle: HumanToggle | null = null, managed = DEFAULT_MANAGED_POLICY) =>
  decideAgentMode({ observed, human: toggle, managed, now: NOW });

describe('decideAgentMode', () => {
  it('treats a tab with no signal as human-driven', () => {
    expect(decide([]).agentDriven).toBe(false);
  });

  it.each(['handshake', 'debugger', 'navigation', 'headless', 'webdriver'] as const)('treats a %s signal as agent-driven', (source) => {
    expect(decide([signal(source)]).agentDriven).toBe(true);
  });

  it('lets the human switch off the automatic signals (webdriver, headless, navigation, debugger)', () => {
    const verdict = decide([signal('webdriver'), signal('headless'), signal('navigation'), signal('debugger')], human(false));
    expect(verdict.agentDriven).toBe(false);
    expect(verdict.overriddenHumanOff).toBe(false);
  });

  it('keeps agent mode on after a handshake even when the human said "me", and says so', () => {
    const verdict = decide([signal('handshake')], human(false));
    expect(verdict.agentDriven).toBe(true);
    expect(verdict.overriddenHumanOff).toBe(true);
  });

  it('keeps agent mode on under managed "always", whatever the human says', () => {
    const managed = parseManagedPolicy({ agentMode: 'always' });
    const verdict = decide([], human(false), managed);
    expect(verdict.agentDriven).toBe(true);
    expect(verdict.signals.map((s) => s.source)).toEqual(['human', 'managed']);
  });

  it('ignores the human\'s "off" where policy forbids overriding', () => {
    const managed = parseManagedPolicy({ allowUserOverride: false });
    expect(decide([signal('webdriver')], human(false), managed).agentDriven).toBe(true);
  });

  it('lets the human switch agent mode on without any other signal', () => {
    expect(decide([], human(true, 'window')).agentDriven).toBe(true);
  });

  it('lists signals strongest first', () => {
    const verdict = decide([signal('webdriver'), signal('debugger'), signal('handshake')], human(true));
    expect(verdict.signals.map((s) => s.source)).toEqual(['handshake', 'human', 'debugger', 'webdriver']);
  });
});

describe('parseManagedPolicy', () => {
  it('falls back to defaults that never lower protection on malformed input', () => {
    for (const raw of [undefined, null, 42, 'always', { agentMode: 'never' }, { allowUserOverride: 'no' }]) {
      expect(parseManagedPolicy(raw)).toEqual(DEFAULT_MANAGED_POLICY);
    }
  });
});
