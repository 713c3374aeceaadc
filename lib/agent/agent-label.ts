import { t, type MessageKey } from '../i18n';

/**
 * Who asks, in words. An agent that introduced itself goes by its own name ("Sign-in asked by
 * demo-agent 1.0"); otherwise the signal that made the tab agent-driven says why ("Sign-in in an
 * agent-driven tab (your setting: every tab)"). `agent` is then a signal source, or `human_<scope>`
 * for the human's toggle (lib/takeover/start-takeover.ts).
 */
export function whoAsks(agent: string, named: boolean): { named: true; name: string } | { named: false; reason: string } {
  if (named) return { named, name: agent };
  const key = `agentBy_${agent}` as MessageKey;
  const text = /^[a-z]+(_[a-z]+)?$/.test(agent) ? t(key) : key;
  return { named, reason: text === key ? agent : text };
}

/** The card's line: "Sign-in asked by <name>", or "Sign-in in an agent-driven tab (<why>)". */
export function credentialRequestLine(agent: string, named: boolean): string {
  const who = whoAsks(agent, named);
  return who.named ? t('credentialRequestBy', who.name) : t('credentialRequestUnnamed', who.reason);
}

/** The notification's body, in the same two forms. */
export function credentialNotifyLine(host: string, agent: string, named: boolean): string {
  const who = whoAsks(agent, named);
  return who.named ? t('credentialNotifyBody', [host, who.name]) : t('credentialNotifyBodyUnnamed', [host, who.reason]);
}
