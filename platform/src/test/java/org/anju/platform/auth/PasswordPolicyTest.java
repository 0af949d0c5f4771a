package org.anju.platform.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import org.anju.error.ClientError;

/** The password policy: length in characters, bcrypt's 72 bytes, variety, not the user name. */
class PasswordPolicyTest {

    @Test
    void aLongEnoughVariedPasswordPasses() {
        assertThatCode(() -> PasswordPolicy.check("alice", "correct horse battery")).doesNotThrowAnyException();
        assertThatCode(() -> PasswordPolicy.check("alice", "安居乐业安居乐业安居乐业密码")).as("14 characters, 42 bytes")
                .doesNotThrowAnyException();
    }

    @Test
    void aPasswordOver72BytesIsRefusedNamingTheLimitEvenWhenItHasFewCharacters() {
        String chinese = "安居乐业密码".repeat(4) + "安";
        assertThat(chinese.length()).isEqualTo(25);
        assertThat(chinese.getBytes(UTF_8)).hasSize(75);

        assertThatThrownBy(() -> PasswordPolicy.check("alice", chinese)).isInstanceOf(ClientError.class)
                .hasMessage("the password is 75 bytes long in UTF-8; at most 72 bytes are allowed (bcrypt's limit)")
                .extracting(e -> ((ClientError) e).code()).isEqualTo(400);
        assertThatCode(() -> PasswordPolicy.check("alice", "x1y2z3".repeat(12))).as("exactly 72")
                .doesNotThrowAnyException();
    }

    @Test
    void shortRepetitiveOrUserNamePasswordsAreRefused() {
        assertThatThrownBy(() -> PasswordPolicy.check("alice", "short-pw1")).hasMessageContaining("at least 12 characters");
        assertThatThrownBy(() -> PasswordPolicy.check("alice", "aaaaaaaaaaaaaaaa")).hasMessageContaining("5 different");
        assertThatThrownBy(() -> PasswordPolicy.check("administrator", "Administrator")).hasMessage(
                "the password must not be the user name");
        assertThatThrownBy(() -> PasswordPolicy.check("alice", "tab\there-is-long")).hasMessageContaining("control");
        assertThatThrownBy(() -> PasswordPolicy.check("alice", "")).hasMessage("a password is required");
    }

    @Test
    void refusalsNeverRepeatThePassword() {
        assertThatThrownBy(() -> PasswordPolicy.check("alice", "sekrit")).message().doesNotContain("sekrit");
    }

    @Test
    void generatedPasswordsMeetThePolicyAndDiffer() {
        String first = PasswordPolicy.generate();

        assertThat(first).hasSize(PasswordPolicy.GENERATED_LENGTH);
        assertThatCode(() -> PasswordPolicy.check("alice", first)).doesNotThrowAnyException();
        assertThat(PasswordPolicy.generate()).isNotEqualTo(first);
    }
}
