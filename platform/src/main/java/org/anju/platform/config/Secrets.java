package org.anju.platform.config;

import java.util.regex.Pattern;

/**
 * Masks secrets before they reach a log line.
 */
public final class Secrets {

    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern URL_USERINFO = Pattern.compile("(//[^:/@]+:)[^@/]*@");

    private Secrets() {
    }

    /** Returns {@code ***} for a non-empty secret, {@code (empty)} otherwise. */
    public static String mask(String secret) {
        return secret == null || secret.isEmpty() ? "(empty)" : "***";
    }

    /** Returns the URL with any password in it replaced by {@code ***}. */
    public static String maskUrl(String url) {
        if (url == null) {
            return null;
        }
        String masked = URL_PASSWORD.matcher(url).replaceAll("$1***");
        return URL_USERINFO.matcher(masked).replaceAll("$1***@");
    }
}
