/**
 * The event schema: what producers emit ({@link dev.loupe.event.Event}) and what the pipeline
 * adds to it ({@link dev.loupe.event.Envelope}), its JSON form, validation and field limits.
 *
 * <p>JSON field names are snake_case and times are integer microseconds since the epoch. Parsing
 * names the field and the rule for every refusal so that clients can fix their payloads.
 */
package dev.loupe.event;
