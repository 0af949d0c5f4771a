package org.anju.platform.estate;

import java.time.Clock;
import java.time.ZoneId;

import org.anju.platform.auth.ResidentLogins;
import org.anju.platform.storage.UnitOfWork;

/** The estate capability as the API uses it: provisioning and the read side. */
public record EstateServices(EstateProvisioning provisioning, EstateDirectory directory) {

    /** Wires both on the request pool's unit of work; residents' logins through auth. */
    public static EstateServices of(UnitOfWork db, ResidentLogins logins, Clock clock, ZoneId dayZone) {
        return new EstateServices(new EstateProvisioning(db, logins), new EstateDirectory(db, clock, dayZone));
    }
}
