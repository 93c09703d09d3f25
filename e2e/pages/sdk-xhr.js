// XMLHttpRequest with every responseType, a POST with a JSON body and a failing request: the page
// must read each response in its own type, with `this` the request in its handlers.
const ENDPOINTS = { '': '/api/text', text: '/api/text', json: '/api/json', blob: '/api/binary', arraybuffer: '/api/binary', document: '/api/xml' };

/** Sends an XHR; resolves with the request once it has loaded or failed, and whether `this` was the request. */
function send(method, url, responseType, body, headers = {}) {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    xhr.responseType = responseType;
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.onload = function () {
      resolve({ xhr, self: this === xhr, outcome: 'load' });
    };
    xhr.onerror = function () {
      resolve({ xhr, self: this === xhr, outcome: 'error' });
    };
    xhr.send(body);
  });
}

/** What the page reads of a response, in the form its responseType gives it. */
async function read(type, xhr) {
  const r = xhr.response;
  switch (type) {
    case '':
    case 'text':
      return { response: r, responseText: xhr.responseText };
    case 'json':
      return { response: r };
    case 'blob':
      return { isBlob: r instanceof Blob, size: r.size, bytes: [...new Uint8Array(await r.arrayBuffer())] };
    case 'arraybuffer':
      return { isArrayBuffer: r instanceof ArrayBuffer, bytes: [...new Uint8Array(r)] };
    case 'document':
      return { isDocument: r instanceof Document, root: r.documentElement.nodeName, item: r.querySelector('item').textContent };
  }
}

runPage(async () => {
  for (const [type, path] of Object.entries(ENDPOINTS)) {
    const { xhr, self, outcome } = await send('GET', `${path}?rt=${type || 'default'}`, type);
    const got = { outcome, self, status: xhr.status, responseType: xhr.responseType, ...(await read(type, xhr)) };
    observe(type || 'default', got);
    check(`responseType ${type || '""'} loads with this === xhr`, outcome === 'load' && self && xhr.status === 200, got);
  }
  const o = window.__page.observed;
  check('text reads as text', o.default.response === 'plain text body' && o.text.responseText === 'plain text body', [o.default, o.text]);
  check('json reads as an object', o.json.response && o.json.response.ok === true, o.json);
  check('blob and arraybuffer read the bytes', o.blob.isBlob && o.arraybuffer.isArrayBuffer && o.blob.bytes.join() === '0,1,2,3,254,255' && o.arraybuffer.bytes.join() === '0,1,2,3,254,255', [o.blob, o.arraybuffer]);
  check('document reads as a document', o.document.isDocument && o.document.root === 'doc' && o.document.item === '1', o.document);

  // About 3 MB of JSON: made text again by the SDK a piece at a time, not in one long task.
  const large = await send('GET', '/api/large?rt=large', 'json');
  observe('large', { items: large.xhr.response.items.length });
  check('a large JSON response reads as an object', large.xhr.response.items.length === 60000 && large.xhr.response.items[59999].name === 'item "59999"', window.__page.observed.large);

  const post = await send('POST', '/api/json?rt=post', 'json', '{"a":1}', { 'Content-Type': 'application/json' });
  observe('post', { status: post.xhr.status, echo: post.xhr.response.echo });
  check('the POST body reached the server', post.xhr.response.echo === '{"a":1}', post.xhr.response);

  const failed = await send('GET', '/api/fail?rt=fail', '');
  observe('fail', { outcome: failed.outcome, self: failed.self, status: failed.xhr.status, readyState: failed.xhr.readyState });
  check('a dropped connection is an XHR error', failed.outcome === 'error' && failed.xhr.status === 0, window.__page.observed.fail);

  // Synchronous: a dropped connection throws from send, and no event fires.
  const sync = new XMLHttpRequest();
  sync.open('GET', '/api/fail?rt=sync-fail', false);
  let thrown;
  try {
    sync.send();
  } catch (e) {
    thrown = e.name;
  }
  observe('syncFail', { thrown, readyState: sync.readyState });
  check('a synchronous XHR throws a NetworkError', thrown === 'NetworkError', thrown);
  window.loupe?.flush();
});
