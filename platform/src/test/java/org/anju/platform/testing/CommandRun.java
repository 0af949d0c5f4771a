package org.anju.platform.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;

import picocli.CommandLine;

import org.anju.platform.AnjuMain;

/**
 * What an {@code anju} command run in this JVM printed and returned, with standard input given.
 *
 * @param exitCode the command's exit code
 * @param out      what it printed on standard output
 * @param err      what it printed on standard error
 */
public record CommandRun(int exitCode, String out, String err) {

    /** Runs {@code anju ARGS} (as {@link AnjuMain}) with {@code stdin} as standard input; one at a time. */
    public static synchronized CommandRun of(String stdin, String... args) {
        InputStream in = System.in;
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(UTF_8)));
            System.setOut(new PrintStream(outBytes, true, UTF_8));
            System.setErr(new PrintStream(errBytes, true, UTF_8));
            int code = new CommandLine(new AnjuMain()).execute(args);
            return new CommandRun(code, outBytes.toString(UTF_8), errBytes.toString(UTF_8));
        } finally {
            System.setIn(in);
            System.setOut(out);
            System.setErr(err);
        }
    }
}
