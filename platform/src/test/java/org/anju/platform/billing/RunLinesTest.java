package org.anju.platform.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.anju.platform.storage.series.BinaryCopy;

/** The swap of households for invoice ids in encoded lines, byte for byte. */
class RunLinesTest {

    private static byte[] lines() {
        BinaryCopy rows = new BinaryCopy(2);
        rows.startRow(7).int8(7).int4(1).text("rent").text("contract:1:0").text("rent of space B-001").int8(35_000)
                .int8(0);
        // a NULL and an empty text field are skipped by their lengths (-1 and 0)
        rows.startRow(7).int8(9).int4(2).text("charging").text("").nullValue().int8(1_234).int8(0);
        return rows.finish();
    }

    @Test
    void eachLinesHouseholdBecomesItsInvoiceAndNothingElseChanges() {
        byte[] before = lines();

        byte[] after = RunLines.withInvoiceIds(before, Map.of(7L, 1_001L, 9L, 1_002L));

        ByteBuffer b = ByteBuffer.wrap(after);
        // header (19 bytes), field count (2), length (4): the first row's first field
        assertThat(b.getLong(19 + 2 + 4)).isEqualTo(1_001L);
        int second = 19 + 2 + (4 + 8) + (4 + 4) + (4 + 4) + (4 + 12) + (4 + 19) + (4 + 8) + (4 + 8);
        assertThat(b.getShort(second)).isEqualTo((short) 7);
        assertThat(b.getLong(second + 2 + 4)).isEqualTo(1_002L);
        // the rest byte for byte, the input untouched
        ByteBuffer a = ByteBuffer.wrap(before);
        assertThat(a.getLong(19 + 2 + 4)).isEqualTo(7L);
        for (int i = 0; i < after.length; i++) {
            boolean swapped = i >= 25 && i < 33 || i >= second + 6 && i < second + 14;
            if (!swapped) {
                assertThat(after[i]).as("byte %d", i).isEqualTo(before[i]);
            }
        }
    }

    @Test
    void aHouseholdWithoutAnInvoiceIsRefused() {
        assertThatThrownBy(() -> RunLines.withInvoiceIds(lines(), Map.of(7L, 1_001L)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no invoice for household 9");
    }
}
