package org.anju.platform.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalTime;
import java.util.Collections;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import org.anju.error.ClientError;
import org.anju.platform.charging.Tier;
import org.anju.platform.Json;

/** Tariff values from JSON: what is accepted, and the 400 naming the field for what is not. */
class TariffJsonTest {

    /** A TOU tariff: valley 00:00–08:00, flat 08:00–10:00, peak 10:00–19:00 with sharp 19:00–21:00, flat after. */
    static ObjectNode touBody() {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ObjectNode tiers = body.putObject("tiers");
        tiers.putObject("sharp").put("electricityFen", 110).put("serviceFen", 60);
        tiers.putObject("peak").put("electricityFen", 90).put("serviceFen", 60);
        tiers.putObject("flat").put("electricityFen", 60).put("serviceFen", 40);
        tiers.putObject("valley").put("electricityFen", 30).put("serviceFen", 30);
        ArrayNode slots = body.putArray("slots");
        for (int i = 0; i < 48; i++) {
            slots.add(i < 16 ? "valley" : i < 20 ? "flat" : i < 38 ? "peak" : i < 42 ? "sharp" : "flat");
        }
        return body;
    }

    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }

    private static void refused(TariffKind kind, JsonNode body, String message) {
        assertThatThrownBy(() -> TariffJson.read(kind, body))
                .isInstanceOfSatisfying(ClientError.class, e -> assertThat(e.code()).isEqualTo(400))
                .hasMessageContaining(message);
    }

    @Test
    void readsATimeOfUseTariffAndFindsTheTierOfEachHalfHour() {
        Tariff.EvTimeOfUse tou = (Tariff.EvTimeOfUse) TariffJson.read(TariffKind.EV_TOU, touBody());

        assertThat(tou.tierAt(LocalTime.of(7, 59))).isEqualTo(Tier.VALLEY);
        assertThat(tou.tierAt(LocalTime.of(8, 0))).isEqualTo(Tier.FLAT);
        assertThat(tou.tierAt(LocalTime.of(19, 30))).isEqualTo(Tier.SHARP);
        assertThat(tou.tierAt(LocalTime.of(23, 59, 59))).isEqualTo(Tier.FLAT);
        assertThat(tou.tiers().get(Tier.PEAK).perKwhFen()).isEqualTo(150);
        assertThat(TariffJson.write(tou).toString()).isEqualTo(touBody().toString());
    }

    @Test
    void aSlotMapNotOf48IsRefused() {
        ObjectNode body = touBody();
        ((ArrayNode) body.get("slots")).remove(47);
        refused(TariffKind.EV_TOU, body, "body.slots must have exactly 48 half-hour entries, has 47");
        ((ArrayNode) body.get("slots")).add("flat").add("flat");
        refused(TariffKind.EV_TOU, body, "has 49");
    }

    @Test
    void anUnknownTierIsRefusedNamingWhereItIs() {
        ObjectNode body = touBody();
        ((ArrayNode) body.get("slots")).set(12, Json.MAPPER.getNodeFactory().textNode("super-peak"));
        refused(TariffKind.EV_TOU, body, "body.slots[12] is not a tier (sharp, peak, flat, valley): \"super-peak\"");

        ObjectNode tiers = touBody();
        ((ObjectNode) tiers.get("tiers")).putObject("offpeak").put("electricityFen", 1).put("serviceFen", 1);
        refused(TariffKind.EV_TOU, tiers, "body.tiers.offpeak is not a tier");

        ObjectNode missing = touBody();
        ((ObjectNode) missing.get("tiers")).remove("sharp");
        refused(TariffKind.EV_TOU, missing, "body.tiers.sharp is required");
    }

    @Test
    void negativeFractionalAndTextAmountsAreRefusedNamingTheField() throws Exception {
        refused(TariffKind.VISITOR_PARKING, json("{\"freeMinutes\": 30, \"hourlyFen\": -1, \"dailyCapFen\": 2000}"),
                "body.hourlyFen must be a whole, non-negative number, was -1");
        refused(TariffKind.VISITOR_PARKING, json("{\"freeMinutes\": 30, \"hourlyFen\": 2.5, \"dailyCapFen\": 2000}"),
                "body.hourlyFen must be a whole, non-negative number, was 2.5");
        refused(TariffKind.PROPERTY_FEE, json("{\"perSquareMetreMonthFen\": \"150\"}"),
                "body.perSquareMetreMonthFen must be a whole");
        ObjectNode tou = touBody();
        ((ObjectNode) tou.get("tiers").get("peak")).put("serviceFen", 0.5);
        refused(TariffKind.EV_TOU, tou, "body.tiers.peak.serviceFen must be a whole");
    }

    @Test
    void missingAndUnknownFieldsAreRefused() throws Exception {
        refused(TariffKind.PROPERTY_FEE, json("{}"), "body.perSquareMetreMonthFen must be a whole");
        refused(TariffKind.PROPERTY_FEE, json("{\"perSquareMetreMonthFen\": 150, \"level\": 2}"),
                "body.level is not a field of this tariff");
        refused(TariffKind.PARCEL_OVERDUE, json("{\"freeHours\": 24, \"periodHours\": 0, \"feePerPeriodFen\": 50, "
                + "\"capFen\": 300}"), "body.periodHours must be at least 1");
        refused(TariffKind.LATE_FEE, json("[]"), "body must be a JSON object");
        refused(TariffKind.SPACE_RENT, json("{\"monthlyFen\": {\"surface\": 1, \"underground\": 2}, \"quarterlyFen\": {}, "
                + "\"yearlyFen\": {}}"), "body.monthlyFen.mechanical must be a whole");
    }

    @Test
    void spaceRentPricesEveryKindAndTerm() throws Exception {
        Tariff.SpaceRent rent = (Tariff.SpaceRent) TariffJson.read(TariffKind.SPACE_RENT, json("""
                {"monthlyFen": {"surface": 20000, "underground": 35000, "mechanical": 25000},
                 "quarterlyFen": {"surface": 57000, "underground": 100000, "mechanical": 72000},
                 "yearlyFen": {"surface": 220000, "underground": 380000, "mechanical": 270000}}"""));

        assertThat(rent.periodFen(SpaceKind.UNDERGROUND, Term.QUARTERLY)).isEqualTo(100_000);
        assertThat(rent.periodFen(SpaceKind.SURFACE, Term.YEARLY)).isEqualTo(220_000);
    }

    @Test
    void lateFeesAccrueDailyHalfUpAndStopAtTheCap() {
        Tariff.LateFee fee = new Tariff.LateFee(5, 1000);

        // 30,000 fen × 5 bp × 7 days = 105 fen
        assertThat(fee.feeFen(30_000, 7)).isEqualTo(105);
        // 12,345 fen × 5 bp × 1 day = 6.1725 → 6 fen
        assertThat(fee.feeFen(12_345, 1)).isEqualTo(6);
        // capped at 10 % = 3,000 fen (from day 200 on)
        assertThat(fee.feeFen(30_000, 400)).isEqualTo(3_000);
        assertThat(fee.feeFen(30_000, 0)).isZero();
        assertThat(Collections.nCopies(1, fee.kind())).containsExactly(TariffKind.LATE_FEE);
    }
}
