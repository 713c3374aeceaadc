/**
 * Marks and guards the fields Airlock fills in an agent's tab. Typing is stopped in the capture
 * phase at the window, before the page's own handlers (UI Events §3.1 dispatch order); a value that
 * still arrives some other way (script assignment) is wiped on its `input` event. The marking is text
 * both a DOM agent (placeholder, aria-description, readonly state) and a vision agent (a visible
 * badge) can read. The badge does nothing when clicked: a page cannot use it to trigger a fill.
 */

export interface LockedField {
  element: HTMLInputElement;
  unlock(): void;
}

const BADGE_ATTRIBUTE = 'data-airlock-badge';
/** Keys that move focus or submit; everything else that edits is stopped. */
const PASS_KEYS = new Set(['Tab', 'Enter', 'Escape', 'ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'Shift', 'Control', 'Alt', 'Meta']);

export interface FieldGuard {
  lock(element: HTMLInputElement): void;
  isLocked(element: Element): boolean;
  /** Lets the fill routine write: calls `write` with the guard stood down for these fields only. */
  writing<T>(write: () => T): T;
  /** Whether the fill routine is writing (or submitting) right now. */
  readonly isWriting: boolean;
  /** Says on the field's badge, for the agent to read, why what it just did was refused. */
  explain(element: HTMLInputElement, text: Words): void;
  unlockAll(): void;
  lockedFields(): HTMLInputElement[];
}

/**
 * `onRefused`: told (once a second per field at most) when typing, pasting or dropping into a locked
 * field was stopped, so the agent hears why (its harness reports the typing as done: nothing says
 * otherwise). `refusedText` then replaces the badge's words.
 */
/**
 * Words shown at a field, or how to get them when first shown: the browser loads its message
 * catalogue into a page on the first `i18n.getMessage` there, which costs more than the rest of the
 * content script's start (measured, `npm run bench:page-cost`), so a page never locked never pays it.
 */
export type Words = string | (() => string);
const say = (words: Words): string => (typeof words === 'function' ? words() : words);

export function createFieldGuard(
  win: Window,
  labelWords: Words,
  listen: (type: string, listener: (event: Event) => void) => void,
  refusal?: { text: Words; onRefused(field: HTMLInputElement): void },
): FieldGuard {
  const locked = new Map<HTMLInputElement, { placeholder: string | null; description: string | null; readonly: string | null; badge: HTMLElement; text: HTMLElement; toldAt: number }>();
  let writingNow = false;

  const explain = (field: HTMLInputElement, said: Words) => {
    const saved = locked.get(field);
    if (!saved) return;
    const words = say(said);
    saved.text.textContent = words;
    saved.badge.setAttribute('aria-label', words);
    // A live region: announced at once, and read by a DOM agent's next snapshot.
    saved.badge.setAttribute('role', 'status');
    field.setAttribute('aria-description', words);
  };

  const lockedTarget = (event: Event): HTMLInputElement | null => {
    const target = event.composedPath()[0] ?? null;
    return target instanceof HTMLInputElement && locked.has(target) ? target : null;
  };

  const stop = (event: Event) => {
    const field = writingNow ? null : lockedTarget(event);
    if (!field) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    const saved = locked.get(field)!;
    if (refusal && Date.now() - saved.toldAt > 1000) {
      saved.toldAt = Date.now();
      explain(field, refusal.text);
      refusal.onRefused(field);
    }
  };
  for (const type of ['beforeinput', 'paste', 'drop', 'cut']) listen(type, stop);
  listen('keydown', (event) => {
    if (!PASS_KEYS.has((event as KeyboardEvent).key)) stop(event);
  });
  listen('keypress', stop);
  // Whatever got through (a script setting `.value`, an input method) is wiped before the page sees it.
  listen('input', (event) => {
    const field = lockedTarget(event);
    if (writingNow || !field) return;
    event.stopImmediatePropagation();
    if (field.value !== '') setNativeValue(field, '');
  });

  return {
    lock(element) {
      if (locked.has(element)) return;
      const label = say(labelWords);
      const badge = win.document.createElement('span');
      badge.setAttribute(BADGE_ATTRIBUTE, '');
      badge.setAttribute('role', 'note');
      badge.setAttribute('aria-label', label);
      // The text lives in a closed shadow root: painted for a vision agent, in the accessibility tree
      // for a DOM agent, and out of the page's reach (its scripts and the form detector read light DOM).
      const text = win.document.createElement('span');
      text.textContent = label;
      text.style.cssText =
        'display:inline-block;margin:2px 0;padding:1px 6px;border-radius:4px;background:#ede9fe;color:#3b0764;font:12px/1.4 system-ui,sans-serif;';
      badge.attachShadow({ mode: 'closed' }).append(text);
      // pointer-events: none keeps the badge out of any click the page stages; it does nothing anyway.
      badge.style.cssText = 'display:block;pointer-events:none;user-select:none;';
      locked.set(element, {
        placeholder: element.getAttribute('placeholder'),
        description: element.getAttribute('aria-description'),
        readonly: element.getAttribute('aria-readonly'),
        badge,
        text,
        toldAt: 0,
      });
      element.setAttribute('placeholder', label);
      element.setAttribute('aria-description', label);
      element.setAttribute('aria-readonly', 'true');
      element.setAttribute('data-airlock', 'filled-by-airlock');
      element.insertAdjacentElement('afterend', badge);
      if (element.value !== '') setNativeValue(element, '');
    },
    isLocked: (element) => locked.has(element as HTMLInputElement),
    get isWriting() {
      return writingNow;
    },
    explain,
    writing(write) {
      writingNow = true;
      try {
        return write();
      } finally {
        writingNow = false;
      }
    },
    unlockAll() {
      for (const [element, saved] of locked) {
        restore(element, 'placeholder', saved.placeholder);
        restore(element, 'aria-description', saved.description);
        restore(element, 'aria-readonly', saved.readonly);
        element.removeAttribute('data-airlock');
        saved.badge.remove();
      }
      locked.clear();
    },
    lockedFields: () => [...locked.keys()],
  };
}

function restore(element: Element, name: string, value: string | null): void {
  if (value === null) element.removeAttribute(name);
  else element.setAttribute(name, value);
}

/**
 * Writes through `HTMLInputElement.prototype`'s own setter. Frameworks with controlled inputs (React's
 * inputValueTracking) override `value` on the element and ignore an `input` event whose value they
 * wrote themselves; the prototype's setter goes around that, so the following `input` event is seen.
 */
export function setNativeValue(element: HTMLInputElement, value: string): void {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  if (setter) setter.call(element, value);
  else element.value = value;
}
