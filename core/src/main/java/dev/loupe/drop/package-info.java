/** Drop accounting: every discarded event is counted with its reason. */
package dev.loupe.drop;
