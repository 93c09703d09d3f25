// Under a strict Content-Security-Policy (no inline code, no eval, connections only to the site and
// Loupe): the page logs, fetches, opens a WebSocket and is clicked; none of it may violate the policy.
runPage(async () => {
  console.log('hello from the strict CSP page');
  const res = await fetch('/api/json?case=csp');
  observe('fetch', (await res.json()).ok);
  const ws = new WebSocket(`ws://${location.host}/ws/echo`);
  await once(ws, 'open');
  ws.send('csp echo');
  await once(ws, 'message');
  ws.close(1000, 'bye');
  await once(ws, 'close');
  observe('websocket', 'closed');
  window.loupe?.flush();
});
