/** Every tag of the kit. */
export const KIT_TAGS = ['crm-data-source', 'crm-nps-gauge', 'crm-lifecycle-funnel', 'crm-segment-matrix', 'crm-customer-360', 'crm-filter-bar'] as const;

export type KitTag = (typeof KIT_TAGS)[number];

/**
 * Resolves once every kit element used under `root` is defined, so a page can reveal its
 * dashboard in one step instead of letting undefined tags flash by (`:not(:defined)` hides them
 * until then). Only the tags present are awaited: with a lazy loader, tags a page does not use
 * are never defined, and waiting for them would never end. Call it after the markup is parsed.
 *
 * @example
 * await allDefined();
 * document.body.classList.add('crm-ready');
 */
export async function allDefined(root: ParentNode = document): Promise<void> {
  const used = KIT_TAGS.filter((tag) => root.querySelector(tag) !== null);
  await Promise.all(used.map((tag) => customElements.whenDefined(tag)));
}
