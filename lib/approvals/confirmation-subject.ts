/**
 * What exactly a human confirmation is for. The page computes the subject to ask for a challenge; the
 * background computes it again from its own state (the flow id it knows, the scopes it stored for the
 * token request) when the decision arrives, so an assertion signed for one decision cannot confirm
 * another. Pure and free of extension APIs: both sides import it.
 */
import type { ConfirmPurpose } from './messages';

export type ConfirmationTarget =
  | { purpose: 'oauth-continue'; flowId: string }
  | { purpose: 'token-approve'; requestId: string; scopes: readonly string[]; lifetimeMinutes: number }
  /** Opens an edit session for the confirming page (bound to its tab and document by the background). */
  | { purpose: 'vault-edit' }
  /** `inPage`: the weaker fill for this site (the real value in the page), chosen with this release. */
  | { purpose: 'credential-release'; requestId: string; entryId: string; remember: boolean; inPage: boolean }
  /** The first passkey: the vault's master password, since no passkey can vouch for it yet. */
  | { purpose: 'passkey-enroll' }
  /** A held step-up action, approved with the master password while no passkey is enrolled; the challenge names the exact action. */
  | { purpose: 'step-up-approve'; approvalId: string; challenge: string }
  /** Less protection for a tab, a window, the profile or the debugger signal (see loweringChange). */
  | { purpose: 'lower-protection'; change: string };

/** The canonical name of a change that lowers protection: what it touches and the value it sets. */
export function loweringChange(change: { kind: 'toggle'; tabId: number; scope: string; agent: boolean | null } | { kind: 'debugger-signal' }): string {
  return change.kind === 'toggle' ? JSON.stringify(['toggle', change.tabId, change.scope, change.agent]) : JSON.stringify(['debugger-signal', false]);
}

/** A canonical string (JSON of a fixed-order list) naming the decision; no field can run into another. */
export function confirmationSubject(target: ConfirmationTarget): string {
  switch (target.purpose) {
    case 'oauth-continue':
      return JSON.stringify([target.purpose, target.flowId]);
    case 'token-approve':
      return JSON.stringify([target.purpose, target.requestId, [...target.scopes], target.lifetimeMinutes]);
    case 'credential-release':
      return JSON.stringify([target.purpose, target.requestId, target.entryId, target.remember, target.inPage]);
    case 'step-up-approve':
      return JSON.stringify([target.purpose, target.approvalId, target.challenge]);
    case 'lower-protection':
      return JSON.stringify([target.purpose, target.change]);
    case 'vault-edit':
    case 'passkey-enroll':
      return JSON.stringify([target.purpose]);
  }
}

export const CONFIRM_PURPOSES: readonly ConfirmPurpose[] = ['oauth-continue', 'token-approve', 'vault-edit', 'credential-release', 'passkey-enroll', 'step-up-approve', 'lower-protection'];
