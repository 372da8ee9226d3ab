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
        assertEquals(PlayoutOperation.PLAY, logic.decide(delay, delay, delay, target, recent, 0, 0, true));
    }

    @Test
    void aSmallSurplusOverEveryRecentTargetIsShed() {
        double target = 500;
        double delay = target + 1.2 * shed;
        assertEquals(PlayoutOperation.ACCELERATE, logic.decide(delay, delay, delay, target, target, 0, 0, true));
    }

    @Test
    void aLargeSurplusIsShedHoweverHighTheTargetWasJustNow() {
        double target = 500;
        double delay = target + 2.5 * shed;
        assertEquals(PlayoutOperation.ACCELERATE, logic.decide(delay, delay, delay, target, delay, 0, 0, true));
        assertEquals(2.5 * shed, logic.surplus(delay, target, delay), 1e-9);
        assertTrue(logic.isLarge(delay, target), "and shed at once, not gradually");
        assertFalse(logic.isLarge(target + 1.2 * shed, target));
    }

    @Test
    void aSurplusBelowAPacketIsKeptUnlessAnUnderrunAddedIt() {
        DecisionLogic bigPackets = new DecisionLogic(256, 48_000, 24_000, 120);
        double target = 500;
        double delay = target + 250; // a block of 256 less the phase: under a packet and a little
        assertEquals(PlayoutOperation.PLAY, bigPackets.decide(delay, delay, delay, target, target, 0, 0, true),
                "where packets fall in the poll cycle is not ours to take");
        assertEquals(PlayoutOperation.ACCELERATE, bigPackets.decide(delay, delay, delay, target, target, 256, 0, true),
                "a hold's block is");
        double belowAMillisecond = target + bigPackets.shedOursFrames() - 1;
        assertEquals(PlayoutOperation.PLAY,
                bigPackets.decide(belowAMillisecond, belowAMillisecond, belowAMillisecond, target, target, 256, 0, true),
                "under a millisecond and its margin is not worth a cut");
        DecisionLogic smallBlocks = new DecisionLogic(128, 48_000, 24_000, 120);
        double aBlockOver = target + 128 + 2; // a hold of one block of 128: under a pitch period and its margin
        assertEquals(PlayoutOperation.ACCELERATE, smallBlocks.decide(aBlockOver, aBlockOver, aBlockOver, target, target,
                128, 0, true), "quiet audio can take it back");
    }

    @Test
    void aSurplusBelowAPacketIsCutAsFarAsTheBlockStraddlesTheNextPacket() {
        DecisionLogic bigPackets = new DecisionLogic(256, 48_000, 24_000, 120);
        double target = 100;
        double delay = 280; // a cut of 146 frames left the block 110 frames short of a packet's end
        assertEquals(PlayoutOperation.ACCELERATE, bigPackets.decide(delay, delay, delay - 110, target, target, 0, 110,
                true));
        assertEquals(110 + bigPackets.hysteresisFrames(), bigPackets.toShed(delay, target, target, 0, 110), 1e-9,
                "no further than the straddle: beyond it the margin falls by a packet");
        assertEquals(PlayoutOperation.PLAY, bigPackets.decide(delay, delay, delay - 40, target, target, 0, 40, true),
                "under a millisecond straddles: not worth a cut");
        double justAbove = target + 70;
        assertEquals(PlayoutOperation.PLAY, bigPackets.decide(justAbove, justAbove, justAbove - 50, target, target, 0,
                50, true), "a surplus under a millisecond and a little is kept");
    }
}
