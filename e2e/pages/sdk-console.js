// Console calls with hostile arguments, one level each: the SDK must serialise them safely while
// the page's console calls behave exactly as before (return undefined, never throw, getters untouched).
runPage(async () => {
  let getterCalls = 0;
  const cyclic = { name: 'cyclic' };
  cyclic.self = cyclic;
  const trap = {
    ok: 1,
    get boom() {
      getterCalls++;
      throw new Error('the getter ran');
    },
  };
  function namedFunction() {}
  const calls = [
    ['log', 'c1 cycle', cyclic],
    ['info', 'c2 node', document.getElementById('buy')],
    ['warn', 'c3 error', new TypeError('bad input')],
    ['error', 'c4 map set', new Map([['k', 1], [{ x: 1 }, 2]]), new Set([1, 'two'])],
    ['debug', 'c5 typed bigint symbol', new Uint8Array([1, 2, 3]), 123n, Symbol('tag')],
    ['log', 'c6 function getter', namedFunction, trap],
  ];
  const results = [];
  for (const [level, ...args] of calls) {
    try {
      results.push([level, console[level](...args) === undefined ? 'undefined' : 'a value']);
    } catch (e) {
      results.push([level, 'threw ' + e]);
    }
  }
  // The methods keep working when detached from console, as the originals do in Chromium.
  const detached = console.log;
  try {
    detached('c7 detached');
    results.push(['detached', 'ok']);
  } catch (e) {
    results.push(['detached', 'threw ' + e]);
  }
  observe('results', results);
  observe('getterCalls', getterCalls);
  check('no console call threw', results.every(([, r]) => r === 'undefined' || r === 'ok'), results);
  check('the getter was never invoked', getterCalls === 0, getterCalls);
  window.loupe?.flush();
});
