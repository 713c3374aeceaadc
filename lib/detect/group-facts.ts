import { BUTTON_SELECTOR, attr, isShadowRoot, shortText } from './dom';
import { fieldFacts, type FieldFacts } from './field-facts';
import type { LabelIndex } from './field-text';
import { buttonText, isActionButton } from './grouping';
import { normalizeText } from './lexicon';
import { isVisibleField } from './visibility';

export interface ButtonFacts {
  element: Element;
  text: string;
  submitType: boolean;
  action: boolean;
}

/** Everything the form-level signals read about one group, computed once. */
export interface GroupFacts {
  root: Element | ShadowRoot;
  /** Visible text fields, in document order. */
  fields: FieldFacts[];
  hiddenFields: FieldFacts[];
  passwords: FieldFacts[];
  identifiers: FieldFacts[];
  otpFields: FieldFacts[];
  cardFields: FieldFacts[];
  /** A run of four or more one-character boxes (a split one-time code). */
  splitOtp: FieldFacts[];
  paymentFrames: Element[];
  buttons: ButtonFacts[];
  headingText: string;
  buttonText: string;
  attrText: string;
  paragraphText: string;
  checkboxText: string;
  inSearchLandmark: boolean;
}

const HEADING_SELECTOR = 'h1, h2, h3, h4, h5, h6, legend, [role="heading"], header, .title, [class*="title" i], [class*="heading" i]';

export function groupFacts(root: Element | ShadowRoot, candidates: Element[], labels: LabelIndex): GroupFacts {
  const fields: FieldFacts[] = [];
  const hiddenFields: FieldFacts[] = [];
  const paymentFrames: Element[] = [];
  for (const el of candidates) {
    if (el.tagName === 'IFRAME') {
      paymentFrames.push(el);
      continue;
    }
    const facts = fieldFacts(el, labels);
    (facts.visible ? fields : hiddenFields).push(facts);
  }
  const byClass = (cls: FieldFacts['fieldClass']) => fields.filter((f) => f.fieldClass === cls);
  const scopes = scopesOf(root, candidates);
  const all = (selector: string) => scopes.flatMap((scope) => Array.from(scope.querySelectorAll(selector)));
  const buttons = collectButtons(root, scopes);
  const headings = all(HEADING_SELECTOR).slice(0, 6).map((h) => shortText(h, 160));
  headings.push(precedingHeading(root));
  const hostEl = isShadowRoot(root) ? root.host : root;
  const paragraphs = all('p, span.help, .subtitle, .description, small').slice(0, 6).map(textWithoutLinks);
  const checkboxes = all('input[type="checkbox" i]').slice(0, 4).map((box) => checkboxLabel(box, labels));
  return {
    root,
    fields,
    hiddenFields,
    passwords: byClass('password'),
    identifiers: byClass('identifier'),
    otpFields: byClass('otp'),
    cardFields: fields.filter((f) => f.fieldClass.startsWith('card-')),
    splitOtp: splitRun(fields),
    paymentFrames,
    buttons,
    headingText: normalizeText(headings.join(' | ')),
    buttonText: normalizeText(buttons.filter((b) => b.action).map((b) => b.text).join(' | ')),
    attrText: normalizeText(`${attr(hostEl, 'id')} ${attr(hostEl, 'name')} ${attr(hostEl, 'class')} ${attr(hostEl, 'action')} ${attr(hostEl, 'aria-label')} ${attr(hostEl, 'data-testid')} ${isShadowRoot(root) ? hostEl.tagName : ''}`),
    paragraphText: normalizeText(paragraphs.join(' | ')),
    checkboxText: normalizeText(checkboxes.join(' | ')),
    inSearchLandmark: !!(hostEl.closest('[role="search"], search') || (hostEl.getAttribute('role') ?? '') === 'search'),
  };
}

/**
 * Where to read a group's text and buttons: the group's root, except for the page-wide fallback
 * group (fields with no closer container), where reading the whole body would cost a page scan and
 * mix unrelated text: there, the few ancestors around each field.
 */
function scopesOf(root: Element | ShadowRoot, candidates: Element[]): ParentNode[] {
  if (isShadowRoot(root) || (root.tagName !== 'BODY' && root.tagName !== 'HTML')) return [root];
  const scopes = new Set<Element>();
  for (const el of candidates) {
    let node: Element = el;
    for (let depth = 0; depth < 3 && node.parentElement && node.parentElement !== root; depth++) node = node.parentElement;
    scopes.add(node);
  }
  // Drop scopes nested in another scope so nothing is counted twice.
  return [...scopes].filter((s) => ![...scopes].some((o) => o !== s && o.contains(s)));
}

function collectButtons(root: Element | ShadowRoot, scopes: ParentNode[]): ButtonFacts[] {
  const out: ButtonFacts[] = [];
  for (const el of scopes.flatMap((scope) => Array.from(scope.querySelectorAll(BUTTON_SELECTOR)))) {
    if (!isVisibleField(el)) continue;
    const type = attr(el, 'type').toLowerCase();
    out.push({
      element: el,
      text: buttonText(el),
      submitType: el.tagName === 'BUTTON' ? type === '' || type === 'submit' : type === 'submit' || type === 'image',
      action: isActionButton(el),
    });
  }
  const form = (root as Element).tagName === 'FORM' ? (root as HTMLFormElement) : null;
  const id = form?.getAttribute('id');
  if (form && id) {
    // Buttons outside the form that name it with `form=` still submit it.
    const doc = form.ownerDocument;
    for (const el of Array.from(doc.querySelectorAll(`button[form="${id.replace(/["\\]/g, '\\$&')}"], input[form="${id.replace(/["\\]/g, '\\$&')}"][type="submit" i]`))) {
      if (isVisibleField(el)) out.push({ element: el, text: buttonText(el), submitType: true, action: isActionButton(el) });
    }
  }
  return out;
}

/** The heading a page puts just above a form ("Sign in to Example"), outside the form element. */
function precedingHeading(root: Element | ShadowRoot): string {
  let node: Element | null = isShadowRoot(root) ? root.host : root;
  for (let depth = 0; node && depth < 3; node = node.parentElement, depth++) {
    let sib = node.previousElementSibling;
    for (let n = 0; sib && n < 3; sib = sib.previousElementSibling, n++) {
      if (/^H[1-6]$/.test(sib.tagName) || sib.getAttribute('role') === 'heading') return shortText(sib, 160);
      const inner = sib.querySelector('h1, h2, h3, h4, h5, h6, [role="heading"]');
      if (inner) return shortText(inner, 160);
    }
  }
  return '';
}

function textWithoutLinks(el: Element): string {
  let text = shortText(el, 300);
  for (const link of Array.from(el.querySelectorAll('a'))) text = text.replace(link.textContent ?? '', ' ');
  return text;
}

function checkboxLabel(box: Element, labels: LabelIndex): string {
  const wrapping = box.closest('label');
  return `${labels.labelFor(box)} ${wrapping ? shortText(wrapping, 160) : ''} ${attr(box, 'name')} ${attr(box, 'id')} ${attr(box, 'aria-label')}`;
}

/** Four to eight consecutive one-character boxes: the split one-time-code widget. */
function splitRun(fields: FieldFacts[]): FieldFacts[] {
  let run: FieldFacts[] = [];
  let best: FieldFacts[] = [];
  for (const f of fields) {
    if (f.maxLength === 1 && f.type !== 'password' && f.type !== 'select') run.push(f);
    else run = [];
    if (run.length > best.length) best = run.slice();
  }
  return best.length >= 4 && best.length <= 8 ? best : [];
}
