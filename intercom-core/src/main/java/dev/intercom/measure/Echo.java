package dev.intercom.measure;

/**
 * Where the signal was found in a recording.
 *
 * @param frame the recording frame the signal's first frame lines up with
 * @param score the normalised correlation there, 0..1: 1 is the signal exactly (at any level)
 */
public record Echo(long frame, double score) {
}
