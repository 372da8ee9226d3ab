/**
 * Measuring the real latency of a path, sound card to sound card: a signal that survives Opus
 * and concealment ({@link dev.intercom.measure.Chirp}) is sent in bursts
 * ({@link dev.intercom.measure.BurstPlan}), what comes back is recorded, and the cross-correlation
 * ({@link dev.intercom.measure.Correlator}) finds each burst's echo to the frame.
 * {@link dev.intercom.measure.PeerMeasurement} runs this through a peer session,
 * {@link dev.intercom.measure.LocalMeasurement} through one card's output and input.
 */
package dev.intercom.measure;
