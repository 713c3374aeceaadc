import { AirlockError } from '../errors/airlock-error';
import type { Handler, Handlers } from '../messaging/router';
import type { MessageKind } from '../messaging/contract';
import type { AuditEvent } from '../vault/audit-log';

/** One entry of `chrome.debugger.getTargets()` (Chromium only), the fields this watch reads. */
export interface DebuggeeTarget {
  attached: boolean;
  type: string;
  url: string;
  extensionId?: string;
}

export interface OwnTargetWatchDeps {
  /** `chrome.debugger.getTargets`, or null where the API is absent (Firefox, permission not granted). */
  getTargets(): Promise<DebuggeeTarget[]> | null;
  /** Whether the optional `debugger` permission is granted now. */
  permitted(): Promise<boolean>;
  extensionId: string;
  /** `chrome-extension://<id>`: the origin of the worker, popup, options page and human window. */
  extensionOrigin: string;
  lockVault(): Promise<void>;
  vaultUnlocked(): Promise<boolean>;
  /** Appends to the audit log; false when it could not. */
  record(event: AuditEvent): Promise<boolean>;
  now(): number;
}

export interface OwnTargetState {
  attached: boolean;
  /** When this attachment was first seen, or null. */
  since: number | null;
}

/**
 * T3 (docs/threat-model.md): a debugger attached to Airlock's own targets can read the vault key out of the
 * service worker's memory, so Airlock notices it, locks the vault, refuses decisions while it stays
 * attached and records it once per attachment. `attached` says that some CDP client holds a session
 * (Playwright, Puppeteer and DevTools all do); it does not say who. Without the optional `debugger`
 * permission the watch sees nothing and never acts.
 */
export class OwnTargetWatch {
  private since: number | null = null;

  constructor(private readonly deps: OwnTargetWatchDeps) {}

  get state(): OwnTargetState {
    return { attached: this.since !== null, since: this.since };
  }

  /** Airlock's own targets in a `getTargets()` listing: by extension id, or by a URL under its origin. */
  ownAttached(targets: readonly DebuggeeTarget[]): DebuggeeTarget[] {
    return targets.filter((t) => t.attached && (t.extensionId === this.deps.extensionId || t.url.startsWith(`${this.deps.extensionOrigin}/`)));
  }

  /**
   * Looks once. On a new attachment: locks the vault and records it. While it stays attached the
   * vault is locked again should it have been unlocked meanwhile. Returns whether one is attached.
   */
  async check(): Promise<boolean> {
    if (!(await this.deps.permitted().catch(() => false))) return this.clear();
    const listing = this.deps.getTargets();
    if (listing === null) return this.clear();
    const own = this.ownAttached(await listing);
    if (own.length === 0) return this.clear();
    const first = this.since === null;
    if (first) this.since = this.deps.now();
    await this.deps.lockVault();
    if (first) {
      const types = [...new Set(own.map((t) => t.type))].sort().join(',');
      await this.deps.record({ kind: 'debugger-attached', reason: 'DEBUGGER_ON_AIRLOCK', details: { targets: own.length, types } });
    }
    return true;
  }

  /** The periodic look: only while the vault is unlocked, since a locked vault has no key in memory. */
  async tick(): Promise<void> {
    if (this.since === null && !(await this.deps.vaultUnlocked())) return;
    await this.check();
  }

  /** Throws DEBUGGER_ON_AIRLOCK while a debugger is attached to Airlock; used before every decision. */
  async refuseIfAttached(): Promise<void> {
    if (await this.check()) throw new AirlockError('DEBUGGER_ON_AIRLOCK', 'A debugger is attached to Airlock itself; the vault was locked');
  }

  private clear(): false {
    this.since = null;
    return false;
  }
}

/**
 * Kinds refused while a debugger is attached to Airlock: every unlock, every release of a secret and
 * every human decision (approval, sign-in, token, remembered policy, enrolment). Reading state,
 * locking and denying (`approval.deny`, or a decision that says no) stay allowed.
 */
export const GUARDED_KINDS = [
  'vault.create',
  'vault.unlock',
  'vault.unlockWithPasskey',
  'vault.beginEdit',
  'vault.export',
  'vault.addPasskey',
  'vault.changePassword',
  'approval.approve',
  'approval.approveWithPassword',
  'credential.request',
  'credential.submit',
  'credential.decide',
  'credential.humanFill',
  'credential.humanFillCode',
  'oauth.decide',
  'token.decide',
  'policy.set',
  'passkey.enroll',
] as const satisfies readonly MessageKind[];

/** A denial releases nothing, so the human can still say no while a debugger is attached. */
function isDenial(request: unknown): boolean {
  const r = request as { decision?: unknown; approve?: unknown; entryId?: unknown };
  return r.decision === 'deny' || r.approve === false || r.entryId === null;
}

/** Wraps the guarded kinds' handlers so that each asks the watch first (a refusal, never a bypass). */
export function guardHandlers(handlers: Handlers, refuse: () => Promise<void>): Handlers {
  const guarded: Handlers = { ...handlers };
  for (const kind of GUARDED_KINDS) {
    const inner = handlers[kind] as Handler<MessageKind>;
    (guarded as Record<MessageKind, Handler<MessageKind>>)[kind] = {
      parse: (payload) => inner.parse(payload),
      async handle(request, sender) {
        if (!isDenial(request)) await refuse();
        return inner.handle(request, sender);
      },
    };
  }
  return guarded;
}
