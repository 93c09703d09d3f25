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
 *   stays), images (a <picture>'s too), canvases, videos and background images drawn as empty
 *   boxes of their size;
 * - editable text (contenteditable) and every field's value blanked, as events never carry them;
 *   text that the SDK's value rules would redact in an event (an email, a card number) blanked
 *   (never that of style sheets or scripts);
 * - a video playing a live stream (a camera, a shared screen) drawn empty;
 * - iframes, objects and embeds drawn empty: copied, they would load again (their scripts run
 *   again, cross-origin ones are requested again), and a same-origin frame's fields would be
 *   shown unmasked;
 * - images not yet loaded (lazy ones below the fold) drawn empty, never downloaded for the copy;
 * - canvases copied with drawImage only: html2canvas's own copy calls getContext('2d') on the
 *   page's canvas, which gives a canvas the page has not set up yet a 2D context for good (its
 *   later getContext('webgl') then returns null); a tainted one (a cross-origin image drawn on
 *   it) drawn empty, since it would taint the whole screenshot.
 * One capture at a time: a page view while one is rendering waits, and a newer one replaces it,
 * so a burst of navigations costs at most the capture in progress and one more, of where it
 * ended; at most one every MIN_GAP_MS; one whose page has moved on by the time it would render is
 * dropped (its successor shows the new page), and so is one of the session's page rendered last. A render that does not end (an image that never loads) is given up after RENDER_MS, and so is an
 * upload. The upload is tried a second time after a 429 or 503, when Retry-After allows within a
 * minute.
 * Rendering is scaled to one image pixel per CSS pixel, whatever the device pixel ratio, and the
 * JPEG is encoded off the main thread (toBlob).
 */
import html2canvas from 'html2canvas';
import { redactString } from '../redact';
import { under } from '../shadow';
import type { ScreenshotRequest } from './loader';

export const MIN_GAP_MS = 5000;
export const RENDER_MS = 30_000;
/** Marks, in the copy, what is under the mask attribute (or editable). */
const MASKED = 'data-loupe-masked';

const idle = () => new Promise((done) => ((window as any).requestIdleCallback ? requestIdleCallback(done, { timeout: 5000 }) : setTimeout(done, 500)));
const when = (target: EventTarget, type: string, ready: () => boolean) => ready() || new Promise((done) => target.addEventListener(type, () => ready() && done(0)));

/**
 * The copy of the page's element `node`: html2canvas's own (`copy()`), or what stands for it (see
 * above); what is to be blanked is marked for maskClone.
 */
export function clone(node: Element, copy: () => Element, r: ScreenshotRequest): Element {
  const masked = !!under(node, r.maskAttribute) || (node as HTMLElement).isContentEditable;
  const tag = node.localName;
  let c: any;
  /** A copy made afresh, without the attributes that would load something (cloned, an element with a src starts downloading it at once). */
  const bare = (omit: RegExp) => {
    c = document.createElement(tag);
    for (const a of node.attributes) omit.test(a.name) || c.setAttribute(a.name, a.value);
  };
  if (/^(iframe|object|embed)$/.test(tag)) bare(/^(src|srcdoc|data)$/);
  else if ((tag == 'img' && (masked || !(node as HTMLImageElement).complete)) || (tag == 'source' && masked)) {
    // Drawn as an image without a source, of the same size (a data: image would be a violation
    // of a strict CSP's img-src); a masked <picture>'s sources go too.
    bare(/^(src|srcset|loading)$/);
    if (tag == 'img') Object.assign(c, { width: (node as HTMLImageElement).width, height: (node as HTMLImageElement).height });
  } else if (tag == 'canvas') {
    const source = node as HTMLCanvasElement;
    const empty = () => Object.assign(node.cloneNode(false), { width: source.width, height: source.height });
    c = empty();
    // A canvas the page drew a cross-origin image on taints the copy, and with it the screenshot:
    // then it is drawn empty.
    if (!masked) try { const ctx = c.getContext('2d'); ctx.drawImage(source, 0, 0); ctx.getImageData(0, 0, 1, 1) } catch { c = empty() }
  } else if (tag == 'video' && (masked || (node as HTMLVideoElement).srcObject)) {
    c = document.createElement('canvas');
    Object.assign(c, { width: (node as HTMLElement).offsetWidth, height: (node as HTMLElement).offsetHeight });
  } else c = copy();
  // Marked for maskClone; a masked element's background image is not drawn either.
  if (masked) c.setAttribute(MASKED, ''), c.style?.setProperty('background-image', 'none', 'important');
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
    const parent = text.parentElement;
    // Style sheets and scripts are not the page's text (`logo@2x.png` would read as an email).
    if (parent && /^(style|script|noscript|template)$/.test(parent.localName)) continue;
    if (parent?.closest(`[${MASKED}]`) || redactString(text.data) != text.data) text.data = text.data.replace(/\S/g, '•');
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
  // Rendered: a page view of the same page in the same session is not captured again.
  lastKey = r.session_id + href;
  const timestamp = new Date().toISOString();
  let timer: any;
  let container: Element | null | undefined;
  const canvas = await Promise.race([
    html2canvas(document.documentElement, {
      logging: false,
      useCORS: true,
      scale: 1,
      ignoreElements: (el: Element) => el.hasAttribute(r.ignoreAttribute),
      cloneHook: (node: Element, copy: () => Element) => clone(node, copy, r),
      onclone: (doc: Document) => ((container = doc.defaultView?.frameElement), maskClone(doc)),
      width: innerWidth,
      height: innerHeight,
      x: scrollX,
      y: scrollY,
    } as any),
    new Promise<never>((_, fail) => (timer = setTimeout(fail, RENDER_MS))),
  ]).finally(() => {
    clearTimeout(timer);
    // A render given up leaves its copy of the page behind (only this one's: the page may be
    // using html2canvas itself).
    container?.remove();
  });
  const body = JSON.stringify({ session_id: r.session_id, page_url: r.page_url, timestamp, image_data: await jpeg(canvas), width: canvas.width, height: canvas.height });
  for (let attempt = 0; attempt < 2; attempt++) {
    // An upload that never gets an answer must not hold up every later capture.
    const res = await r.fetch(r.url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Loupe-Key': r.key }, body, credentials: 'omit', signal: AbortSignal.timeout(RENDER_MS) });
    const wait = +(res.headers.get('retry-after') || 1) * 1000;
    if ((res.status != 429 && res.status != 503) || !(wait <= 60_000)) return;
    await new Promise((done) => setTimeout(done, wait));
  }
}

/** The page view waiting for the capture in progress (the newest), with its URL. */
let next: [ScreenshotRequest, string] | undefined;
let busy = false;
/** When the last capture started; the session and URL of the last one rendered. */
let last = 0;
let lastKey = '';

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
      if (request.session_id + href == lastKey) continue;
      last = Date.now();
      await shoot(request, href).catch(() => {});
    }
  } finally {
    busy = false;
  }
}

(window as any).__loupeScreenshot = capture;
