import { attr, byId, shortText, treeRootOf } from './dom';
import { normalizeText } from './lexicon';

/** Per-scan cache of `<label for>` texts, built once per tree instead of one query per field. */
export class LabelIndex {
  private readonly byTree = new Map<Node, Map<string, string>>();

  labelFor(el: Element): string {
    const id = el.getAttribute('id');
    if (!id) return '';
    const tree = treeRootOf(el);
    if (!tree) return '';
    let map = this.byTree.get(tree);
    if (!map) {
      map = new Map();
      for (const label of Array.from(tree.querySelectorAll('label[for]'))) {
        const key = label.getAttribute('for')!;
        map.set(key, `${map.get(key) ?? ''} ${shortText(label)}`);
      }
      this.byTree.set(tree, map);
    }
    return map.get(id) ?? '';
  }
}

/** Attributes authors name fields with: the strongest non-standard hint. */
export function attributeText(el: Element): string {
  return normalizeText(
    `${attr(el, 'name')} ${attr(el, 'id')} ${attr(el, 'data-testid')} ${attr(el, 'data-test')} ${attr(el, 'data-qa')} ${attr(el, 'formcontrolname')} ${attr(el, 'ng-model')} ${attr(el, 'v-model')}`,
  );
}

/**
 * What a person reads about a field: its label (`for`, wrapping, `aria-labelledby`), `aria-label`,
 * placeholder and title; the text just before it when there is no label at all.
 */
export function labelText(el: Element, labels: LabelIndex): string {
  const parts: string[] = [attr(el, 'aria-label'), attr(el, 'placeholder'), attr(el, 'title'), labels.labelFor(el)];
  const wrapping = el.closest('label');
  if (wrapping) parts.push(shortText(wrapping));
  for (const id of attr(el, 'aria-labelledby').split(/\s+/)) {
    if (id) parts.push(shortText(byId(el, id)));
  }
  for (const id of attr(el, 'aria-describedby').split(/\s+/)) {
    if (id) parts.push(shortText(byId(el, id), 120));
  }
  let text = parts.join(' ');
  if (!text.trim()) text = nearbyText(el);
  return normalizeText(text);
}

/** Text of the closest preceding sibling (or of the wrapper's preceding sibling), for unlabelled fields. */
function nearbyText(el: Element): string {
  for (let node: Element | null = el, depth = 0; node && depth < 3; node = node.parentElement, depth++) {
    let sib = node.previousElementSibling;
    while (sib && (sib.tagName === 'INPUT' || sib.tagName === 'BR' || sib.tagName === 'SCRIPT' || sib.tagName === 'STYLE')) sib = sib.previousElementSibling;
    if (sib) return shortText(sib, 120);
    const prevText = node.previousSibling;
    if (prevText && prevText.nodeType === 3 && prevText.textContent!.trim()) return prevText.textContent!.slice(-120);
  }
  return '';
}
