/** Server-side redaction with the rule set the browser SDK also compiles in. */
package dev.loupe.redact;
