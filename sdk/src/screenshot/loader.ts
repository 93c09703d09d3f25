/**
 * Loads the screenshot plugin (dist/loupe-screenshot.js, html2canvas inside — far outside the
 * core's size budget) with a <script> element the first time it is needed, carrying over the
 * nonce of the SDK's own script so a nonce-based CSP admits it. The plugin registers itself on
 * `window.__loupeScreenshot`.
 */
export interface ScreenshotRequest {
  /** Full URL of POST /api/v1/track/screenshot. */
  url: string;
  key: string;
  session_id: string;
  /** The page URL, redacted. */
  page_url: string;
  maskAttribute: string;
  ignoreAttribute: string;
  /** The fetch the page had at init, below the SDK's wrapper (its uploads are not recorded either way). */
  fetch: typeof fetch;
}

export type ScreenshotPlugin = (request: ScreenshotRequest) => Promise<void>;

export const screenshotter = (src: string, nonce: string | undefined, request: () => ScreenshotRequest): () => void => {
  let plugin: Promise<ScreenshotPlugin> | undefined;
  return () => {
    // An inserted script loads asynchronously.
    plugin ||= new Promise((resolve, onerror) =>
      document.head.append(Object.assign(document.createElement('script'), { src, nonce: nonce || '', onload: () => resolve((window as any).__loupeScreenshot), onerror })),
    );
    plugin.then((capture) => capture(request())).catch(() => {});
  };
};
