// Secrets a page handles: a bearer token in request headers (fetch and XHR), a JWT in a query
// parameter, a password in a JSON body, an email and a bearer token in console messages. The test
// types a password and a card number into the form, and opens the page with a token in its URL.
// None of these values may leave the page; the requests themselves must work as before.
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTQyIn0.c2lnbmF0dXJlLXNlY3JldA';

runPage(async () => {
  const withHeader = await fetch('/api/json?case=auth-fetch', { headers: { Authorization: 'Bearer sk-bearer-SECRET-0123456789', 'X-Trace': 'visible-trace' } });
  observe('auth-fetch', withHeader.status);

  const xhr = new XMLHttpRequest();
  xhr.open('GET', '/api/json?case=auth-xhr');
  xhr.setRequestHeader('Authorization', 'Bearer xhr-bearer-SECRET-987654');
  xhr.setRequestHeader('X-Trace', 'visible-trace');
  const loaded = once(xhr, 'loadend');
  xhr.send();
  await loaded;
  observe('auth-xhr', xhr.status);

  const jwt = await fetch(`/api/json?case=jwt&state=${JWT}`);
  observe('jwt', jwt.status);

  const body = await fetch('/api/text?case=body', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user: 'ann', password: 'BodyPw-Secret-55' }) });
  observe('body', await body.text());

  console.log('contact alice.secret@example.com for help');
  console.warn('retrying with Authorization: Bearer abc.DEF-consoleBearer42');
  check('all requests answered', [withHeader.status, xhr.status, jwt.status, body.status].every((s) => s === 200));
});
