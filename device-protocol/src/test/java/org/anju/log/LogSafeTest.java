package org.anju.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogSafeTest {

    @Test
    void printableTextIsLeftAsItIs() {
        assertThat(LogSafe.text("lift-7@acme 电梯 CN=detector-77,O=Acme")).isEqualTo("lift-7@acme 电梯 CN=detector-77,O=Acme");
    }

    @Test
    void aNewlineCannotForgeASecondLogLine() {
        String forged = "dev-1\n12:00:00.000 INFO  [main] Gateway - admin logged in";

        assertThat(LogSafe.text(forged)).isEqualTo("dev-1\\n12:00:00.000 INFO  [main] Gateway - admin logged in")
                .doesNotContain("\n");
    }

    @Test
    void everyControlCharacterIsEscapedReadably() {
        assertThat(LogSafe.text("a\rb\tc\u0000d\u001b[31me\u007f\u0085")).isEqualTo("a\\rb\\tc\\u0000d\\u001b[31me\\u007f\\u0085");
    }

    @Test
    void unicodeLineSeparatorsAndBidiOverridesAreEscaped() {
        assertThat(LogSafe.text("x\u2028y\u202ez\u2066")).isEqualTo("x\\u2028y\\u202ez\\u2066");
    }

    @Test
    void aBackslashIsEscapedSoEscapesReadBackUnambiguously() {
        assertThat(LogSafe.text("a\\nb")).isEqualTo("a\\\\nb");
    }

    @Test
    void overlongTextIsCutAndSaysHowLongItWas() {
        String safe = LogSafe.text("x".repeat(70_000));

        assertThat(safe).startsWith("x".repeat(LogSafe.MAX_LENGTH)).endsWith("...(70000 characters)");
        assertThat(safe).hasSize(LogSafe.MAX_LENGTH + "...(70000 characters)".length());
    }

    @Test
    void nullIsSaidAsSuch() {
        assertThat(LogSafe.text(null)).isEqualTo("null");
    }
}
