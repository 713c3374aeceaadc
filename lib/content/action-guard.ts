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
import { fingerprintOf, newDigestKey, readClaim, type ClaimSnapshot } from './guard/extract-claim';
import { FORM_SUBMIT_EVENT, type PaymentRequestSnapshot } from './guard/page-call-protocol';
import { paymentRequestClaim } from './guard/payment-request-claim';
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

type Trigger = 'click' | 'submit' | 'enter' | 'script';

interface Held {
  id: string | null;
  action: SensitiveAction;
  /** The claim as the page stands now, with a synchronous fingerprint of the same state. */
  read(): Promise<ClaimSnapshot>;
  fingerprint(): string;
  /** Lets exactly the held action through, once. */
  replay(): void;
  /** Denied, expired or unconfirmable: whatever waits for the action learns it will not happen. */
  drop(): void;
}

/** What the guard offers the channel to Airlock's MAIN-world hooks. */
export interface ActionGuard {
  /** A page's `PaymentRequest.show()` waits; `answer(true)` lets the browser's own `show()` run once. */
  holdPaymentRequest(request: PaymentRequestSnapshot | null, answer: (go: boolean) => void): void;
}

export function startActionGuard(deps: GuardDeps): ActionGuard {
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

  /** A held click, submission, Enter or script submit of a form: read from the DOM, replayed in it. */
  function holdDom(e: Event, action: SensitiveAction, trigger: Trigger, keyTarget: Element | null = null): void {
    e.preventDefault();
    e.stopImmediatePropagation();
    // A second click on a held action waits with the first one.
    if (alreadyHeld(action)) return;
    const key = newDigestKey();
    start({
      id: null,
      action,
      read: async () => readClaim(doc, action, await key),
      fingerprint: () => fingerprintOf(doc, action),
      replay: () => replayDom(action, trigger, keyTarget),
      drop: () => undefined,
    });
  }

  function start(h: Held): void {
    starting.add(h);
    void (async () => {
      try {
        const { claim } = await h.read();
        settle(h, await deps.request(claim, pageToken));
      } catch (error) {
        // Fail closed: the action stays held; the agent learns it could not be confirmed.
        deps.emit({ ...event(h, 'failed'), id: error instanceof AirlockError ? error.code : null });
        h.drop();
      } finally {
        starting.delete(h);
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
      h.replay();
    }
  }

  async function approved(h: Held): Promise<void> {
    if (h.id === null) return;
    const id = h.id;
    held.delete(id);
    try {
      const snapshot = await h.read();
      const result = await deps.consume(id, snapshot.claim, pageToken);
      if (result.status === 'replay') {
        // Nothing may move between the background's check and the replay: compare synchronously.
        if (h.fingerprint() !== snapshot.fingerprint) {
          const { claim } = await h.read();
          deps.emit(event(h, 'void'));
          settle(h, await deps.request(claim, pageToken));
          return;
        }
        deps.emit(event(h, 'approved'));
        h.replay();
      } else {
        deps.emit(event(h, 'void'));
        settle(h, result);
      }
    } catch (error) {
      deps.emit({ ...event(h, 'failed'), id: error instanceof AirlockError ? error.code : id });
      h.drop();
    }
  }

  function replayDom(action: SensitiveAction, trigger: Trigger, keyTarget: Element | null): void {
    const { control, form } = action;
    passing = { control, form, key: trigger === 'enter' };
    try {
      if (trigger === 'script') {
        // The isolated world's own submit(): the browser's, never the page's (or Airlock's MAIN-world) wrapper.
        if (form?.isConnected) HTMLFormElement.prototype.submit.call(form);
      } else if (trigger === 'click' && control && control.isConnected) {
        control.click();
      } else if (trigger === 'enter' && keyTarget?.isConnected) {
        const notCancelled = keyTarget.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true, cancelable: true }));
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
      if (action) holdDom(e, action, 'click');
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
      if (action) holdDom(e, action, 'submit');
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
      if (action) holdDom(e, action, 'enter', target);
    },
    true,
  );

  // A page's own form.submit() fires no submit event; Airlock's MAIN-world hook shows the form here.
  deps.listen(
    deps.win,
    FORM_SUBMIT_EVENT,
    (e) => {
      e.stopImmediatePropagation();
      // Composed, so that a form in an open shadow root is seen too.
      const form = targetOf(e);
      if (!(form instanceof HTMLFormElement)) return;
      const action = classifyAction(form, null, deps.detectedPayment);
      if (action) holdDom(e, action, 'script');
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
      h.drop();
    }
  });

  return {
    holdPaymentRequest(request, answer) {
      const key = newDigestKey();
      // The claim is fixed at construction (the browser got the same copy): nothing can move.
      const fingerprint = request?.json ?? 'null';
      start({
        id: null,
        action: { kind: 'payment', topic: 'payment-request', form: null, control: null },
        read: async () => ({ claim: await paymentRequestClaim(doc, deps.win.origin, request, await key), fingerprint }),
        fingerprint: () => fingerprint,
        replay: () => answer(true),
        drop: () => answer(false),
      });
    },
  };
}

function submitterOf(control: HTMLElement | null, form: HTMLFormElement): HTMLElement | undefined {
  if ((control instanceof HTMLButtonElement || control instanceof HTMLInputElement) && control.form === form && (control.type === 'submit' || control.type === 'image')) return control;
  return undefined;
}
