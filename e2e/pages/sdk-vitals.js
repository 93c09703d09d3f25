// Nothing but content to paint; the page checks only that it loaded normally.
runPage(async () => {
  if (document.readyState !== 'complete') await once(window, 'load');
  check('the page loaded', document.getElementById('headline').textContent === 'Performance');
});
