// An XHR the page reuses from its own load handler (a polling loop): three requests, each answered.
runPage(async () => {
  const statuses = await new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    const seen = [];
    const next = () => {
      xhr.open('GET', `/api/json?poll=${seen.length}`);
      xhr.send();
    };
    xhr.onload = () => (seen.push(xhr.status), seen.length < 3 ? next() : resolve(seen));
    next();
  });
  check('every poll was answered', statuses.join() === '200,200,200', statuses);
});
