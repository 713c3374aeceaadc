/**
 * Credential takeover in one frame of an agent's tab: the password and one-time-code fields of login
 * forms are Airlock's (locked and marked), the background is asked for a decision, and a fill that
 * comes back is checked against this frame and its fields before it is written. Human tabs keep
 * normal behaviour: nothing is locked and nothing is filled unless the human asks from the popup.
 */
import { randomBase64Url } from '../../encoding/base64url';
import type { DetectedForm } from '../../detect/types';
import type { CredentialRequestResult, LoginStep } from '../../takeover/views';
import type { FormWatcher } from '../form-watcher';
import { createFieldGuard, type Words } from './field-lock';
import { fillAndSubmit, refusalOf, targetOf, type FillResult, type FillTarget } from './fill-form';
import { isFillMessage, isTakeoverStatusMessage, type FillMessage } from './fill-message';
import type { FieldConstraints } from '../../takeover/placeholder';
import type { SwapSubmit } from './swap-submit';

import type { LoginStatus } from '../../protocol/messages';

export type { LoginStatus };

/** What the agent is told through the protocol: never a value. */
export interface LoginEventBody {
  status: LoginStatus;
  step: LoginStep;
  origin: string;
  reason?: string;
}

export interface TakeoverDeps {
  win: Window;
  forms: FormWatcher;
  /** Capture-phase listener on the window, removed with the content script's context. */
  listen(type: string, listener: (event: Event) => void): void;
  /** Runtime messages; the listener's promise is the reply (only for messages it claims). */
  onRuntimeMessage(listener: (message: unknown) => Promise<unknown> | undefined): void;
  request(step: LoginStep, requestId: string, field?: FieldConstraints): Promise<CredentialRequestResult>;
  /** The credential swap: placeholders this document holds, and the request that carries them. */
  swap?: SwapSubmit;
  /** Tells the MAIN-world hooks which placeholders to look for in the page's own requests. */
  announcePlaceholders?(values: string[]): void;
  agentDriven(): Promise<boolean>;
  /** Whether a push from the background says the tab is agent-driven; null for other messages. */
  pushedAgentState(message: unknown): boolean | null;
  emit(login: LoginEventBody): void;
  /** "Airlock fills this field; ask the human in the Airlock toolbar", in the browser's language. */
  label: Words;
  /** Shown at the field when the agent typed into it, or submitted the form, while it waits for the human. */
  refusedLabel?: Words;
  heldLabel?: Words;
}

interface Pending {
  id: string;
  step: LoginStep;
  root: DetectedForm['root'];
  target: FillTarget;
}

/** Which step of a sign-in a detected form is, if Airlock takes it over. */
export function stepOf(form: DetectedForm): LoginStep | null {
  const roles = new Set(form.fields.map((f) => f.role));
  if (form.kind === 'one-time-code' || (form.kind === 'login' && roles.has('one-time-code'))) return roles.has('one-time-code') ? 'otp' : null;
  if (form.kind !== 'login') return null;
  if (roles.has('current-password')) return 'password';
  return roles.has('username') ? 'username' : null;
}

export interface Takeover {
  /** The worker sent (or refused) the request of a swap made in this document: the agent is told. */
  swapSent(swapId: string, outcome: { ok: true; status: number } | { ok: false; reason: string }): void;
}

export function startTakeover(deps: TakeoverDeps): Takeover {
  const { win } = deps;
  const guard = createFieldGuard(win, deps.label, deps.listen, {
    text: deps.refusedLabel ?? deps.label,
    onRefused(field) {
      const request = [...pending.values()].find((p) => p.target.secret === field);
      emit(request?.step ?? 'password', 'typing-refused');
    },
  });
  const pending = new Map<string, Pending>();
  /** Which step each swap of this document was for, for the agent's events. */
  const swapSteps = new Map<string, LoginStep>();
  const requested = new WeakSet<object>();
  // Asked once, when the first login form appears: a tab under automation can still be the human's
  // (Airlock's own human window, or the human's toggle), and its fields must stay theirs.
  let agentMode: boolean | null = null;
  let asking: Promise<void> | null = null;
  const origin = win.location.origin;

  const emit = (step: LoginStep, status: LoginStatus, reason?: string) => deps.emit({ status, step, origin, ...(reason ? { reason } : {}) });

  function scan(): void {
    const forms = deps.forms.detected().filter((form) => stepOf(form) !== null);
    if (forms.length === 0) return;
    if (agentMode === null) {
      asking ??= deps
        .agentDriven()
        .then((driven) => setAgentMode(driven))
        .catch(() => undefined);
      return;
    }
    if (!agentMode) return;
    for (const form of forms) take(form, stepOf(form)!);
  }

  function take(form: DetectedForm, step: LoginStep): void {
    const target = targetOf(form, step);
    if (!target) return;
    if (target.secret) guard.lock(target.secret);
    if (requested.has(form.root)) return;
    requested.add(form.root);
    const id = randomBase64Url(24);
    pending.set(id, { id, step, root: form.root, target });
    emit(step, 'handled');
    void deps
      .request(step, id, target.secret ? constraintsOf(target.secret) : undefined)
      .then((result) => {
        if (result.status === 'human') {
          pending.delete(id);
          setAgentMode(false);
        } else if (result.status === 'waiting') {
          if (result.reason === 'CREDENTIAL_ATTEMPT_FAILED') emit(step, 'failed', result.reason);
          emit(step, 'waiting');
        } else if (result.status === 'refused') {
          pending.delete(id);
          emit(step, 'refused', result.reason);
        }
      })
      .catch(() => {
        pending.delete(id);
        requested.delete(form.root);
      });
  }

  function setAgentMode(driven: boolean): void {
    agentMode = driven;
    if (!driven) {
      guard.unlockAll();
      pending.clear();
      return;
    }
    scan();
  }

  async function onFill(message: FillMessage): Promise<FillResult> {
    const refuse = (reason: string, step: LoginStep = message.step): FillResult => {
      emit(step, 'refused', reason);
      return { filled: false, submitted: false, reason };
    };
    // The background sends to this frame by id; this checks the document is still the one it means.
    if (message.origin !== win.location.origin) return refuse('ORIGIN_MISMATCH');
    deps.forms.forms();
    const detected = deps.forms.detected();
    if (message.requestId === null) {
      // The human's own fill, from the popup: the step they asked for (a code fills only a code field).
      const form = message.step === 'otp' ? detected.find((f) => stepOf(f) === 'otp') : (detected.find((f) => stepOf(f) === 'password') ?? detected.find((f) => stepOf(f) === 'username'));
      const target = form ? targetOf(form, stepOf(form)!) : null;
      if (!form || !target) return { filled: false, submitted: false, reason: 'CREDENTIAL_NO_FORM' };
      const refusal = refusalOf(target, form, stepOf(form)!);
      if (refusal) return { filled: false, submitted: false, reason: refusal };
      return fillAndSubmit(win, guard, target, { ...message, step: stepOf(form)! }, () => undefined);
    }
    const request = pending.get(message.requestId);
    if (!request || request.step !== message.step) return refuse('CREDENTIAL_REQUEST_NOT_FOUND');
    pending.delete(request.id);
    const current = detected.find((f) => f.root === request.root);
    const refusal = refusalOf(request.target, current, request.step);
    if (refusal) {
      return refuse(refusal, request.step);
    }
    if (message.swapId && deps.swap) {
      const placeholder = message.step === 'otp' ? message.otp : message.password;
      if (placeholder) {
        deps.swap.add(placeholder, message.swapId);
        swapSteps.set(message.swapId, request.step);
        deps.announcePlaceholders?.(deps.swap.placeholders());
      }
    }
    const result = await fillAndSubmit(win, guard, request.target, message, () => emit(request.step, 'refused', 'CREDENTIAL_FIELD_TYPE_CHANGED'));
    if (result.filled) emit(request.step, 'submitted');
    else if (result.reason) emit(request.step, 'refused', result.reason);
    return result;
  }

  deps.onRuntimeMessage((message) => {
    if (isFillMessage(message)) return onFill(message);
    if (isTakeoverStatusMessage(message)) {
      const request = pending.get(message.requestId);
      if (request) {
        pending.delete(request.id);
        emit(request.step, message.status === 'denied' ? 'denied' : 'refused', message.status === 'expired' ? 'CREDENTIAL_REQUEST_EXPIRED' : message.reason);
      }
      return undefined;
    }
    const driven = deps.pushedAgentState(message);
    if (driven !== null && driven !== agentMode) setAgentMode(driven);
    return undefined;
  });
  /**
   * The agent submits a form that waits for the human (a click on its button, Enter, a script's
   * requestSubmit): nothing is sent (an empty password would count as a failed attempt at the site),
   * the field says why, and the agent hears `held`. Airlock's own submit, after the fill, goes through.
   */
  const heldRequest = (event: Event): Pending | null => {
    if (guard.isWriting || pending.size === 0) return null;
    const path = event.composedPath();
    for (const request of pending.values()) {
      // A username step holds no secret: the agent may go on by itself there.
      if (request.step === 'username') continue;
      const root = request.root as Node;
      if (event.type === 'submit' ? path.includes(root) || (request.target.secret?.form ?? null) === path[0] : request.target.submit !== null && path.includes(request.target.submit)) return request;
    }
    return null;
  };
  const hold = (event: Event) => {
    const request = heldRequest(event);
    if (!request) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    if (request.target.secret) guard.explain(request.target.secret, deps.heldLabel ?? deps.label);
    emit(request.step, 'held');
  };
  deps.listen('submit', hold);
  deps.listen('click', hold);

  deps.forms.subscribe(scan);
  scan();
  return {
    swapSent(swapId, outcome) {
      const step = swapSteps.get(swapId);
      if (!step) return;
      swapSteps.delete(swapId);
      if (!outcome.ok) emit(step, 'refused', outcome.reason);
    },
  };
}

/** What a secret field declares, for a placeholder that fits it (the page's own validation lets it go). */
export function constraintsOf(field: HTMLInputElement): FieldConstraints {
  const numeric = field.inputMode === 'numeric' || field.type === 'number' || /one-time-code/i.test(field.autocomplete);
  return {
    maxLength: field.maxLength > 0 ? field.maxLength : null,
    minLength: field.minLength > 0 ? field.minLength : null,
    numeric,
    pattern: field.getAttribute('pattern'),
  };
}
