// A small single-page app: a router on pushState/popstate/hashchange that renders the view, and
// buttons the test clicks. The page logs what its own router saw (window.__routes) and what
// its own click handlers got, which must not change with the SDK.
const routes = (window.__routes = []);
const clicks = (window.__clicks = []);
const view = document.getElementById('view');

function render(how) {
  view.textContent = location.pathname.endsWith('/page2') ? 'page two' : location.hash === '#reviews' ? 'reviews' : 'home';
  routes.push([how, location.pathname + location.hash, view.textContent, history.state && history.state.page]);
}

document.getElementById('to-page2').addEventListener('click', () => {
  const result = history.pushState({ page: 2 }, '', '/spa/page2');
  check('pushState returns undefined', result === undefined);
  render('push');
});
addEventListener('popstate', () => render('pop'));
addEventListener('hashchange', () => render('hash'));
document.addEventListener('click', (e) => clicks.push(e.target.textContent));

runPage(async () => {
  render('load');
});
