package dev.intercom.jitter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.intercom.audio.StreamFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The baseline concealer: silence in, played audio untouched. */
@Timeout(value = 5, unit = TimeUnit.SECONDS)
class SilenceConcealerTest {

    @Test
    void concealsWithSilenceAndLeavesPlayedBlocksAlone() {
        SilenceConcealer concealer = new SilenceConcealer(new StreamFormat(8000, 2, 2));
        short[] played = {1, -2, 3, -4};
        concealer.played(played, 0, 2);
        assertArrayEquals(new short[] {1, -2, 3, -4}, played);
        short[] block = {5, 6, 7, 8, 9};
        concealer.conceal(block, 0, 2);
        assertArrayEquals(new short[] {0, 0, 0, 0, 9}, block, "only the block's own samples");
    }
}
