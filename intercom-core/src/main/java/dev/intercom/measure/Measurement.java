package dev.intercom.measure;

/**
 * One burst's round trip.
 *
 * @param n      the burst's number, from 1
 * @param frames round trip in frames: echo start minus burst start
 * @param ms     the same in milliseconds
 * @param score  how well the echo matched the signal, 0..1
 * @param found  whether the score is high enough to trust the figures
 */
public record Measurement(int n, long frames, double ms, double score, boolean found) {
}
