package org.anju.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.anju.platform.auth.Principal.DeviceScope;

/** The rules of docs/security.md for one user in their own community ("elm") and another ("oak"). */
class PrincipalTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // roles                      | elm scope       | oak scope       | personal data of elm | storage of elm
            "platform_admin               | ALL             | ALL             | false                | true",
            "property_admin               | ALL             | NONE            | true                 | true",
            "operator                     | ALL             | NONE            | true                 | true",
            "technician                   | ALL             | NONE            | false                | true",
            "fire_brigade                 | FIRE_FACILITIES | FIRE_FACILITIES | false                | false",
            "resident                     | NONE            | NONE            | false                | false",
            "technician fire_brigade      | ALL             | FIRE_FACILITIES | false                | true",
    })
    void whatEachRoleSees(String roles, DeviceScope elm, DeviceScope oak, boolean personal, boolean storage) {
        Principal user = user(roles);

        assertThat(user.deviceScope("elm")).isEqualTo(elm);
        assertThat(user.deviceScope("oak")).isEqualTo(oak);
        assertThat(user.maySeePersonalDataOf("elm")).isEqualTo(personal);
        assertThat(user.maySeePersonalDataOf("oak")).isFalse();
        assertThat(user.maySeeStorageOf("elm")).isEqualTo(storage);
    }

    @Test
    void theCommunitiesListedAreEveryOneForThoseWhoSeeEveryCommunityElseTheirStaffOnes() {
        assertThat(user("platform_admin").visibleCommunities()).isNull();
        assertThat(user("fire_brigade").visibleCommunities()).isNull();
        assertThat(user("operator").visibleCommunities()).containsExactly("elm");
        assertThat(user("resident").visibleCommunities()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"smoke_detector, true", "fire_panel, true", "camera, false", "parcel_locker, false", "nonsense, false"})
    void theFireBrigadesScopeHoldsFireFacilitiesOnly(String type, boolean included) {
        assertThat(DeviceScope.FIRE_FACILITIES.includes(type)).isEqualTo(included);
        assertThat(DeviceScope.ALL.includes(type)).isTrue();
        assertThat(DeviceScope.NONE.includes(type)).isFalse();
        assertThat(DeviceScope.FIRE_FACILITIES.onlyTypes().contains(type)).isEqualTo(included);
    }

    private static Principal user(String roles) {
        Set<Role> set = new HashSet<>();
        for (String name : roles.split(" ")) {
            set.add(Role.fromWireName(name).orElseThrow());
        }
        // a platform admin or the fire brigade is given no community; the others elm
        boolean staffOrResident = set.stream().anyMatch(r -> r != Role.PLATFORM_ADMIN && r != Role.FIRE_BRIGADE);
        return new Principal("u", "U", "acme", set, staffOrResident ? Set.of("elm") : Set.of());
    }
}
