/**
 * Step-up guard, in every frame's isolated world. It holds payments and account-settings changes
 * before the page's own handlers run (capture-phase listeners on the window, registered at
 * document_start, before any page script), asks the background, and replays exactly the held action
 * once the human approved it with their passkey, only if nothing about it changed in between.
 * In tabs the human drives, the background answers "go ahead" at once and the action is replayed.
 */
import { randomBase64Url } from '../encoding/base64url';
import { AirlockError } from '../errors/airlock-error';
import type { ActionClaim } from '../approvals/canonical-action';
import type { ApprovalRequestResult, ConsumeResult } from '../approvals/messages';
import { isApprovalPush } from '../approvals/messages';
import { fingerprintOf, newDigestKey, readClaim } from './guard/extract-claim';
import { classifyAction, controlOf, formOf, type SensitiveAction } from './guard/sensitive-action';

export type GuardApprovalStatus = 'pending' | 'approved' | 'denied' | 'expired' | 'allowed' | 'void' | 'failed';

/** What an agent is told about a held action (no field values). */
export interface GuardEvent {
  id: string | null;
  kind: SensitiveAction['kind'];
  topic: SensitiveAction['topic'];
  status: GuardApprovalStatus;
}

export interface GuardDeps {
  win: Window;
  /** Adds a listener that dies with the content script's context. */
  listen(target: EventTarget, type: string, listener: (event: Event) => void, capture: boolean): void;
  onRuntimeMessage(listener: (message: unknown) => void): void;
  request(claim: ActionClaim, pageToken: string): Promise<ApprovalRequestResult>;
  consume(id: string, claim: ActionClaim, pageToken: string): Promise<ConsumeResult>;
  /** Tells the agent (through the agent protocol) what happened to its action. */
  emit(event: GuardEvent): void;
  /** The form detector's opinion, when it has one. */
  detectedPayment?(form: HTMLFormElement): boolean;
}

type Trigger = 'click' | 'submit' | 'enter';

interface Held {
  id: string | null;
  action: SensitiveAction;
  trigger: Trigger;
  /** Where the Enter key was pressed, for an Enter replay. */
  keyTarget: Element | null;
  key: Promise<CryptoKey>;
  busy: boolean;
}

export function startActionGuard(deps: GuardDeps): void {
  const doc = deps.win.document;
  // One per document: an approval is only good for the page that asked for it.
  const pageToken = randomBase64Url(24);
  const held = new Map<string, Held>();
  const starting = new Set<Held>();
  // Set only during a synchronous replay: lets exactly that activation through.
  let passing: { control: HTMLElement | null; form: HTMLFormElement | null; key: boolean } | null = null;

  const event = (h: Held, status: GuardApprovalStatus): GuardEvent => ({ id: h.id, kind: h.action.kind, topic: h.action.topic, status });

  function alreadyHeld(action: SensitiveAction): boolean {
    for (const h of [...held.values(), ...starting]) {
      if ((action.form && h.action.form === action.form) || (action.control && h.action.control === action.control)) return true;
    }
    return false;
  }

  function hold(e: Event, action: SensitiveAction, trigger: Trigger, keyTarget: Element | null = null): void {
    e.preventDefault();
    e.stopImmediatePropagation();
    // A second click on a held action waits with the first one.
    if (alreadyHeld(action)) return;
    const h: Held = { id: null, action, trigger, keyTarget, key: newDigestKey(), busy: true };
    starting.add(h);
    void (async () => {
      try {
        const { claim } = await readClaim(doc, action, await h.key);
        settle(h, await deps.request(claim, pageToken));
      } catch (error) {
        // Fail closed: the action stays held; the agent learns it could not be confirmed.
        deps.emit({ ...event(h, 'failed'), id: error instanceof AirlockError ? error.code : null });
      } finally {
        starting.delete(h);
        h.busy = false;
      }
    })();
  }

  function settle(h: Held, result: ApprovalRequestResult | ConsumeResult): void {
    if (result.status === 'pending') {
      h.id = result.id;
      held.set(result.id, h);
      deps.emit(event(h, 'pending'));
    } else if (result.status === 'allowed') {
      deps.emit(event(h, 'allowed'));
      replay(h);
    }
  }

  async function approved(h: Held): Promise<void> {
    if (h.id === null) return;
    const id = h.id;
    held.delete(id);
    h.busy = true;
    try {
      const snapshot = await readClaim(doc, h.action, await h.key);
      const result = await deps.consume(id, snapshot.claim, pageToken);
      if (result.status === 'replay') {
        // Nothing may move between the background's check and the replay: compare synchronously.
        if (fingerprintOf(doc, h.action) !== snapshot.fingerprint) {
          const { claim } = await readClaim(doc, h.action, await h.key);
          deps.emit(event(h, 'void'));
          settle(h, await deps.request(claim, pageToken));
          return;
        }
        deps.emit(event(h, 'approved'));
        replay(h);
      } else {
        deps.emit(event(h, 'void'));
        settle(h, result);
      }
    } catch (error) {
      deps.emit({ ...event(h, 'failed'), id: error instanceof AirlockError ? error.code : id });
    } finally {
      h.busy = false;
    }
  }

  function replay(h: Held): void {
    const { control, form } = h.action;
    passing = { control, form, key: h.trigger === 'enter' };
    try {
      if (h.trigger === 'click' && control && control.isConnected) {
        control.click();
      } else if (h.trigger === 'enter' && h.keyTarget?.isConnected) {
        const notCancelled = h.keyTarget.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true, cancelable: true }));
        if (notCancelled && form?.isConnected) form.requestSubmit(submitterOf(control, form));
      } else if (form?.isConnected) {
        form.requestSubmit(submitterOf(control, form));
      }
    } finally {
      passing = null;
    }
  }

  const targetOf = (e: Event): EventTarget | null => e.composedPath()[0] ?? e.target;

  deps.listen(
    deps.win,
    'click',
    (e) => {
      const control = controlOf(targetOf(e));
      if (!control) return;
      if (passing?.control && (passing.control === control || passing.control.contains(control))) return;
      const action = classifyAction(formOf(control), control, deps.detectedPayment);
      if (action) hold(e, action, 'click');
    },
    true,
  );

  deps.listen(
    deps.win,
    'submit',
    (e) => {
      const form = targetOf(e);
      if (!(form instanceof HTMLFormElement) || passing?.form === form) return;
      const submitter = (e as SubmitEvent).submitter;
      const action = classifyAction(form, submitter instanceof HTMLElement ? submitter : null, deps.detectedPayment);
      if (action) hold(e, action, 'submit');
    },
    true,
  );

  deps.listen(
    deps.win,
    'keydown',
    (e) => {
      const key = e as KeyboardEvent;
      if (key.key !== 'Enter' || passing?.key || key.isComposing) return;
      const target = targetOf(e);
      if (!(target instanceof HTMLInputElement || target instanceof HTMLSelectElement)) return;
      const form = target.form;
      if (!form) return;
      const control = form.querySelector<HTMLElement>('button:not([type]), button[type="submit"], input[type="submit"], input[type="image"]');
      const action = classifyAction(form, control, deps.detectedPayment);
      if (action) hold(e, action, 'enter', target);
    },
    true,
  );

  deps.onRuntimeMessage((message) => {
    if (!isApprovalPush(message)) return;
    const h = held.get(message.id);
    if (!h) return;
    if (message.status === 'approved') {
      void approved(h);
    } else {
      // Denied or expired: the page stays exactly as it was; the agent is told.
      held.delete(message.id);
      deps.emit(event(h, message.status));
    }
  });
}

function submitterOf(control: HTMLElement | null, form: HTMLFormElement): HTMLElement | undefined {
  if ((control instanceof HTMLButtonElement || control instanceof HTMLInputElement) && control.form === form && (control.type === 'submit' || control.type === 'image')) return control;
  return undefined;
}
