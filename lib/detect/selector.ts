import { cssEscape, isShadowRoot } from './dom';

/** Joins the selectors of nested shadow trees: `host-selector >>> inner-selector`. */
export const SHADOW_JOIN = ' >>> ';

/**
 * A selector that finds `el` again in its tree: a unique id, else a unique name, else a
 * `:nth-of-type` path from the nearest ancestor with a unique id. Fields inside shadow trees are
 * prefixed with their host's selector. Built only for fields that are reported.
 */
export function selectorFor(el: Element): string {
  const tree = el.getRootNode() as Document | ShadowRoot;
  const local = localSelector(el, tree);
  return isShadowRoot(tree) ? `${selectorFor(tree.host)}${SHADOW_JOIN}${local}` : local;
}

/** The handle of a group: its form or container, or the host of the shadow root that groups it. */
export function handleFor(root: Element | ShadowRoot): string {
  return isShadowRoot(root) ? selectorFor(root.host) : selectorFor(root);
}

function unique(tree: ParentNode, selector: string): boolean {
  try {
    return tree.querySelectorAll(selector).length === 1;
  } catch {
    return false;
  }
}

function localSelector(el: Element, tree: ParentNode): string {
  const tag = el.tagName.toLowerCase();
  if (tag === 'body' || tag === 'html') return tag;
  const id = el.getAttribute('id');
  if (id && unique(tree, `#${cssEscape(id)}`)) return `#${cssEscape(id)}`;
  const name = el.getAttribute('name');
  if (name) {
    const byName = `${tag}[name="${name.replace(/["\\]/g, '\\$&')}"]`;
    if (unique(tree, byName)) return byName;
  }
  const steps: string[] = [];
  let node: Element | null = el;
  while (node) {
    const nodeTag = node.tagName.toLowerCase();
    const nodeId = node.getAttribute('id');
    if (node !== el && nodeId && unique(tree, `#${cssEscape(nodeId)}`)) {
      steps.unshift(`#${cssEscape(nodeId)}`);
      break;
    }
    if (nodeTag === 'body' || nodeTag === 'html') {
      steps.unshift(nodeTag);
      break;
    }
    let index = 1;
    for (let sib = node.previousElementSibling; sib; sib = sib.previousElementSibling) if (sib.tagName === node.tagName) index++;
    steps.unshift(`${nodeTag}:nth-of-type(${index})`);
    node = node.parentElement;
  }
  return steps.join(' > ');
}
