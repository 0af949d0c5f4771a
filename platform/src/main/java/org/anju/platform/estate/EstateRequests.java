package org.anju.platform.estate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.anju.error.ClientError;
import org.anju.platform.auth.NewUser;
import org.anju.platform.estate.EstateSpec.CarParkSpec;
import org.anju.platform.estate.EstateSpec.HouseholdSpec;
import org.anju.platform.estate.EstateSpec.Place;
import org.anju.platform.estate.EstateSpec.ResidentSpec;
import org.anju.platform.estate.EstateSpec.SpaceSpec;
import org.anju.platform.provisioning.ItemError;
import org.anju.platform.provisioning.ProvisioningRejected;
import org.anju.platform.provisioning.ProvisioningRequests;
import org.anju.platform.provisioning.ProvisioningRequests.Item;
import org.anju.platform.provisioning.ProvisioningRequests.Items;

/**
 * Reads an estate provisioning body into an {@link EstateSpec}, checking every item and naming each
 * mistake by its path ({@code households[3].vehicles[0]}); nothing is half-read.
 */
public final class EstateRequests {

    /** Most households, spaces and car parks one request may carry together: it is one transaction. */
    public static final int MAX_ITEMS_PER_REQUEST = 5_000;
    /** Most residents, vehicles or id tags of one household in a request. */
    static final int MAX_PER_HOUSEHOLD = 20;

    // what the estate tables check (V24)
    private static final Pattern NUMBER = Pattern.compile("[^\\s].{0,31}");
    private static final Pattern ID_TAG = Pattern.compile("[!-~]{1,20}");
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}");
    private static final BigDecimal MAX_AREA = new BigDecimal("99999999.99");
    private static final Set<String> ROOT_FIELDS = Set.of("households", "carParks", "parkingSpaces");
    private static final Set<String> HOUSEHOLD_FIELDS = Set.of("buildingId", "unit", "floor", "number", "privateAreaM2",
            "residents", "vehicles", "idTags");
    private static final Set<String> RESIDENT_FIELDS = Set.of("username", "displayName", "relation", "since", "until");
    private static final Set<String> CAR_PARK_FIELDS = Set.of("name", "gateCameraIds");
    private static final Set<String> SPACE_FIELDS = Set.of("number", "kind", "ownership", "owner", "chargerDeviceId",
            "carPark");
    private static final Set<String> PLACE_FIELDS = Set.of("buildingId", "unit", "number");

    private EstateRequests() {
    }

    /**
     * Reads {@code {"households": [...], "carParks": [...], "parkingSpaces": [...]}}.
     *
     * @throws ClientError 400 for a body that is not such an object, or too many items
     * @throws ProvisioningRejected 400 naming each field at fault
     */
    public static EstateSpec read(String body) {
        JsonNode root = ProvisioningRequests.object(body);
        Set<String> unknown = ProvisioningRequests.unknownFields(root, ROOT_FIELDS);
        if (!unknown.isEmpty()) {
            throw ClientError.badRequest("unknown field '" + unknown.iterator().next() + "'");
        }
        int items = 0;
        for (String list : ROOT_FIELDS) {
            JsonNode node = root.path(list);
            if (!node.isMissingNode() && !node.isArray()) {
                throw ClientError.badRequest("'" + list + "' must be a list");
            }
            items += node.size();
        }
        if (items == 0 || items > MAX_ITEMS_PER_REQUEST) {
            throw ClientError.badRequest("a request holds 1 to " + MAX_ITEMS_PER_REQUEST
                    + " households, car parks and parking spaces together; this one holds " + items);
        }
        List<ItemError> errors = new ArrayList<>();
        List<HouseholdSpec> households = list(root, "households", errors, EstateRequests::household);
        List<CarParkSpec> carParks = list(root, "carParks", errors, EstateRequests::carPark);
        List<SpaceSpec> spaces = list(root, "parkingSpaces", errors, EstateRequests::space);
        uniqueIn(households, "households", HouseholdSpec::place, "the same place", errors);
        uniqueIn(carParks, "carParks", CarParkSpec::name, "the same name", errors);
        uniqueIn(spaces, "parkingSpaces", SpaceSpec::number, "the same number", errors);
        if (!errors.isEmpty()) {
            throw new ProvisioningRejected(ClientError.BAD_REQUEST, errors);
        }
        return new EstateSpec(households, carParks, spaces);
    }

    /** Reads one item of a list; records its errors (also those of nested lists) and returns null when it has any. */
    @FunctionalInterface
    private interface ItemReader<T> {
        T read(JsonNode node, Item item, String path, List<ItemError> errors);
    }

    private static <T> List<T> list(JsonNode parent, String name, List<ItemError> errors, ItemReader<T> reader) {
        return list(parent, name, name, errors, reader);
    }

    private static <T> List<T> list(JsonNode parent, String name, String path, List<ItemError> errors,
            ItemReader<T> reader) {
        JsonNode node = parent.path(name);
        Items items = new Items(path);
        List<T> read = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            Item item = items.at(i);
            int before = errors.size();
            T value = item.isObject(node.get(i)) ? reader.read(node.get(i), item, path + "[" + i + "]", errors) : null;
            if (value != null && item.ok() && errors.size() == before) {
                read.add(value);
            }
        }
        errors.addAll(items.errors());
        return read;
    }

    private static <T, K> void uniqueIn(List<T> values, String list, Function<T, K> key, String what,
            List<ItemError> errors) {
        Map<K, Integer> seen = new HashMap<>();
        for (int i = 0; i < values.size(); i++) {
            Integer first = seen.putIfAbsent(key.apply(values.get(i)), i);
            if (first != null) {
                errors.add(new ItemError(list, i, null, "has " + what + " as " + list + "[" + first + "]"));
            }
        }
    }

    private static HouseholdSpec household(JsonNode node, Item item, String path, List<ItemError> errors) {
        item.noUnknownFields(node, HOUSEHOLD_FIELDS);
        Place place = place(node, item);
        Integer floor = item.integer(node, "floor", -10, 200);
        if (floor == null && item.ok()) {
            item.error("floor", "is required");
        }
        BigDecimal area = area(node, item);
        List<ResidentSpec> residents = bounded(node, "residents", item)
                ? list(node, "residents", path + ".residents", errors, EstateRequests::resident) : List.of();
        List<PlateFormat.Plate> vehicles = bounded(node, "vehicles", item) ? plates(node, item) : List.of();
        List<String> idTags = bounded(node, "idTags", item) ? idTags(node, item) : List.of();
        return item.ok() ? new HouseholdSpec(place, floor, area, residents, vehicles, idTags) : null;
    }

    private static Place place(JsonNode node, Item item) {
        String building = item.text(node, "buildingId", true, DEVICE_ID, "letters, digits and _ . : - (at most 128)");
        String unit = item.text(node, "unit", false, NUMBER, "1 to 32 characters, not starting with a space");
        String number = item.text(node, "number", true, NUMBER, "1 to 32 characters, not starting with a space");
        return new Place(building, unit, number);
    }

    private static BigDecimal area(JsonNode node, Item item) {
        JsonNode v = node.get("privateAreaM2");
        if (v == null || !v.isNumber() || v.decimalValue().signum() <= 0 || v.decimalValue().scale() > 2
                || v.decimalValue().compareTo(MAX_AREA) > 0) {
            item.error("privateAreaM2", "must be a positive number of m² with at most two decimals");
            return null;
        }
        return v.decimalValue().setScale(2);
    }

    private static boolean bounded(JsonNode node, String field, Item item) {
        JsonNode v = node.path(field);
        if (!v.isMissingNode() && (!v.isArray() || v.size() > MAX_PER_HOUSEHOLD)) {
            item.error(field, "must be a list of at most " + MAX_PER_HOUSEHOLD);
            return false;
        }
        return true;
    }

    private static List<PlateFormat.Plate> plates(JsonNode node, Item item) {
        List<PlateFormat.Plate> plates = new ArrayList<>();
        JsonNode list = node.path("vehicles");
        for (int i = 0; i < list.size(); i++) {
            String field = "vehicles[" + i + "]";
            Optional<PlateFormat.Plate> plate = PlateFormat.parse(list.get(i).isTextual() ? list.get(i).asText() : null);
            if (plate.isEmpty()) {
                item.error(field, "must be a Chinese licence plate (province, office letter, 5 characters; 6 for"
                        + " new-energy plates)");
            } else if (plates.stream().anyMatch(p -> p.text().equals(plate.get().text()))) {
                item.error(field, "repeats plate " + plate.get().text());
            } else {
                plates.add(plate.get());
            }
        }
        return plates;
    }

    private static List<String> idTags(JsonNode node, Item item) {
        List<String> tags = new ArrayList<>();
        JsonNode list = node.path("idTags");
        for (int i = 0; i < list.size(); i++) {
            String tag = list.get(i).isTextual() ? list.get(i).asText() : "";
            if (!ID_TAG.matcher(tag).matches() || tags.contains(tag)) {
                item.error("idTags[" + i + "]", "must be a distinct id tag of 1 to 20 printable ASCII characters");
            } else {
                tags.add(tag);
            }
        }
        return tags;
    }

    private static ResidentSpec resident(JsonNode node, Item item, String path, List<ItemError> errors) {
        item.noUnknownFields(node, RESIDENT_FIELDS);
        String username = item.text(node, "username", true, NewUser.USERNAME,
                "2 to 64 lower-case letters, digits and _ . @ -, starting with a letter or digit");
        String displayName = item.text(node, "displayName", false, null, null);
        if (displayName != null && displayName.length() > NewUser.MAX_DISPLAY_NAME) {
            item.error("displayName", "must be at most " + NewUser.MAX_DISPLAY_NAME + " characters");
        }
        String relationText = item.text(node, "relation", true, null, null);
        Relation relation = relationText == null ? null : Relation.fromWireName(relationText).orElse(null);
        if (relationText != null && relation == null) {
            item.error("relation", "must be owner or tenant");
        }
        LocalDate since = date(node, "since", true, item);
        LocalDate until = date(node, "until", false, item);
        if (since != null && until != null && !until.isAfter(since)) {
            item.error("until", "must be after since");
        }
        return item.ok() ? new ResidentSpec(username, displayName, relation, since, until) : null;
    }

    private static LocalDate date(JsonNode node, String field, boolean required, Item item) {
        String text = item.text(node, field, required, null, null);
        try {
            return text == null ? null : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            item.error(field, "must be a date like 2026-01-31");
            return null;
        }
    }

    private static CarParkSpec carPark(JsonNode node, Item item, String path, List<ItemError> errors) {
        item.noUnknownFields(node, CAR_PARK_FIELDS);
        String name = item.text(node, "name", true, Pattern.compile(".{1,64}"), "at most 64 characters");
        JsonNode gates = node.path("gateCameraIds");
        List<String> cameras = new ArrayList<>();
        if (!gates.isMissingNode() && (!gates.isArray() || gates.size() > MAX_PER_HOUSEHOLD)) {
            item.error("gateCameraIds", "must be a list of at most " + MAX_PER_HOUSEHOLD + " device ids");
        }
        for (JsonNode gate : gates.isArray() ? gates : List.<JsonNode>of()) {
            if (!gate.isTextual() || !DEVICE_ID.matcher(gate.asText()).matches() || cameras.contains(gate.asText())) {
                item.error("gateCameraIds", "must be distinct device ids");
            } else {
                cameras.add(gate.asText());
            }
        }
        return item.ok() ? new CarParkSpec(name, cameras) : null;
    }

    private static SpaceSpec space(JsonNode node, Item item, String path, List<ItemError> errors) {
        item.noUnknownFields(node, SPACE_FIELDS);
        String number = item.text(node, "number", true, NUMBER, "1 to 32 characters, not starting with a space");
        String kindText = item.text(node, "kind", true, null, null);
        ParkingSpaces.Kind kind = kindText == null ? null : ParkingSpaces.Kind.fromWireName(kindText).orElse(null);
        if (kindText != null && kind == null) {
            item.error("kind", "must be surface, underground or mechanical");
        }
        String ownershipText = item.text(node, "ownership", true, null, null);
        ParkingSpaces.Ownership ownership = ownershipText == null ? null
                : ParkingSpaces.Ownership.fromWireName(ownershipText).orElse(null);
        if (ownershipText != null && ownership == null) {
            item.error("ownership", "must be common, developer or private");
        }
        Place owner = null;
        JsonNode ownerNode = node.get("owner");
        if (ownerNode != null && !ownerNode.isNull()) {
            Items owners = new Items(path + ".owner");
            Item ownerItem = owners.at(0);
            if (ownerItem.isObject(ownerNode)) {
                ownerItem.noUnknownFields(ownerNode, PLACE_FIELDS);
                owner = place(ownerNode, ownerItem);
            }
            owners.errors().forEach(e -> item.error("owner" + (e.field() == null ? "" : "." + e.field()), e.message()));
        }
        if (ownership != null && (ownership == ParkingSpaces.Ownership.PRIVATE) != (ownerNode != null
                && !ownerNode.isNull())) {
            item.error("owner", "a private space, and only a private space, names its owner household");
        }
        String charger = item.text(node, "chargerDeviceId", false, DEVICE_ID, "a device id");
        String carPark = item.text(node, "carPark", false, Pattern.compile(".{1,64}"), "at most 64 characters");
        return item.ok() ? new SpaceSpec(number, kind, ownership, owner, charger, carPark) : null;
    }
}
