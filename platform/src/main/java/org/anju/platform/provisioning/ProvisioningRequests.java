package org.anju.platform.provisioning;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;

import org.anju.error.ClientError;
import org.anju.platform.registry.PasswordHasher;
import org.anju.protocol.DeviceType;
import org.anju.platform.Json;

/**
 * Reads provisioning request bodies into specs, checking every item and naming each mistake by
 * list, index and field ({@code devices[3].type}); nothing is half-read.
 */
public final class ProvisioningRequests {

    /** Most devices one request may carry: it is one transaction. */
    public static final int MAX_DEVICES_PER_REQUEST = 5_000;
    /** Shortest device secret accepted: secrets are machine-made, see {@link CommunityProvisioning}. */
    public static final int MIN_SECRET_LENGTH = 16;
    static final int MAX_TEXT_LENGTH = 200;
    static final int MAX_ATTRIBUTES = 32;
    static final int MAX_ATTRIBUTE_VALUE_LENGTH = 4_000;

    // the database's constraints (V1): devices.id and ids of tenants and communities
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}");
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    private static final Pattern ATTRIBUTE_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
    private static final Set<String> DEVICE_FIELDS = Set.of("id", "type", "name", "buildingId", "floor", "location",
            "attributes", "authId", "secret");
    private static final Set<String> BUILDING_FIELDS = Set.of("id", "name", "floorsAbove", "floorsBelow");
    private static final Set<String> COMMUNITY_FIELDS = Set.of("name", "address", "lat", "lon", "buildings");

    private ProvisioningRequests() {
    }

    /** Returns whether the text is a valid tenant or community id. */
    public static boolean isSlug(String id) {
        return id != null && SLUG.matcher(id).matches();
    }

    /** Reads {@code {"name": …}} of a tenant. */
    public static String tenantName(String body) {
        JsonNode root = object(body);
        Set<String> unknown = unknownFields(root, Set.of("name"));
        if (!unknown.isEmpty()) {
            throw ClientError.badRequest("unknown field '" + unknown.iterator().next() + "'");
        }
        return requiredText(root, "name");
    }

    /** Reads {@code {"enabled": true|false}} of a device taken out of service or back. */
    public static boolean enabled(String body) {
        JsonNode root = object(body);
        Set<String> unknown = unknownFields(root, Set.of("enabled"));
        if (!unknown.isEmpty()) {
            throw ClientError.badRequest("unknown field '" + unknown.iterator().next() + "'");
        }
        JsonNode v = root.get("enabled");
        if (v == null || !v.isBoolean()) {
            throw ClientError.badRequest("'enabled' must be true or false");
        }
        return v.asBoolean();
    }

    /**
     * Reads a community with its buildings.
     *
     * @throws ClientError 400 for a body that is not such an object
     * @throws ProvisioningRejected 400 naming each building at fault
     */
    public static CommunitySpec community(String body) {
        JsonNode root = object(body);
        Set<String> unknown = unknownFields(root, COMMUNITY_FIELDS);
        if (!unknown.isEmpty()) {
            throw ClientError.badRequest("unknown field '" + unknown.iterator().next() + "'");
        }
        String name = requiredText(root, "name");
        String address = optionalText(root, "address");
        Double lat = coordinate(root, "lat", 90);
        Double lon = coordinate(root, "lon", 180);
        JsonNode list = root.path("buildings");
        if (!list.isMissingNode() && !list.isArray()) {
            throw ClientError.badRequest("'buildings' must be a list");
        }
        Items items = new Items("buildings");
        List<BuildingSpec> buildings = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        Map<String, Integer> names = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            BuildingSpec b = building(list.get(i), items.at(i));
            if (b != null) {
                items.unique(ids, b.id(), i, "id");
                items.unique(names, b.name(), i, "name");
                buildings.add(b);
            }
        }
        items.throwIfAny();
        return new CommunitySpec(name, address, lat, lon, buildings);
    }

    /**
     * Reads {@code {"devices": [...]}}: at most {@value #MAX_DEVICES_PER_REQUEST} devices.
     *
     * @throws ClientError 400 for a body that is not such an object, or too many devices
     * @throws ProvisioningRejected 400 naming each device field at fault
     */
    public static List<DeviceSpec> devices(String body) {
        JsonNode root = object(body);
        Set<String> unknown = unknownFields(root, Set.of("devices"));
        if (!unknown.isEmpty()) {
            throw ClientError.badRequest("unknown field '" + unknown.iterator().next() + "'");
        }
        JsonNode list = root.path("devices");
        if (!list.isArray() || list.isEmpty()) {
            throw ClientError.badRequest("'devices' must be a non-empty list");
        }
        if (list.size() > MAX_DEVICES_PER_REQUEST) {
            throw ClientError.badRequest("'devices' holds " + list.size() + " devices; at most "
                    + MAX_DEVICES_PER_REQUEST + " per request");
        }
        Items items = new Items("devices");
        List<DeviceSpec> devices = new ArrayList<>(list.size());
        Map<String, Integer> ids = new HashMap<>();
        Map<String, Integer> authIds = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            DeviceSpec d = device(list.get(i), items.at(i));
            if (d != null) {
                // an auth-id defaults to the id: one repetition is one mistake
                if (items.unique(ids, d.id(), i, "id")) {
                    items.unique(authIds, d.authId(), i, "authId");
                }
                devices.add(d);
            }
        }
        items.throwIfAny();
        return devices;
    }

    private static BuildingSpec building(JsonNode node, Item item) {
        if (!item.isObject(node)) {
            return null;
        }
        item.noUnknownFields(node, BUILDING_FIELDS);
        String id = item.text(node, "id", true, DEVICE_ID, "letters, digits and _ . : - (at most 128)");
        String name = item.text(node, "name", true, null, null);
        Integer above = item.integer(node, "floorsAbove", 0, 200);
        Integer below = item.integer(node, "floorsBelow", 0, 20);
        return item.ok() ? new BuildingSpec(id, name, above, below) : null;
    }

    private static DeviceSpec device(JsonNode node, Item item) {
        if (!item.isObject(node)) {
            return null;
        }
        item.noUnknownFields(node, DEVICE_FIELDS);
        String id = item.text(node, "id", true, DEVICE_ID, "letters, digits and _ . : - (at most 128)");
        String type = item.text(node, "type", true, null, null);
        if (type != null && DeviceType.fromWireName(type).isEmpty()) {
            item.error("type", "unknown device type '" + type
                    + "' (camera, elevator, parcel_locker, ev_charger, smoke_detector, fire_panel)");
        }
        String name = item.text(node, "name", true, null, null);
        String buildingId = item.text(node, "buildingId", false, null, null);
        Integer floor = item.integer(node, "floor", -10, 200);
        String location = item.text(node, "location", false, null, null);
        Map<String, String> attributes = item.attributes(node);
        String authId = item.text(node, "authId", false, DEVICE_ID, "letters, digits and _ . : - (at most 128)");
        String secret = item.secret(node);
        return item.ok() ? new DeviceSpec(id, type, name, buildingId, floor, location, attributes,
                authId == null ? id : authId, secret) : null;
    }

    /** Returns the body's JSON object. @throws ClientError 400 when it is not one */
    public static JsonNode object(String body) {
        try {
            JsonNode root = body == null || body.isBlank() ? null : Json.MAPPER.readTree(body);
            if (root == null || !root.isObject()) {
                throw ClientError.badRequest("the body must be a JSON object");
            }
            return root;
        } catch (JacksonException e) {
            throw ClientError.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** Returns the object's fields that are not among the known ones, sorted. */
    public static Set<String> unknownFields(JsonNode node, Set<String> known) {
        Set<String> unknown = new java.util.TreeSet<>();
        node.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                unknown.add(f);
            }
        });
        return unknown;
    }

    private static String requiredText(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank() || v.asText().length() > MAX_TEXT_LENGTH) {
            throw ClientError.badRequest("'" + field + "' must be a non-empty text of at most " + MAX_TEXT_LENGTH
                    + " characters");
        }
        return v.asText();
    }

    private static String optionalText(JsonNode root, String field) {
        return root.hasNonNull(field) ? requiredText(root, field) : null;
    }

    private static Double coordinate(JsonNode root, String field, double limit) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber() || Math.abs(v.asDouble()) > limit) {
            throw ClientError.badRequest("'" + field + "' must be a number from -" + (int) limit + " to " + (int) limit);
        }
        return v.asDouble();
    }

    /** The errors of one list of a request (other capabilities' bulk requests use it too). */
    public static final class Items {

        private final String list;
        private final List<ItemError> errors = new ArrayList<>();

        /** @param list names the list in each error's path, e.g. {@code devices} or {@code households[3].vehicles} */
        public Items(String list) {
            this.list = list;
        }

        /** Returns the checker of the list's item at the index. */
        public Item at(int index) {
            return new Item(this, index);
        }

        /** Returns the errors recorded so far. */
        public List<ItemError> errors() {
            return errors;
        }

        /** Records an error when the value repeats an earlier item's; returns whether it was unique. */
        public boolean unique(Map<String, Integer> seen, String value, int index, String field) {
            Integer first = seen.putIfAbsent(value, index);
            if (first != null) {
                errors.add(new ItemError(list, index, field, "'" + value + "' repeats " + list + "[" + first + "]"));
            }
            return first == null;
        }

        /** @throws ProvisioningRejected 400 naming every error recorded, if any */
        public void throwIfAny() {
            if (!errors.isEmpty()) {
                throw ProvisioningRejected.invalid(errors);
            }
        }
    }

    /** Checks the fields of one item, recording each mistake. */
    public static final class Item {

        private final Items items;
        private final int index;
        private boolean ok = true;

        Item(Items items, int index) {
            this.items = items;
            this.index = index;
        }

        /** Returns whether no mistake was recorded for the item. */
        public boolean ok() {
            return ok;
        }

        /** Records a mistake in the field (null: the item as a whole). */
        public void error(String field, String message) {
            ok = false;
            items.errors.add(new ItemError(items.list, index, field, message));
        }

        /** Returns whether the item is an object, recording a mistake when not. */
        public boolean isObject(JsonNode node) {
            if (!node.isObject()) {
                error(null, "must be an object");
                return false;
            }
            return true;
        }

        /** Records each field of the item that is not known. */
        public void noUnknownFields(JsonNode node, Set<String> known) {
            unknownFields(node, known).forEach(f -> error(f, "unknown field"));
        }

        /** Returns a text field (at most {@value #MAX_TEXT_LENGTH} characters, matching the pattern if any), or null after recording why not. */
        public String text(JsonNode node, String field, boolean required, Pattern pattern, String patternText) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                if (required) {
                    error(field, "is required");
                }
                return null;
            }
            if (!v.isTextual() || v.asText().isBlank() || v.asText().length() > MAX_TEXT_LENGTH) {
                error(field, "must be a non-empty text of at most " + MAX_TEXT_LENGTH + " characters");
                return null;
            }
            if (pattern != null && !pattern.matcher(v.asText()).matches()) {
                error(field, "'" + v.asText() + "' is not valid: " + patternText);
                return null;
            }
            return v.asText();
        }

        /** Returns an optional whole-number field in the range, or null (recording a mistake when it is not one). */
        public Integer integer(JsonNode node, String field, int min, int max) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
                error(field, "must be a whole number from " + min + " to " + max);
                return null;
            }
            return v.asInt();
        }

        String secret(JsonNode node) {
            JsonNode v = node.get("secret");
            if (v == null || v.isNull()) {
                error("secret", "is required");
                return null;
            }
            if (!v.isTextual() || v.asText().length() < MIN_SECRET_LENGTH || !PasswordHasher.fits(v.asText())) {
                error("secret", "must be a text of at least " + MIN_SECRET_LENGTH + " characters and at most "
                        + PasswordHasher.MAX_SECRET_BYTES + " bytes in UTF-8, bcrypt's limit (a random machine-made secret)");
                return null;
            }
            return v.asText();
        }

        Map<String, String> attributes(JsonNode node) {
            JsonNode v = node.get("attributes");
            if (v == null || v.isNull()) {
                return Map.of();
            }
            if (!v.isObject() || v.size() > MAX_ATTRIBUTES) {
                error("attributes", "must be an object of at most " + MAX_ATTRIBUTES + " text values");
                return Map.of();
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                String field = "attributes." + e.getKey();
                if (!ATTRIBUTE_KEY.matcher(e.getKey()).matches()) {
                    error(field, "attribute names are a letter, then letters, digits and _ . - (at most 64)");
                } else if (!e.getValue().isTextual() || e.getValue().asText().length() > MAX_ATTRIBUTE_VALUE_LENGTH) {
                    error(field, "must be a text of at most " + MAX_ATTRIBUTE_VALUE_LENGTH + " characters");
                } else {
                    attributes.put(e.getKey(), e.getValue().asText());
                }
            }
            return attributes;
        }
    }
}
