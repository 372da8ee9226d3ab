/**
 * The only code that touches {@code javax.sound} devices: the device catalogue behind
 * {@code intercom devices}, {@code --input} / {@code --output} device lookup, and the
 * {@code TargetDataLine} / {@code SourceDataLine} implementations of
 * {@link dev.intercom.audio.AudioInput} and {@link dev.intercom.audio.AudioOutput}.
 *
 * <p>Lines are always opened for signed 16-bit little-endian PCM with an explicit buffer of a
 * few blocks. Tests exercise this package through the virtual sound card in the test sources
 * ({@code dev.intercom.audio.javasound.virtual}), which Java Sound finds through its own SPI.
 */
package dev.intercom.audio.javasound;
