/**
 * The screenshot plugin (seed 002): renders the page with html2canvas on each page view — when
 * the browser is idle, since rendering can take a second — as a JPEG at 80 % with every input's
 * value and every masked element's text blanked, and posts it to POST /api/v1/track/screenshot
 * as `{session_id, page_url, timestamp, image_data, width, height}`.
 */
import html2canvas from 'html2canvas';
import type { ScreenshotRequest } from './loader';

const idle = (fn: () => void) => ((window as any).requestIdleCallback ? requestIdleCallback(fn, { timeout: 5000 }) : setTimeout(fn, 500));

/** Blanks what must not appear in a screenshot, in html2canvas's clone of the document. */
export function maskClone(doc: Document, r: ScreenshotRequest): void {
  doc.querySelectorAll<HTMLInputElement>('input, textarea, select').forEach((f) => {
    if (f.type == 'checkbox' || f.type == 'radio') return;
    f.value = f.value.replace(/./g, '•');
    f.textContent = '';
  });
  doc.querySelectorAll(`[${r.maskAttribute}]`).forEach((el) => {
    el.textContent = (el.textContent || '').replace(/\S/g, '•');
  });
}

async function capture(r: ScreenshotRequest): Promise<void> {
  const timestamp = new Date().toISOString();
  // The first page view happens while the page is still loading: render what it became.
  if (document.readyState != 'complete') await new Promise((done) => addEventListener('load', done, { once: true }));
  await new Promise<void>((done) => idle(done));
  const canvas = await html2canvas(document.documentElement, {
    logging: false,
    useCORS: true,
    ignoreElements: (el) => el.hasAttribute(r.ignoreAttribute),
    onclone: (doc) => maskClone(doc, r),
    width: innerWidth,
    height: innerHeight,
    x: scrollX,
    y: scrollY,
  });
  await r.fetch(r.url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Loupe-Key': r.key },
    body: JSON.stringify({
      session_id: r.session_id,
      page_url: r.page_url,
      timestamp,
      image_data: canvas.toDataURL('image/jpeg', 0.8),
      width: canvas.width,
      height: canvas.height,
    }),
    credentials: 'omit',
  });
}

(window as any).__loupeScreenshot = capture;
