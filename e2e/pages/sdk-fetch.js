// fetch as a page uses it: a JSON round trip, a streamed response read chunk by chunk, a response
// over the server's record limit, a request that fails at the network level and one the page aborts. The page must get the same responses
// and the same exceptions with the SDK as without it.
const STREAMED = 'chunk 0\nchunk 1\nchunk 2\nchunk 3\nchunk 4\n';

/** name, message and class of an exception, as the page sees it. */
const describe = (e) => ({ name: e.name, message: e.message, type: e.constructor.name });

runPage(async () => {
  const sent = JSON.stringify({ item: 'book', qty: 2 });
  const json = await fetch('/api/json?case=json', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: sent });
  const answer = await json.json();
  observe('json', { status: json.status, bodyUsed: json.bodyUsed, answer });
  check('the JSON response echoes the request body', answer.echo === sent, answer);

  // The page reads the stream itself, chunk by chunk, while the SDK reads its clone.
  const streamed = await fetch('/api/stream?case=stream');
  const reader = streamed.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let reads = 0;
  for (let r; !(r = await reader.read()).done; reads++) text += decoder.decode(r.value, { stream: true });
  observe('stream', { status: streamed.status, text, bodyUsed: streamed.bodyUsed, incremental: reads > 1 });
  check('the page read the whole stream', text === STREAMED, text);
  check('the stream arrived in several chunks, not buffered whole', reads > 1, reads);

  try {
    await fetch('/api/fail?case=fail');
    check('a dropped connection rejects', false);
  } catch (e) {
    observe('failed', describe(e));
    check('a dropped connection rejects with a TypeError', e instanceof TypeError, describe(e));
  }

  const controller = new AbortController();
  const aborted = fetch('/api/slow?ms=1000&case=abort', { signal: controller.signal });
  controller.abort();
  try {
    await aborted;
    check('an aborted fetch rejects', false);
  } catch (e) {
    observe('aborted', describe(e));
    check('an aborted fetch rejects with an AbortError', e instanceof DOMException && e.name === 'AbortError', describe(e));
  }

  // A response larger than the server's record limit: the page reads it whole; its record is
  // kept with the body cut.
  const large = await fetch('/api/large?case=large');
  const items = (await large.json()).items.length;
  observe('large', { status: large.status, items });
  check('the page reads the whole large response', items === 60_000, items);

  // A Request object as the only argument, with `this` the window (the SDK's wrapper keeps it).
  const request = new Request('/api/text?case=request', { method: 'GET' });
  const viaRequest = await window.fetch(request);
  observe('request', { status: viaRequest.status, text: await viaRequest.text() });
  // Redirected: the page reads the final response.
  const redirected = await fetch('/api/redirect?case=redirect#top');
  observe('redirect', { url: redirected.url, text: await redirected.text() });
  // What a page can see of the wrapped functions themselves.
  const functions = [fetch, console.log, XMLHttpRequest.prototype.open, XMLHttpRequest.prototype.send, history.pushState, WebSocket, WebSocket.prototype.send];
  observe('functionNames', functions.map((f) => f.name));
  // …and their text, as checks for native code read it (anti-bot scripts use the second form),
  // their own properties and, for the WebSocket constructor, what it inherits from.
  const fnToString = Function.prototype.toString;
  observe('functionText', [...functions, fnToString].map((f) => [f.length, String(f), fnToString.call(f), Object.getOwnPropertyNames(f).sort()]));
  observe('webSocketParent', Object.getPrototypeOf(WebSocket) === EventTarget);
  window.loupe?.flush();
});
