/**
 * The sequenced stream: one writer gives every event its seq and appends it to a durable,
 * segmented log; a ring keeps the recent tail in memory; readers resume from any seq and see every
 * event exactly once or an explicit gap. Vocabulary (used everywhere): <b>seq</b>, <b>reader</b>,
 * <b>gap</b>, <b>checkpoint</b>.
 */
package dev.loupe.pipeline;
