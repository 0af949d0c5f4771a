package org.anju.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** CSV for spreadsheets: BOM, CRLF, quoting, Chinese text kept, formulas defused. */
class CsvTest {

    @Test
    void formulasAreDefusedAndTextIsQuotedWhereItMustBe() {
        assertThat(Csv.cell("=1+2")).isEqualTo("\"'=1+2\"");
        assertThat(Csv.cell("+86 10")).isEqualTo("\"'+86 10\"");
        assertThat(Csv.cell("-cmd")).isEqualTo("\"'-cmd\"");
        assertThat(Csv.cell("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
        assertThat(Csv.cell(-100L)).isEqualTo("-100");
        assertThat(Csv.cell("a,\"b\"")).isEqualTo("\"a,\"\"b\"\"\"");
        assertThat(Csv.cell("物业费 2027-01")).isEqualTo("物业费 2027-01");
        assertThat(Csv.cell(null)).isEmpty();
    }

    @Test
    void aDocumentStartsWithTheBomAndEndsRowsWithCrlf() {
        String csv = new Csv("a", "b").row(1, "电梯维修").toString();
        assertThat(csv).isEqualTo("\uFEFFa,b\r\n1,电梯维修\r\n");
    }
}
