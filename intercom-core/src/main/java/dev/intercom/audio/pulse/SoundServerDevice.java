package dev.intercom.audio.pulse;

/**
 * A sink (where sound plays) or a source (where it is captured) of the PulseAudio or PipeWire
 * server, as {@code pactl} lists it.
 *
 * @param name        the server's name for it, what {@code --output NAME} / {@code --input NAME} take
 * @param description the name people see in the desktop's sound settings
 */
public record SoundServerDevice(String name, String description) {
}
