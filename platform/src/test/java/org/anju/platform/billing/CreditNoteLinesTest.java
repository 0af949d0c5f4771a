package org.anju.platform.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A credit note's lines split its amount over the invoice's lines pro rata and add up to it exactly. */
class CreditNoteLinesTest {

    @Test
    void linesAreProRataAndAddUpExactly() {
        Invoice invoice = new Invoice(7, "elm-court", 1, LocalDate.of(2027, 1, 1), 10_000, Instant.EPOCH,
                LocalDate.of(2027, 1, 16), List.of(new InvoiceLine(Stream.RENT, "contract:1:0", "rent", 3_000, 2_100),
                        new InvoiceLine(Stream.PROPERTY_FEE, "property_fee:1:2027-01", "fee", 3_000, 0),
                        new InvoiceLine(Stream.CHARGING, "charging-session:9", "ev", 4_000, 0)));
        // 1,001 × 3/10 = 300.3, 300.3, 400.4: floors 300 + 300 + 400 = 1,000; the fen left goes to the
        // largest remainder (the charging line's 0.4)
        List<InvoiceLine> lines = CreditNotes.proRata(invoice, 1_001);
        assertThat(lines).extracting(InvoiceLine::amountFen).containsExactly(300L, 300L, 401L);
        // the rent line's fund part: 300 × 2,100 / 3,000 = 210
        assertThat(lines.getFirst().fundFen()).isEqualTo(210);
        assertThat(CreditNotes.proRata(invoice, 10_000)).extracting(InvoiceLine::amountFen)
                .containsExactly(3_000L, 3_000L, 4_000L);
        // 1 fen: only the line with the largest remainder gets it
        assertThat(CreditNotes.proRata(invoice, 1)).extracting(InvoiceLine::stream).containsExactly(Stream.CHARGING);
    }
}
