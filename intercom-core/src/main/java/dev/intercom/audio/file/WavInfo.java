package dev.intercom.audio.file;

/**
 * What a WAV file holds, as {@link WavFiles#info} reads it from the header.
 *
 * @param sampleRate frames per second
 * @param channels   interleaved channels
 * @param frames     whole frames of samples present in the file
 */
public record WavInfo(int sampleRate, int channels, long frames) {
}
