/** Absolute path of rules/redaction.json. */
export const RULES_FILE: string;
/** The `loupe:rules` module text for the rules in `json` (the text of rules/redaction.json). */
export function compileRules(json: string): string;
/** The `loupe:rules` module text for rules/redaction.json as it is on disk. */
export function compiledRules(): string;
