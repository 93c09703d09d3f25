// Traps and checks for the XSS tests: whether anything captured ran as code in the dashboard.
// A payload that runs sets window.__xss, opens a dialog, or (blocked by the CSP) reports a
// violation; one that became markup leaves an element or an on* attribute behind.
import assert from 'node:assert/strict';

/** Installs the traps; call before the dashboard loads. Returns the list dialogs are put in. */
export async function installXssTraps(context, page) {
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI} (${e.sample})`);
    });
  });
  const dialogs = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return dialogs;
}

/** What in the current DOM could have run or could run (everything should be empty). */
export function inspectDom(page) {
  return page.evaluate(() => {
    const all = [...document.querySelectorAll('*')];
    const links = [...document.querySelectorAll('a[href]')];
    return {
      xss: window.__xss ?? null,
      cspViolations: window.__cspViolations ?? ['the violation trap was not installed'],
      // The dashboard's links are in-app fragments; anything else came from captured data.
      foreignLinks: links.map((a) => a.getAttribute('href')).filter((href) => !href.startsWith('#/')),
      javascriptLinks: links.filter((a) => a.protocol === 'javascript:').map((a) => a.outerHTML),
      handlerAttributes: all.flatMap((el) => el.getAttributeNames().filter((n) => n.toLowerCase().startsWith('on')).map((n) => `<${el.localName} ${n}>`)),
      injectedElements: [...document.querySelectorAll('iframe, object, embed, img[src="x"], body script, svg [onload], svg[onload]')]
        .map((el) => el.outerHTML.slice(0, 200)),
    };
  });
}

/** Asserts that nothing captured ran or became markup; `where` names the page in failures. */
export async function assertInert(page, dialogs, where) {
  const found = await inspectDom(page);
  assert.deepEqual({ ...found, dialogs }, {
    xss: null, cspViolations: [], foreignLinks: [], javascriptLinks: [], handlerAttributes: [], injectedElements: [], dialogs: [],
  }, `${where}: something captured ran or became markup`);
}
