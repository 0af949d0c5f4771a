package org.anju.platform.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.testing.ApiCalls;
import org.anju.platform.testing.RunningPlatform;
import org.anju.protocol.manifest.DeviceManifest;

/**
 * The demo seeded on a running platform, twice: the households, vehicles and spaces go in through
 * estate's provisioning, the second run changes nothing, and the demo resident logs in and sees
 * their household; the demo lockers name the resident's number, which the demo registers.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class DemoSeedIT {

    private static RunningPlatform running;

    @BeforeAll
    static void start() throws Exception {
        running = RunningPlatform.start(Map.of());
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void seedingTwiceChangesNothingAndTheResidentSeesTheirHousehold() throws Exception {
        DemoCommunity demo = new DemoCommunity(Files.createTempDirectory("anju-demo-seed"));
        List<DemoCommunity.Login> logins = seed(demo);
        List<String> first = counts();
        assertThat(first.getFirst()).startsWith("72 ");

        assertThat(seed(demo)).isEqualTo(logins);
        assertThat(counts()).isEqualTo(first);

        DemoCommunity.Login resident = DemoCommunity.find(logins, "resident").orElseThrow();
        assertThat(Files.readString(demo.loginsFile())).contains("resident " + resident.password() + " resident");
        String token = running.login("resident", resident.password());
        JsonNode mine = new ApiCalls(running).get("/api/v1/me/households", token, 200).get("households");
        assertThat(mine).singleElement().satisfies(h -> assertThat(h.get("relation").asText()).isEqualTo("owner"));

        // the demo lockers' waybills name the resident, whose number the demo registers for parcel notices
        assertThat(DeviceManifest.read(demo.manifestFile()).devices()).filteredOn(d -> d.type().equals("parcel_locker"))
                .isNotEmpty().allSatisfy(d -> assertThat(d.attributes()).containsEntry("recipientPhones",
                        DemoEstate.RESIDENT_PHONE));
        demo.seedParcelRecipient(running.platform().parcelNotices(), LocalDate.now(), Instant.now());
        assertThat(new ApiCalls(running).get("/api/v1/me/parcels", token, 200).get("phoneLast4").asText())
                .isEqualTo(DemoEstate.RESIDENT_PHONE.substring(7));
    }

    private static List<DemoCommunity.Login> seed(DemoCommunity demo) throws Exception {
        return demo.seed(running.platform().registrar(), running.platform().auth().users(),
                running.platform().estate().provisioning(), 2, running.mqttUri());
    }

    private static List<String> counts() {
        return running.sqlRows("""
                SELECT (SELECT count(*) FROM households), (SELECT count(*) FROM vehicles),
                       (SELECT count(*) FROM parking_spaces), (SELECT count(*) FROM charging_id_tags),
                       (SELECT count(*) FROM car_park_gates), (SELECT count(*) FROM household_members)""");
    }
}
