package org.anju.platform.maintenance.plans;

import java.util.regex.Pattern;

/**
 * The format of an elevator's registration code (特种设备注册代码): 20 digits, the equipment
 * category (4 digits, elevators 3xxx), the administrative region (6), the year of manufacture (4)
 * and a serial number (6). Only the format is checked, not that the code was issued.
 */
public final class RegistrationCode {

    private static final Pattern FORMAT = Pattern.compile("3\\d{3}\\d{6}(\\d{4})\\d{6}");

    private RegistrationCode() {
    }

    /** Returns whether {@code code} has the format, with a year between 1950 and 2199. */
    public static boolean valid(String code) {
        var m = FORMAT.matcher(code);
        if (!m.matches()) {
            return false;
        }
        int year = Integer.parseInt(m.group(1));
        return year >= 1950 && year < 2200;
    }
}
