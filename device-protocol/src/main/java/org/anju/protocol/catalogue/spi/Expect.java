package org.anju.protocol.catalogue.spi;

/**
 * The wording of what a field must be, shared by every error message so they read alike.
 */
final class Expect {

    static final String BOOLEAN = "true or false";
    static final String OBJECT = "an object";

    private Expect() {
    }

    static String integer(long min, long max) {
        return "an integer " + range(min, max);
    }

    static String number(double min, double max) {
        return "a number " + range(min, max);
    }

    static String objects(int minItems, int maxItems) {
        return "an array of " + minItems + " to " + maxItems + " objects";
    }

    private static String range(double min, double max) {
        if (max >= Fields.MAX_EXACT) {
            return "of at least " + plain(min);
        }
        return "from " + plain(min) + " to " + plain(max);
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
