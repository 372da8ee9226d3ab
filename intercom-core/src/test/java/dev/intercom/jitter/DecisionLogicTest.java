package dev.intercom.jitter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DecisionLogicTest {

    private static final int BLOCK = 128;
    private final DecisionLogic logic = new DecisionLogic(BLOCK, 48_000, 24_000, 120);
    private final double shed = logic.shedSurplusFrames();

    @Test
    void aSmallSurplusOverATargetThatJustFellIsKept() {
        double target = 500;
        double recent = 560; // the target a moment ago: jitter that may come back
        double delay = target + 1.2 * shed;
        assertEquals(PlayoutOperation.PLAY, logic.decide(delay, delay, delay, target, recent, 0, true));
    }

    @Test
    void aSmallSurplusOverEveryRecentTargetIsShed() {
        double target = 500;
        double delay = target + 1.2 * shed;
        assertEquals(PlayoutOperation.ACCELERATE, logic.decide(delay, delay, delay, target, target, 0, true));
    }

    @Test
    void aLargeSurplusIsShedHoweverHighTheTargetWasJustNow() {
        double target = 500;
        double delay = target + 2.5 * shed;
        assertEquals(PlayoutOperation.ACCELERATE, logic.decide(delay, delay, delay, target, delay, 0, true));
        assertEquals(2.5 * shed, logic.surplus(delay, target, delay), 1e-9);
        assertTrue(logic.isLarge(delay, target), "and shed at once, not gradually");
        assertFalse(logic.isLarge(target + 1.2 * shed, target));
    }

    @Test
    void aSurplusBelowAPacketIsKeptUnlessAnUnderrunAddedIt() {
        DecisionLogic bigPackets = new DecisionLogic(256, 48_000, 24_000, 120);
        double target = 500;
        double delay = target + 250; // a block of 256 less the phase: under a packet and a little
        assertEquals(PlayoutOperation.PLAY, bigPackets.decide(delay, delay, delay, target, target, 0, true),
                "where packets fall in the poll cycle is not ours to take");
        assertEquals(PlayoutOperation.ACCELERATE, bigPackets.decide(delay, delay, delay, target, target, 256, true),
                "a hold's block is");
        double belowAPeriod = target + bigPackets.shedOwedFrames() - 1;
        assertEquals(PlayoutOperation.PLAY,
                bigPackets.decide(belowAPeriod, belowAPeriod, belowAPeriod, target, target, 256, true),
                "less than a period and its margin cannot be cut");
    }
}
