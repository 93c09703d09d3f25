/**
 * The nearest of `el` and its ancestors that has `attribute`, across shadow roots: from the top of
 * a shadow tree the search goes on at its host, so that the mask and ignore attributes on a web
 * component apply to what its shadow root holds.
 */
export const under = (el: any, attribute: string): Element | undefined => el && (el.closest(`[${attribute}]`) || under(el.getRootNode().host, attribute));
