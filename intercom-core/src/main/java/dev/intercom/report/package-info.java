/**
 * A picture of a session: its statistics CSV drawn over time as charts (latency split, jitter,
 * losses, levels, CPU), written as a PNG or a self-contained HTML page by {@code intercom plot}.
 */
package dev.intercom.report;
