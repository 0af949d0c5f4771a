package org.anju.protocol.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceManifestTest {

    @TempDir
    Path dir;

    @Test
    void roundTripsAndIsReadableByItsOwnerOnly() throws IOException {
        DeviceManifest manifest = new DeviceManifest("tcp://127.0.0.1:1883",
                List.of(new DeviceManifest.Device("det-1", "acme", "det-1", "s3cret", "smoke_detector")));
        Path file = dir.resolve("demo/devices.json");

        manifest.write(file);

        assertThat(DeviceManifest.read(file)).isEqualTo(manifest);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(manifest.devices().getFirst().username()).isEqualTo("det-1@acme");
        assertThat(manifest.devices().getFirst().toString()).doesNotContain("s3cret");
    }

    @Test
    void badFilesAreRefusedWithTheirName() throws IOException {
        Path notJson = Files.writeString(dir.resolve("a.json"), "devices: none");
        Path empty = Files.writeString(dir.resolve("b.json"), "{\"mqttUri\": \"tcp://x:1\", \"devices\": []}");
        Path missingField = Files.writeString(dir.resolve("c.json"),
                "{\"mqttUri\": \"tcp://x:1\", \"devices\": [{\"id\": \"d\"}]}");

        assertThatThrownBy(() -> DeviceManifest.read(notJson)).isInstanceOf(IOException.class).hasMessageContaining("a.json");
        assertThatThrownBy(() -> DeviceManifest.read(empty)).isInstanceOf(IOException.class).hasMessageContaining("no devices");
        assertThatThrownBy(() -> DeviceManifest.read(missingField)).isInstanceOf(IOException.class).hasMessageContaining("c.json");
    }
}
