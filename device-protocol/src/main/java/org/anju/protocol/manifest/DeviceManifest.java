package org.anju.protocol.manifest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The devices a simulator runs and how they reach the gateway, as written by the community
 * generator (or {@code ./anju demo}) and read by {@code ./anju simulate}.
 * <p>
 * It holds device secrets in clear text, so it is written readable by its owner only.
 *
 * @param mqttUri the gateway, e.g. {@code tcp://127.0.0.1:1883}
 */
public record DeviceManifest(String mqttUri, List<Device> devices) {

    /**
     * One device.
     *
     * @param type        the device type's wire name, e.g. {@code smoke_detector}
     * @param communityId its community; null when unknown
     * @param buildingId  its building (e.g. {@code elm-court-b3}); null for community-wide devices
     * @param floor       its floor; null when not on one floor (a gate camera, an elevator)
     * @param attributes  what its behaviour needs beyond that, e.g. a gate camera's {@code gate},
     *                    a detector's {@code heartbeatInterval}; never null
     */
    public record Device(String id, String tenantId, String authId, String password, String type,
            String communityId, String buildingId, Integer floor, Map<String, String> attributes) {

        public Device {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(tenantId, "tenantId");
            Objects.requireNonNull(authId, "authId");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(type, "type");
            attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        }

        /** A device with no location or attributes. */
        public Device(String id, String tenantId, String authId, String password, String type) {
            this(id, tenantId, authId, password, type, null, null, null, Map.of());
        }

        /** Returns the Hono user name: {@code auth-id@tenant}. */
        public String username() {
            return authId + "@" + tenantId;
        }

        @Override
        public String toString() {
            return "Device[id=" + id + ", tenantId=" + tenantId + ", authId=" + authId + ", type=" + type + "]";
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public DeviceManifest {
        Objects.requireNonNull(mqttUri, "mqttUri");
        devices = List.copyOf(devices);
    }

    /**
     * Reads a manifest.
     *
     * @throws IOException naming the file when it is missing or not a manifest
     */
    public static DeviceManifest read(Path file) throws IOException {
        try {
            DeviceManifest manifest = JSON.readValue(file.toFile(), DeviceManifest.class);
            if (manifest.devices().isEmpty()) {
                throw new IOException("manifest " + file + " lists no devices");
            }
            return manifest;
        } catch (com.fasterxml.jackson.core.JacksonException | NullPointerException e) {
            throw new IOException("manifest " + file + " is not valid: " + e.getMessage(), e);
        }
    }

    /** Writes the manifest, readable by its owner only. */
    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), this);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
