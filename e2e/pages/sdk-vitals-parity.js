// web-vitals 4 (its attribution build) on the same page as the SDK, reporting every change into
// window.__wv (plain values only) for the test to compare with what the SDK sent. The page shifts
// its content twice after load (one session window) and has a button whose click takes 150 ms.
window.__wv = {};
const plain = (o) => Object.fromEntries(Object.entries(o || {}).filter(([, v]) => v == null || typeof v != 'object'));
for (const on of ['onTTFB', 'onFCP', 'onLCP', 'onCLS', 'onINP'])
  webVitals[on]((m) => (window.__wv[m.name] = { value: m.value, rating: m.rating, navigationType: m.navigationType, attribution: plain(m.attribution) }), { reportAllChanges: true });

document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('slow').addEventListener('click', () => {
    const end = performance.now() + 150;
    while (performance.now() < end);
  });
});
addEventListener('load', () => {
  const push = () => {
    const block = document.createElement('div');
    block.style.height = '120px';
    document.getElementById('above').appendChild(block);
  };
  setTimeout(push, 300);
  setTimeout(() => {
    push();
    // Done once the second shift has been painted.
    requestAnimationFrame(() => requestAnimationFrame(() => (window.__shifted = true)));
  }, 600);
});
