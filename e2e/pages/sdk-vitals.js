// Content to paint, and a button whose click handler keeps the main thread for 150 ms (an
// interaction for INP); the page checks only that it loaded normally.
document.getElementById('slow').addEventListener('click', () => {
  const end = performance.now() + 150;
  while (performance.now() < end);
});

runPage(async () => {
  if (document.readyState !== 'complete') await once(window, 'load');
  check('the page loaded', document.getElementById('headline').textContent === 'Performance');
});
