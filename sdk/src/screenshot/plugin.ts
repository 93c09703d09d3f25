/**
 * The screenshot plugin (seed 002): renders the viewport with html2canvas on each page view — when
 * the browser is idle and the page visible, since rendering can take a second — as a JPEG at 80 %,
 * and posts it to POST /api/v1/track/screenshot as `{session_id, page_url, timestamp, image_data,
 * width, height}`.
 *
 * html2canvas copies the whole document into a hidden frame and paints the copy. What the copy
 * must not show or do is decided per element as it is copied (`clone`, through a hook that the
 * build adds to html2canvas, see scripts/build.mjs), on the page's own element, so that it sees
 * through shadow roots and custom elements (whose copies lose their attributes):
 * - under the mask attribute: text blanked (each non-space character a bullet, so the layout
 *   stays), images, canvases and videos drawn as empty boxes of their size;
 * - editable text (contenteditable) and every field's value blanked, as events never carry them;
 *   text that the SDK's value rules would redact in an event (an email, a card number) blanked;
 * - a video playing a live stream (a camera, a shared screen) drawn empty;
 * - iframes drawn empty: copied, they would load again (their scripts run again, cross-origin
 *   ones are requested again), and a same-origin frame's fields would be shown unmasked;
 * - images not yet loaded (lazy ones below the fold) drawn empty, never downloaded for the copy;
 * - canvases copied with drawImage only: html2canvas's own copy calls getContext('2d') on the
 *   page's canvas, which gives a canvas the page has not set up yet a 2D context for good (its
 *   later getContext('webgl') then returns null).
 * One capture at a time: a page view while one is rendering waits, and a newer one replaces it,
 * so a burst of navigations costs at most one more capture; at most one every MIN_GAP_MS; one
 * whose page has moved on by the time it would render is dropped (its successor shows the new
 * page), and so is one of the URL captured last. A render that does not end (an image that never loads) is given up after RENDER_MS. The
 * upload is tried a second time after a 429 or 503, when Retry-After allows within a minute.
 * Rendering is scaled to one image pixel per CSS pixel, whatever the device pixel ratio, and the
 * JPEG is encoded off the main thread (toBlob).
 */
import html2canvas from 'html2canvas';
import { redactString } from '../redact';
import type { ScreenshotRequest } from './loader';

export const MIN_GAP_MS = 5000;
export const RENDER_MS = 30_000;
/** Marks, in the copy, what is under the mask attribute (or editable). */
const MASKED = 'data-loupe-masked';
const BLANK_GIF = 'data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==';

const idle = () => new Promise((done) => ((window as any).requestIdleCallback ? requestIdleCallback(done, { timeout: 5000 }) : setTimeout(done, 500)));
const when = (target: EventTarget, type: string, ready: () => boolean) => ready() || new Promise((done) => target.addEventListener(type, () => ready() && done(0)));

/** Whether `el` or an ancestor, across shadow roots, has `attribute`. */
const under = (el: Element, attribute: string): boolean => {
  for (let e: Element | null = el; e; e = e.parentElement || ((e.getRootNode() as ShadowRoot).host ?? null)) if (e.hasAttribute(attribute)) return true;
  return false;
};

/**
 * The copy of the page's element `node`: html2canvas's own (`copy()`), or what stands for it (see
 * above); what is to be blanked is marked for maskClone.
 */
export function clone(node: Element, copy: () => Element, r: ScreenshotRequest): Element {
  const masked = under(node, r.maskAttribute) || (node as HTMLElement).isContentEditable;
  const tag = node.localName;
  let c: any;
  if (tag == 'iframe') {
    c = node.cloneNode(false);
    c.removeAttribute('src');
    c.removeAttribute('srcdoc');
  } else if (tag == 'img' && (masked || !(node as HTMLImageElement).complete)) {
    // Made afresh, not cloned: a copy of an element with a src starts downloading it at once.
    const img = node as HTMLImageElement;
    c = document.createElement('img');
    for (const a of img.attributes) /^(src|srcset|loading)$/.test(a.name) || c.setAttribute(a.name, a.value);
    Object.assign(c, { src: BLANK_GIF, width: img.width, height: img.height });
  } else if (tag == 'canvas') {
    c = node.cloneNode(false);
    const source = node as HTMLCanvasElement;
    Object.assign(c, { width: source.width, height: source.height });
    if (!masked) try { c.getContext('2d').drawImage(source, 0, 0) } catch {}
  } else if (tag == 'video' && (masked || (node as HTMLVideoElement).srcObject)) {
    c = document.createElement('canvas');
    Object.assign(c, { width: (node as HTMLElement).offsetWidth, height: (node as HTMLElement).offsetHeight });
  } else c = copy();
  if (masked) c.setAttribute(MASKED, '');
  return c;
}

/** Blanks what must not appear in the screenshot, in html2canvas's copy of the document. */
export function maskClone(doc: Document): void {
  doc.querySelectorAll<HTMLInputElement>('input, textarea, select').forEach((f) => {
    if (f.type == 'checkbox' || f.type == 'radio') return;
    f.value = f.value.replace(/./g, '•');
    f.textContent = '';
  });
  const walker = doc.createTreeWalker(doc.documentElement, NodeFilter.SHOW_TEXT);
  for (let t: Node | null; (t = walker.nextNode()); ) {
    const text = t as Text;
    if (text.parentElement?.closest(`[${MASKED}]`) || redactString(text.data) != text.data) text.data = text.data.replace(/\S/g, '•');
  }
}

/** The canvas as a JPEG data URL, encoded off the main thread. */
const jpeg = (canvas: HTMLCanvasElement) =>
  new Promise<string>((done, fail) =>
    canvas.toBlob((blob) => {
      if (!blob) return fail();
      const reader = new FileReader();
      reader.onload = () => done(reader.result as string);
      reader.onerror = fail;
      reader.readAsDataURL(blob);
    }, 'image/jpeg', 0.8),
  );

/** Renders and uploads the page view `r`, unless the page has left `href`, its URL. */
async function shoot(r: ScreenshotRequest, href: string): Promise<void> {
  // The first page view happens while the page is still loading: render what it became.
  await when(window, 'load', () => document.readyState == 'complete');
  await idle();
  await when(document, 'visibilitychange', () => document.visibilityState == 'visible');
  if (location.href != href) return;
  const timestamp = new Date().toISOString();
  let timer: any;
  const canvas = await Promise.race([
    html2canvas(document.documentElement, {
      logging: false,
      useCORS: true,
      scale: 1,
      ignoreElements: (el: Element) => el.hasAttribute(r.ignoreAttribute),
      cloneHook: (node: Element, copy: () => Element) => clone(node, copy, r),
      onclone: maskClone,
      width: innerWidth,
      height: innerHeight,
      x: scrollX,
      y: scrollY,
    } as any),
    new Promise<never>((_, fail) => (timer = setTimeout(fail, RENDER_MS))),
  ]).finally(() => {
    clearTimeout(timer);
    // A render given up leaves its copy of the page behind.
    document.querySelectorAll('iframe.html2canvas-container').forEach((f) => f.remove());
  });
  const body = JSON.stringify({ session_id: r.session_id, page_url: r.page_url, timestamp, image_data: await jpeg(canvas), width: canvas.width, height: canvas.height });
  for (let attempt = 0; attempt < 2; attempt++) {
    const res = await r.fetch(r.url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Loupe-Key': r.key }, body, credentials: 'omit' });
    const wait = +(res.headers.get('retry-after') || 1) * 1000;
    if ((res.status != 429 && res.status != 503) || !(wait <= 60_000)) return;
    await new Promise((done) => setTimeout(done, wait));
  }
}

/** The page view waiting for the capture in progress (the newest), with its URL. */
let next: [ScreenshotRequest, string] | undefined;
let busy = false;
/** When the last capture started, and of which URL. */
let last = 0;
let lastHref = '';

async function capture(r: ScreenshotRequest): Promise<void> {
  next = [r, location.href];
  if (busy) return;
  busy = true;
  try {
    while (next) {
      await new Promise((done) => setTimeout(done, last + MIN_GAP_MS - Date.now()));
      const [request, href] = next;
      next = undefined;
      // Page views that a burst made of one URL (a router's pushes in one task) are one capture.
      if (href == lastHref) continue;
      last = Date.now();
      lastHref = href;
      await shoot(request, href).catch(() => {});
    }
  } finally {
    busy = false;
  }
}

(window as any).__loupeScreenshot = capture;
