// Logs `n` numbered messages (the `n` query parameter, default 30) with a label (`label`), for the
// delivery tests: the SDK on this page keeps them queued until the page goes away. With `late`,
// the page also logs from its own pagehide and unload listeners, which run after the SDK's
// (this script comes after it), once the SDK has sent what was queued.
const params = new URLSearchParams(location.search);
if (params.has('late')) for (const type of ['pagehide', 'unload']) addEventListener(type, () => console.log(`${params.get('label')}-late ${type}`));
runPage(async () => {
  const n = Number(params.get('n') || 30);
  const label = params.get('label') || 'queued';
  for (let i = 0; i < n; i++) console.log(`${label} ${i}`, { i });
});
