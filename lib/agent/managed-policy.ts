/**
 * Enterprise policy read from `storage.managed` (schema: public/managed-schema.json). Anything that is
 * missing or malformed falls back to the defaults, which never lower protection.
 */
export interface ManagedPolicy {
  /** "always": every tab is treated as agent-driven; "auto": decided by the signals. */
  agentMode: 'auto' | 'always';
  /** When false, the human cannot switch agent mode off for a tab or window. */
  allowUserOverride: boolean;
}

export const DEFAULT_MANAGED_POLICY: ManagedPolicy = { agentMode: 'auto', allowUserOverride: true };

export function parseManagedPolicy(raw: unknown): ManagedPolicy {
  const record = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  return {
    agentMode: record.agentMode === 'always' ? 'always' : 'auto',
    allowUserOverride: record.allowUserOverride === false ? false : true,
  };
}
