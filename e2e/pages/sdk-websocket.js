// A WebSocket conversation with the site's echo server: a text and a binary message out and back,
// then a close with a code and reason of the page's choosing. The socket must behave as a native one.
runPage(async () => {
  const ws = new WebSocket(`ws://${location.host}/ws/echo`);
  observe('native', { instance: ws instanceof WebSocket, OPEN: WebSocket.OPEN, CLOSED: ws.CLOSED, name: WebSocket.name });
  const received = [];
  ws.addEventListener('message', async (e) => received.push(typeof e.data === 'string' ? e.data : [...new Uint8Array(await e.data.arrayBuffer())]));
  await once(ws, 'open');
  observe('readyStateOpen', ws.readyState);

  ws.send('hello echo');
  await once(ws, 'message');
  ws.send(new Uint8Array([1, 2, 3, 4, 5]));
  await once(ws, 'message');
  // The listener above reads the blob asynchronously: wait for it.
  while (received.length < 2) await new Promise((r) => setTimeout(r));

  const closed = once(ws, 'close');
  ws.close(4001, 'test done');
  const close = await closed;
  observe('received', received);
  observe('close', { code: close.code, reason: close.reason, wasClean: close.wasClean });
  check('the text came back', received[0] === 'hello echo', received);
  check('the bytes came back', JSON.stringify(received[1]) === '[1,2,3,4,5]', received);
  check('the close is the page\'s', close.code === 4001 && close.reason === 'test done' && close.wasClean, window.__page.observed.close);
  window.loupe?.flush();
});
