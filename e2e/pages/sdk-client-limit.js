// Twenty fetches and twenty XHRs, one after another, once the page has loaded (the rate limit's
// burst is spent on the page's first events and the first requests).
const N = 20;

function xhr(url) {
  return new Promise((resolve, reject) => {
    const x = new XMLHttpRequest();
    x.open('GET', url);
    x.onload = () => resolve(x.responseText);
    x.onerror = () => reject(new Error('xhr failed'));
    x.send();
  });
}

runPage(async () => {
  if (document.readyState != 'complete') await once(window, 'load');
  for (let i = 0; i < N; i++) check('fetch ' + i, (await (await fetch('/api/json?limit=fetch-' + i)).json()).ok === true);
  for (let i = 0; i < N; i++) check('xhr ' + i, JSON.parse(await xhr('/api/json?limit=xhr-' + i)).ok === true);
});
