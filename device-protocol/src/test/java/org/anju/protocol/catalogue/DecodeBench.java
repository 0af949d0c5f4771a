package org.anju.protocol.catalogue;

import java.time.Duration;
import java.util.List;
import java.util.function.ToIntFunction;

import org.anju.error.ClientError;
import org.anju.protocol.DeviceMessage;
import org.anju.protocol.Endpoint;
import org.anju.protocol.TelemetryDecoder;

/**
 * Prints how many messages per second one thread decodes: the mixed valid examples of every
 * device type through the catalogue, and the same payloads through the generic
 * {@link TelemetryDecoder} as reference, with the ratio. A command, not a test:
 * {@code ./mvnw -q -pl device-protocol exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.anju.protocol.catalogue.DecodeBench [-Dexec.args=SECONDS]}.
 */
public final class DecodeBench {

    private DecodeBench() {
    }

    public static void main(String[] args) {
        Duration measure = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 5);
        DeviceCatalogue catalogue = DeviceCatalogue.standard();
        TelemetryDecoder reference = new TelemetryDecoder();

        ToIntFunction<Examples.Valid> viaCatalogue = e -> {
            DecodedMessage decoded = catalogue.decode(e.type(), e.message());
            return decoded.points().size() + decoded.events().size() + decoded.status().size();
        };
        ToIntFunction<Examples.Valid> viaReference = e -> {
            DeviceMessage message = e.message();
            return e.endpoint() == Endpoint.TELEMETRY ? reference.decode(message).size() : reference.decodeEvent(message).kind().length();
        };

        // the reference refuses payloads without numbers (a camera's {"status": "ERROR"}); both get the same set
        List<Examples.Valid> examples = Examples.valid().stream().filter(e -> accepts(viaReference, e)).toList();
        System.out.printf("decoding %d example payloads of %d device types, one thread, %d s each%n",
                examples.size(), examples.stream().map(Examples.Valid::type).distinct().count(), measure.toSeconds());
        run(examples, viaCatalogue, measure.dividedBy(2));
        double catalogueRate = run(examples, viaCatalogue, measure);
        run(examples, viaReference, measure.dividedBy(2));
        double referenceRate = run(examples, viaReference, measure);
        System.out.printf("catalogue:        %,10.0f messages/s%n", catalogueRate);
        System.out.printf("TelemetryDecoder: %,10.0f messages/s (reference: no schema, no validation)%n", referenceRate);
        System.out.printf("ratio catalogue/reference: %.2f%n", catalogueRate / referenceRate);
    }

    private static boolean accepts(ToIntFunction<Examples.Valid> decode, Examples.Valid example) {
        try {
            decode.applyAsInt(example);
            return true;
        } catch (ClientError e) {
            return false;
        }
    }

    private static double run(List<Examples.Valid> examples, ToIntFunction<Examples.Valid> decode, Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        long start = System.nanoTime();
        long messages = 0;
        long sink = 0;
        while (System.nanoTime() < deadline) {
            for (Examples.Valid example : examples) {
                sink += decode.applyAsInt(example);
            }
            messages += examples.size();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (sink == 42) {
            System.out.println("(unlikely)");
        }
        return messages / seconds;
    }
}
