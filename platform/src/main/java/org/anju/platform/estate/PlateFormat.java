package org.anju.platform.estate;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.anju.error.ClientError;

/**
 * The format of Chinese licence plates (GA 36-2018), checked without I/O. A plate is a province
 * abbreviation, the letter of the issuing office, then:
 * <ul>
 * <li>an ordinary plate: 5 characters, each a digit or a letter other than I and O
 *     ({@code 京A12345}, {@code 沪B8C9D7});</li>
 * <li>a small new-energy plate: an energy letter ({@code D A B C E} battery-electric,
 *     {@code F G H J K} other), a digit or letter, then 4 digits ({@code 京AD12345});</li>
 * <li>a large new-energy plate: 5 digits, then the energy letter ({@code 粤B12345D});</li>
 * <li>a special plate: 4 characters and a suffix: 学 (driving school), 警 (police), 挂 (trailer),
 *     领 (consulate), and 港 or 澳 only on Guangdong's 粤Z plates of cross-border vehicles.</li>
 * </ul>
 * {@link #normalise} is applied first: full-width letters and digits become ASCII, letters upper
 * case, and spaces and the middle dot ({@code 京A·12345}) go.
 */
public final class PlateFormat {

    /** The province abbreviations that begin a civil plate. */
    public static final String PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";

    private static final String SERIAL = "[A-HJ-NP-Z0-9]";
    private static final String ENERGY = "[A-HJK]";
    private static final Pattern PLATE = Pattern.compile("^([" + PROVINCES + "])([A-Z])(?:"
            + "(?<ordinary>" + SERIAL + "{5})"
            + "|(?<small>" + ENERGY + SERIAL + "[0-9]{4})"
            + "|(?<large>[0-9]{5}" + ENERGY + ")"
            + "|(?<special>" + SERIAL + "{4}[学警挂领港澳]))$");
    private static final Pattern REMOVED = Pattern.compile("[\\s·•・]+");

    /** What kind of plate a valid plate is. */
    public enum Kind {
        /** Blue or yellow, 7 characters. */
        ORDINARY,
        /** Green, 8 characters, energy letter first. */
        NEW_ENERGY_SMALL,
        /** Green and yellow, 8 characters, energy letter last. */
        NEW_ENERGY_LARGE,
        /** 7 characters ending in 学, 警, 挂, 领, 港 or 澳. */
        SPECIAL
    }

    /** A valid plate: its normalised text and kind. */
    public record Plate(String text, Kind kind) {

        /** Returns whether the plate is a new-energy (green) plate. */
        public boolean newEnergy() {
            return kind == Kind.NEW_ENERGY_SMALL || kind == Kind.NEW_ENERGY_LARGE;
        }
    }

    private PlateFormat() {
    }

    /**
     * Returns the plate as it is stored and compared: NFKC (full-width letters and digits become
     * ASCII), upper case, without white space and middle dots. Does not check the format.
     */
    public static String normalise(String plate) {
        String folded = Normalizer.normalize(plate, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT);
        return REMOVED.matcher(folded).replaceAll("");
    }

    /** Returns the normalised plate and its kind, or empty when it is not a valid plate. */
    public static Optional<Plate> parse(String plate) {
        if (plate == null) {
            return Optional.empty();
        }
        String text = normalise(plate);
        Matcher m = PLATE.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        if (m.group("special") != null && "港澳".indexOf(text.charAt(text.length() - 1)) >= 0
                && !text.startsWith("粤Z")) {
            // cross-border plates are issued by Guangdong's office Z only
            return Optional.empty();
        }
        Kind kind = m.group("ordinary") != null ? Kind.ORDINARY
                : m.group("small") != null ? Kind.NEW_ENERGY_SMALL
                : m.group("large") != null ? Kind.NEW_ENERGY_LARGE : Kind.SPECIAL;
        return Optional.of(new Plate(text, kind));
    }

    /**
     * Returns the parsed plate of a request field.
     *
     * @param field names the field in the error, e.g. {@code "vehicles[3].plate"}
     * @throws ClientError 400 naming the field when the plate is missing or not a valid plate
     */
    public static Plate require(String field, String plate) {
        return parse(plate).orElseThrow(() -> ClientError.badRequest(field
                + " must be a Chinese licence plate (province, office letter, 5 characters; 6 for new-energy"
                + " plates), got " + (plate == null ? "nothing" : "'" + shortened(plate) + "'")));
    }

    private static String shortened(String text) {
        return text.length() <= 16 ? text : text.substring(0, 16) + "…";
    }
}
