package dev.intercom.jitter;

/** What the playout does to the audio of one block, decided by {@link DecisionLogic} before it is read. */
enum PlayoutOperation {
    /** Play the audio as it is: bit-exact. */
    PLAY,
    /** A surplus has lasted: remove whole pitch periods (or quiet audio) from what is to come. */
    ACCELERATE,
    /** The delay is below the target: repeat a pitch period (or insert quiet audio). */
    PREEMPTIVE_EXPAND,
    /** The delay is above the ceiling, or a surplus too large to accelerate has lasted: drop the oldest audio, cross-faded. */
    DROP
}
