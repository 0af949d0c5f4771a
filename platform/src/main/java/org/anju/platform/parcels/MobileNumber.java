package org.anju.platform.parcels;

import java.util.regex.Pattern;

import org.anju.error.ClientError;

/**
 * A mainland China mobile number as a locker's waybill carries it: 11 digits starting 13 to 19.
 * People write it with spaces or hyphens and a leading {@code +86}; the normal form, the one the
 * locker sends and the keyed hash is taken of, has none of them. Pure.
 */
public final class MobileNumber {

    private static final Pattern MOBILE = Pattern.compile("1[3-9][0-9]{9}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s-]");

    private MobileNumber() {
    }

    /**
     * Returns the number in its normal form.
     *
     * @param field the request field, named in the error
     * @throws ClientError 400 when it is not a mainland mobile number (the error does not repeat it:
     *                     a phone number is personal data and errors are logged)
     */
    public static String normalise(String field, String raw) {
        String digits = raw == null ? "" : SEPARATORS.matcher(raw).replaceAll("");
        if (digits.startsWith("+86")) {
            digits = digits.substring(3);
        }
        if (!MOBILE.matcher(digits).matches()) {
            throw ClientError.badRequest("field '" + field + "' must be a mainland mobile number: 11 digits starting 13 "
                    + "to 19, spaces, hyphens and a leading +86 allowed");
        }
        return digits;
    }
}
