// Logs `n` numbered messages (the `n` query parameter, default 30) with a label (`label`), for the
// delivery tests: the SDK on this page keeps them queued until the page goes away.
runPage(async () => {
  const params = new URLSearchParams(location.search);
  const n = Number(params.get('n') || 30);
  const label = params.get('label') || 'queued';
  for (let i = 0; i < n; i++) console.log(`${label} ${i}`, { i });
});
