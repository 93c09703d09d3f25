/**
 * The nearest of `el` and its ancestors that has `attribute`, across shadow roots: from the top of
 * a shadow tree the search goes on at its host, so that the mask and ignore attributes on a web
 * component apply to what its shadow root holds.
 */
export const under = (el: any, attribute: string): Element | undefined => el && (el.closest(`[${attribute}]`) || under(hostOf(el.getRootNode()), attribute));

/**
 * The host of a shadow root; none for any other root (a document's `host` may be an element the
 * page named so, `<form name="host">`, and a detached link's is its URL's host).
 */
export const hostOf = (root: Node): Element | null => (root.nodeType == 11 ? (root as ShadowRoot).host : null);
