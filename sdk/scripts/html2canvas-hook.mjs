// Adds one option to html2canvas (pinned at 1.4.1 in package.json), for the screenshot plugin:
// `cloneHook(node, copy)`, called for each element of the page as html2canvas copies the document,
// with `copy()` making html2canvas's own copy; it returns the copy to use. The plugin decides
// there, on the page's own element, what the copy must not show or do (src/screenshot/plugin.ts).
// Each replacement must apply exactly once, so that another html2canvas version fails the build
// instead of losing the hook, and with it the masking, without a word.
import { readFileSync } from 'node:fs';

const PATCHES = [
  [
    'DocumentCloner.prototype.createElementClone = function (node) {',
    'DocumentCloner.prototype.createElementClone = function (node) {\n' +
      '        var cloner = this;\n' +
      '        return this.options.cloneHook ? this.options.cloneHook(node, function () { return cloner.copyElement(node); }) : this.copyElement(node);\n' +
      '    };\n' +
      '    DocumentCloner.prototype.copyElement = function (node) {',
  ],
  ['ignoreElements: opts.ignoreElements,', 'ignoreElements: opts.ignoreElements,\n                    cloneHook: opts.cloneHook,'],
];

export const html2canvasHook = {
  name: 'html2canvas-hook',
  setup(build) {
    build.onLoad({ filter: /[\\/]html2canvas[\\/]dist[\\/]html2canvas(\.esm)?\.js$/ }, ({ path }) => {
      let code = readFileSync(path, 'utf8');
      for (const [from, to] of PATCHES) {
        const parts = code.split(from);
        if (parts.length != 2) throw new Error(`html2canvas-hook: expected "${from}" once in ${path}, found it ${parts.length - 1} times`);
        code = parts.join(to);
      }
      return { contents: code, loader: 'js' };
    });
  },
};
