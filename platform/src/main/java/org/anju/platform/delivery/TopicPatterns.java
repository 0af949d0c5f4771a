package org.anju.platform.delivery;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Topic patterns of subscriptions: dotted segments where {@code *} stands for one segment, or for
 * all remaining segments when it is the last one ({@code fire.*} matches {@code fire.received} and
 * {@code fire.confirmed_fire}; {@code *} matches every topic).
 */
public final class TopicPatterns {

    private static final Pattern VALID = Pattern.compile("(\\*|[a-z0-9_]+)(\\.(\\*|[a-z0-9_]+))*");

    private TopicPatterns() {
    }

    /** Returns whether the text is a valid pattern. */
    public static boolean isValid(String pattern) {
        return pattern != null && pattern.length() <= 200 && VALID.matcher(pattern).matches();
    }

    /** Returns whether any of the patterns matches the topic. */
    public static boolean anyMatches(List<String> patterns, String topic) {
        return patterns.stream().anyMatch(p -> matches(p, topic));
    }

    static boolean matches(String pattern, String topic) {
        String[] want = pattern.split("\\.");
        String[] have = topic.split("\\.");
        for (int i = 0; i < want.length; i++) {
            boolean last = i == want.length - 1;
            if (i >= have.length) {
                return false;
            }
            if (want[i].equals("*")) {
                if (last) {
                    return true;
                }
            } else if (!want[i].equals(have[i])) {
                return false;
            }
        }
        return want.length == have.length;
    }
}
