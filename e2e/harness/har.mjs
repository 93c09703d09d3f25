// Checking HAR files: against the published HAR 1.2 JSON schema (har-schema, the schema behind
// har-validator), and against the rules of the HAR 1.2 text that the schema does not encode (its
// "min" keywords are not JSON Schema, so nothing bounds the numbers) and Chrome's shape of the
// `_webSocketMessages` extension that DevTools reads.
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

const require = createRequire(import.meta.url);
const harSchemas = require('har-schema');

let validateHar;

function compileHarSchema() {
  // strict: false because the published schemas carry keywords that are not JSON Schema
  // ("optional", "min", "unique"); validators have always ignored them.
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json')); // har-schema is draft-06
  addFormats(ajv);
  for (const schema of Object.values(harSchemas)) {
    if (schema && typeof schema === 'object' && (schema.$id || schema.id)) ajv.addSchema(schema);
  }
  return ajv.getSchema('har.json') ?? ajv.getSchema('har.json#');
}

/** Schema errors of `har` as readable lines (empty when valid). */
export function harSchemaErrors(har) {
  validateHar ??= compileHarSchema();
  if (!validateHar) throw new Error('har-schema has no har.json schema');
  return validateHar(har) ? [] : validateHar.errors.map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}

/** Breaches of the HAR 1.2 rules the schema leaves out (empty when none). */
export function harSpecProblems(har) {
  const problems = [];
  const pageIds = new Set();
  for (const [i, page] of (har.log.pages ?? []).entries()) {
    if (pageIds.has(page.id)) problems.push(`pages[${i}].id ${page.id} is not unique`);
    pageIds.add(page.id);
    for (const k of ['onContentLoad', 'onLoad']) {
      const v = page.pageTimings?.[k];
      if (v !== undefined && !(v === -1 || v >= 0)) problems.push(`pages[${i}].pageTimings.${k} = ${v}`);
    }
  }
  for (const [i, entry] of har.log.entries.entries()) {
    const at = `entries[${i}] (${entry.request?.url})`;
    if (entry.pageref !== undefined && !pageIds.has(entry.pageref)) problems.push(`${at}.pageref ${entry.pageref} names no page`);
    const t = entry.timings;
    for (const k of ['send', 'wait', 'receive']) if (!(t[k] >= 0)) problems.push(`${at}.timings.${k} = ${t[k]} (must be ≥ 0)`);
    for (const k of ['blocked', 'dns', 'connect', 'ssl']) if (t[k] !== undefined && !(t[k] === -1 || t[k] >= 0)) problems.push(`${at}.timings.${k} = ${t[k]} (must be -1 or ≥ 0)`);
    // "time: the sum of all timings available (not including -1 values)"; ssl is part of connect.
    const sum = ['blocked', 'dns', 'connect', 'send', 'wait', 'receive'].reduce((s, k) => s + (t[k] > 0 ? t[k] : 0), 0);
    if (!(entry.time >= 0) || Math.abs(entry.time - sum) > 0.01) problems.push(`${at}.time = ${entry.time}, its timings add up to ${sum}`);
    for (const part of ['request', 'response']) {
      for (const k of ['headersSize', 'bodySize']) {
        const v = entry[part][k];
        if (!(v === -1 || v >= 0)) problems.push(`${at}.${part}.${k} = ${v} (must be -1 or ≥ 0)`);
      }
    }
    if (!(entry.response.content.size >= 0)) problems.push(`${at}.response.content.size = ${entry.response.content.size}`);
    for (const [j, m] of (entry._webSocketMessages ?? []).entries()) {
      const ok = (m.type === 'send' || m.type === 'receive') && typeof m.time === 'number' && (m.opcode === 1 || m.opcode === 2)
        && typeof m.data === 'string';
      if (!ok) problems.push(`${at}._webSocketMessages[${j}] is not {type: send|receive, time, opcode: 1|2, data}: ${JSON.stringify(m)}`);
    }
  }
  return problems;
}
