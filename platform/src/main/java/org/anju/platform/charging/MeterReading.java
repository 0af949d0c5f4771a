package org.anju.platform.charging;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A connector's energy register ({@code Energy.Active.Import.Register}) at an instant.
 *
 * @param wh the register in Wh
 */
public record MeterReading(Instant ts, BigDecimal wh) {

    /** Returns a reading of a whole number of Wh. */
    public static MeterReading of(Instant ts, long wh) {
        return new MeterReading(ts, BigDecimal.valueOf(wh));
    }
}
