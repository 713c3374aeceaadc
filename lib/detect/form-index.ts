import { collectCandidates } from './candidates';
import { classifyGroup } from './classify';
import { isShadowRoot } from './dom';
import { LabelIndex } from './field-text';
import { groupKeyOf, type GroupKey } from './grouping';
import type { DetectedForm, DetectOptions, FormReport } from './types';

interface Group {
  fields: Set<Element>;
  form: DetectedForm | null;
}

/**
 * The forms of one frame, kept up to date incrementally: `update(nodes)` re-classifies only the
 * groups that contain, or are inside, the nodes that changed, instead of rescanning the page.
 */
export class FormIndex {
  private readonly groups = new Map<GroupKey, Group>();
  private readonly fieldGroup = new WeakMap<Element, GroupKey>();
  private readonly knownShadowRoots = new Set<ShadowRoot>();
  private newShadowRoots: ShadowRoot[] = [];

  constructor(
    private readonly root: ParentNode,
    private readonly options: DetectOptions = {},
  ) {}

  /** Classifies everything under the root from scratch. */
  scan(): DetectedForm[] {
    this.groups.clear();
    const buttonCache = new Map<Element, boolean>();
    for (const el of this.collect(this.root)) this.place(el, groupKeyOf(el, buttonCache));
    const labels = new LabelIndex();
    for (const [key, group] of this.groups) this.classify(key, group, labels);
    return this.forms();
  }

  /**
   * Re-classifies what `nodes` touched (added, removed, or with changed attributes). Returns true when
   * the list of forms may have changed.
   */
  update(nodes: Iterable<Node>): boolean {
    const dirty = new Set<GroupKey>();
    const buttonCache = new Map<Element, boolean>();
    for (const key of this.groups.keys()) {
      if (!(key as Node).isConnected) dirty.add(key);
    }
    for (const group of this.groups.values()) {
      for (const field of group.fields) {
        if (!field.isConnected) {
          const key = this.fieldGroup.get(field);
          if (key) dirty.add(key);
        }
      }
    }
    for (const node of nodes) {
      const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
      if (!el || !el.isConnected) continue;
      const owner = this.enclosingGroup(el);
      // The page-wide fallback group is re-classified only when its own fields change (below).
      if (owner && !isFallbackKey(owner)) dirty.add(owner);
      for (const candidate of this.collect(el)) {
        const key = groupKeyOf(candidate, buttonCache);
        const previous = this.fieldGroup.get(candidate);
        if (previous && previous !== key) dirty.add(previous);
        this.place(candidate, key);
        dirty.add(key);
      }
    }
    if (dirty.size === 0) return false;
    const labels = new LabelIndex();
    const done = new Set<GroupKey>();
    const queue = [...dirty];
    while (queue.length) {
      const key = queue.pop()!;
      if (done.has(key)) continue;
      done.add(key);
      if (!(key as Node).isConnected) {
        this.groups.delete(key);
        continue;
      }
      const group: Group = { fields: new Set(), form: null };
      const previous = this.groups.get(key);
      // Forms and containers are small: collect again. The page-wide fallback group keeps its known
      // fields (new ones were placed above) instead of rescanning the whole document.
      const pool = new Set<Element>(isFallbackKey(key) ? [] : this.collect(key));
      // Fields owned through `form=` live outside the form element.
      for (const field of previous?.fields ?? []) if (field.isConnected) pool.add(field);
      for (const field of pool) {
        const fieldKey = groupKeyOf(field, buttonCache);
        if (fieldKey === key) {
          group.fields.add(field);
          this.fieldGroup.set(field, key);
        } else if (!done.has(fieldKey)) {
          this.place(field, fieldKey);
          queue.push(fieldKey);
        }
      }
      if (group.fields.size === 0) {
        this.groups.delete(key);
        continue;
      }
      this.groups.set(key, group);
      this.classify(key, group, labels);
    }
    return true;
  }

  forms(): DetectedForm[] {
    const out: DetectedForm[] = [];
    for (const group of this.groups.values()) if (group.form) out.push(group.form);
    return out;
  }

  /** Shadow roots found since the last call, so the watcher can observe them too. */
  takeNewShadowRoots(): ShadowRoot[] {
    const found = this.newShadowRoots;
    this.newShadowRoots = [];
    return found;
  }

  private collect(root: ParentNode): Element[] {
    return collectCandidates(root, this.options.openOrClosedShadowRoot, (shadow) => this.noteShadow(shadow));
  }

  private noteShadow(shadow: ShadowRoot): void {
    if (this.knownShadowRoots.has(shadow)) return;
    this.knownShadowRoots.add(shadow);
    this.newShadowRoots.push(shadow);
  }

  private place(el: Element, key: GroupKey): void {
    const previous = this.fieldGroup.get(el);
    if (previous && previous !== key) this.groups.get(previous)?.fields.delete(el);
    let group = this.groups.get(key);
    if (!group) {
      group = { fields: new Set(), form: null };
      this.groups.set(key, group);
    }
    group.fields.add(el);
    this.fieldGroup.set(el, key);
  }

  /** The nearest indexed group whose root contains `el` (crossing shadow boundaries upwards). */
  private enclosingGroup(el: Element): GroupKey | null {
    let node: Node | null = el;
    while (node) {
      if (this.groups.has(node as GroupKey)) return node as GroupKey;
      if (isShadowRoot(node)) node = node.host;
      else node = node.parentNode;
    }
    return null;
  }

  private classify(key: GroupKey, group: Group, labels: LabelIndex): void {
    const fields = [...group.fields].filter((f) => f.isConnected);
    sortInDocumentOrder(fields);
    group.form = fields.length ? classifyGroup(key, fields, labels) : null;
  }
}

/** The body or shadow root that collects fields with no closer group. */
function isFallbackKey(key: GroupKey): boolean {
  return !isShadowRoot(key) && (key.tagName === 'BODY' || key.tagName === 'HTML');
}

function sortInDocumentOrder(elements: Element[]): void {
  elements.sort((a, b) => {
    if (a === b) return 0;
    const pos = a.compareDocumentPosition(b);
    // Node.DOCUMENT_POSITION_FOLLOWING = 4
    return pos & 4 ? -1 : 1;
  });
}

/** The serialisable part of a detection: kind, handle, roles and selectors. Never a value. */
export function toFormReport(form: DetectedForm): FormReport {
  const report: FormReport = {
    kind: form.kind,
    handle: form.handle,
    fields: form.fields.map(({ role, selector }) => ({ role, selector })),
  };
  if (form.confidence !== undefined) report.confidence = form.confidence;
  return report;
}

