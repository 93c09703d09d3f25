package dev.loupe.event;

/**
 * An event together with its final JSON encoding, produced once by the thread that accepted it so
 * that the single sequencer thread only has to copy bytes.
 *
 * @param event the validated, redacted and limited event
 * @param json the event's JSON object, UTF-8
 */
public record EncodedEvent(Event event, byte[] json) {}
