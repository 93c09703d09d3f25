// The screenshot plugin in real Chromium against the real server: a page view's screenshot
// arrives, one image pixel per CSS pixel, with what is under the mask attribute blanked and the
// rest drawn; taking it loads nothing again (iframes, lazy images) and leaves the page's canvases
// free to get any context; a burst of navigations makes one more screenshot, of where it ended.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_KEY, eventually } from '../harness/loupe.mjs';
import { ARRIVAL_MS, openPage, sessionIdOf, startStack } from '../harness/sdk-page.mjs';

let stack;
before(async () => (stack = await startStack()));
after(async () => stack?.stop());

const screenshotsOf = async (sessionId) => (await stack.loupe.get(`/v1/sessions/${sessionId}/screenshots`)).data;

/** The RGB of the image's pixel at each point, decoded by the browser. */
async function pixels(page, screenshotId, points) {
  const res = await fetch(`${stack.loupe.baseUrl}/v1/screenshots/${screenshotId}`, { headers: { Authorization: `Bearer ${ADMIN_KEY}` } });
  assert.equal(res.headers.get('content-type'), 'image/jpeg');
  const data = Buffer.from(await res.arrayBuffer()).toString('base64');
  return page.evaluate(async ({ data, points }) => {
    const img = new Image();
    img.src = `data:image/jpeg;base64,${data}`;
    await img.decode();
    const ctx = Object.assign(document.createElement('canvas'), { width: img.width, height: img.height }).getContext('2d');
    ctx.drawImage(img, 0, 0);
    return points.map(([x, y]) => [...ctx.getImageData(x, y, 1, 1).data.slice(0, 3)]);
  }, { data, points });
}

test('a page view is captured with masked parts blanked, without reloading or locking anything', async () => {
  const run = await openPage(stack.browser, `${stack.site.url}/sdk-screenshots.html`);
  try {
    const { page } = run;
    const sessionId = await sessionIdOf(page);
    const [shot] = await eventually(async () => {
      const list = await screenshotsOf(sessionId);
      return list.length ? list : undefined;
    }, { timeoutMs: ARRIVAL_MS, message: 'the screenshot of the page view' });
    const viewport = page.viewportSize();
    assert.equal(shot.format, 'jpeg');
    assert.deepEqual([shot.width, shot.height], [viewport.width, viewport.height]);
    assert.equal(shot.page_url, `${stack.site.url}/sdk-screenshots.html`);

    const centre = (id) => page.evaluate((id) => {
      const r = document.getElementById(id).getBoundingClientRect();
      return [Math.round(r.x + r.width / 2), Math.round(r.y + r.height / 2)];
    }, id);
    const [masked, shown] = await pixels(page, shot.screenshot_id, [await centre('masked'), await centre('shown')]);
    // JPEG shifts colours a little; red and green stay far apart from white.
    assert.ok(!(masked[0] > 200 && masked[1] < 80), `the masked canvas is not drawn: ${masked}`);
    assert.ok(shown[1] > 200 && shown[0] < 80, `the open canvas is drawn: ${shown}`);

    // The page's own canvas that it had not set up yet can still get a context of any kind.
    assert.equal(await page.evaluate(() => document.getElementById('later').getContext('bitmaprenderer') !== null), true);
    // Nothing was loaded again for the copy: the iframe once, the lazy image below the fold never.
    assert.equal(stack.site.hits('/sdk-screenshots-frame.html'), 1);
    assert.equal(stack.site.hits('/api/pixel'), 0);

    // Five navigations 20 ms apart, each a page view of its own: the newest replaces the one
    // waiting, so they cost one more screenshot, of the page where they ended (and at most the
    // one that had started rendering before the next came, when the 5 s gap was over already).
    await page.evaluate(async () => {
      for (let i = 1; i <= 5; i++) history.pushState(null, '', `/spa/${i}`), await new Promise((r) => setTimeout(r, 20));
    });
    const list = await eventually(async () => {
      const l = await screenshotsOf(sessionId);
      return l.some((s) => s.page_url.endsWith('/spa/5')) ? l : undefined;
    }, { timeoutMs: ARRIVAL_MS, message: 'the screenshot of the last navigation' });
    const paths = list.map((s) => new URL(s.page_url).pathname);
    assert.equal(paths[0], '/sdk-screenshots.html');
    assert.equal(paths.at(-1), '/spa/5');
    assert.ok(paths.length <= 3, `one capture, or two, for the burst: ${paths}`);
  } finally {
    await run.close();
  }
});
