// Errors the page does not handle: one thrown in a timer (with a cause), a rejection with a plain object, a
// script, an image, an image in a shadow root and an SVG image that fail to load. The page's own listeners must see them as before.
function readTotal(cart) {
  return cart.total;
}
// An error with the one that caused it (ES2022's `cause`).
function explode() {
  try {
    readTotal(undefined);
  } catch (cause) {
    throw new Error('timer boom', { cause });
  }
}

runPage(async () => {
  const seen = { uncaught: [], rejections: [], failedLoads: [] };
  addEventListener('error', (e) => e.target === window && seen.uncaught.push([e.message, e.error && e.error.name]));
  addEventListener('unhandledrejection', (e) => seen.rejections.push(JSON.stringify(e.reason)));

  const thrown = once(window, 'error');
  setTimeout(function throwInTimer() {
    explode();
  });
  await thrown;

  // One the app handles and reports itself.
  try {
    readTotal(null);
  } catch (err) {
    window.loupe?.captureError(err, { step: 'checkout' }); // absent where the page runs without the SDK
  }

  const rejected = once(window, 'unhandledrejection');
  Promise.reject({ code: 42, reason: 'plain object' });
  await rejected;

  const slot = document.getElementById('slot');
  for (const [tag, src] of [['script', '/missing-script.js'], ['img', '/missing-image.png']]) {
    const el = document.createElement(tag);
    el.id = 'broken-' + tag;
    const failed = new Promise((resolve) => {
      el.onerror = () => resolve('error');
      el.onload = () => resolve('load');
    });
    el.src = src;
    slot.appendChild(el);
    seen.failedLoads.push([tag, await failed]);
  }

  // An image inside a shadow root, whose error event does not leave it, and an SVG <image>, whose
  // href is no string.
  const host = slot.appendChild(document.createElement('div'));
  host.id = 'card';
  const root = host.attachShadow({ mode: 'open' });
  // And one slotted into that root (its event passes the root, then goes on to window).
  root.appendChild(document.createElement('slot'));
  const slotted = host.appendChild(document.createElement('img'));
  slotted.id = 'slotted';
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  const svgImage = svg.appendChild(document.createElementNS('http://www.w3.org/2000/svg', 'image'));
  svgImage.id = 'broken-svg-image';
  slot.appendChild(svg);
  for (const [el, src] of [[root.appendChild(document.createElement('img')), '/missing-in-shadow.png'], [slotted, '/missing-slotted.png'], [svgImage, '/missing-image.svg']]) {
    const failed = new Promise((resolve) => {
      el.addEventListener('error', () => resolve('error'));
      el.addEventListener('load', () => resolve('load'));
    });
    el.setAttribute(el === svgImage ? 'href' : 'src', src);
    seen.failedLoads.push([el.localName, await failed]);
  }

  observe('seen', seen);
  check('the uncaught error reached the page', seen.uncaught.length === 1 && seen.uncaught[0][1] === 'Error', seen.uncaught);
  check('the rejection reached the page', seen.rejections[0] === '{"code":42,"reason":"plain object"}', seen.rejections);
  check('every load failed for the page', seen.failedLoads.every(([, r]) => r === 'error'), seen.failedLoads);
  window.loupe?.flush();
});
