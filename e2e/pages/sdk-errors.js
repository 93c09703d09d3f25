// Errors the page does not handle: one thrown in a timer, a rejection with a plain object, a
// script and an image that fail to load. The page's own listeners must see them as before.
function explode() {
  throw new Error('timer boom');
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

  observe('seen', seen);
  check('the uncaught error reached the page', seen.uncaught.length === 1 && seen.uncaught[0][1] === 'Error', seen.uncaught);
  check('the rejection reached the page', seen.rejections[0] === '{"code":42,"reason":"plain object"}', seen.rejections);
  check('both loads failed for the page', seen.failedLoads.every(([, r]) => r === 'error'), seen.failedLoads);
  window.loupe?.flush();
});
