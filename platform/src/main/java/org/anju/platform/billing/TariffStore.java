package org.anju.platform.billing;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;

import org.anju.error.ClientError;
import org.anju.platform.Json;
import org.anju.platform.storage.Sql;
import org.anju.platform.storage.UnitOfWork;

/** The tariffs' SQL: every statement on {@code tariffs} is here. */
final class TariffStore implements Tariffs {

    private static final String COLUMNS = "id, community_id, kind, effective_from, body::text AS body, created_by, created_at";

    private final BillingSettings settings;
    private final Clock clock;

    TariffStore(BillingSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public StoredTariff add(UnitOfWork.Tx tx, NewTariff tariff) throws SQLException {
        TariffKind kind = tariff.tariff().kind();
        // one writer per community and kind at a time, so that "after the newest" holds for both
        tx.one("SELECT pg_advisory_xact_lock(hashtext(?))", rs -> 0, "tariffs:" + tariff.communityId() + ":" + kind);
        Optional<StoredTariff> newest = tx.one("SELECT " + COLUMNS + " FROM tariffs WHERE community_id = ? AND kind = ? "
                + "ORDER BY effective_from DESC LIMIT 1", TariffStore::stored, tariff.communityId(), kind.wireName());
        LocalDate today = clock.instant().atZone(settings.zone()).toLocalDate();
        if (newest.isPresent()) {
            StoredTariff last = newest.get();
            if (!tariff.effectiveFrom().isAfter(last.effectiveFrom())) {
                throw conflict(kind + " tariff " + last.id() + " of community " + tariff.communityId() + " is in force from "
                        + last.effectiveFrom() + "; a change must start after that date");
            }
            if (tariff.effectiveFrom().isBefore(today)) {
                throw conflict("effectiveFrom " + tariff.effectiveFrom() + " is in the past and community "
                        + tariff.communityId() + " already has " + kind + " tariff " + last.id()
                        + ": billed history would change; start the change today or later");
            }
        }
        return tx.one("INSERT INTO tariffs (community_id, kind, effective_from, body, created_by) "
                + "VALUES (?, ?, ?, ?::jsonb, ?) RETURNING " + COLUMNS, TariffStore::stored, tariff.communityId(),
                kind.wireName(), Date.valueOf(tariff.effectiveFrom()), TariffJson.write(tariff.tariff()).toString(),
                tariff.createdBy()).orElseThrow();
    }

    private static ClientError conflict(String message) {
        return new ClientError(ClientError.CONFLICT, message);
    }

    @Override
    public List<StoredTariff> list(UnitOfWork.Tx tx, String communityId, TariffKind kind) throws SQLException {
        return tx.query("SELECT " + COLUMNS + " FROM tariffs WHERE community_id = ? AND (?::text IS NULL OR kind = ?) "
                + "ORDER BY kind, effective_from", TariffStore::stored, communityId,
                kind == null ? null : kind.wireName(), kind == null ? null : kind.wireName());
    }

    @Override
    public Optional<StoredTariff> storedAt(UnitOfWork.Tx tx, String communityId, TariffKind kind, Instant at)
            throws SQLException {
        LocalDate day = at.atZone(settings.zone()).toLocalDate();
        return tx.one("SELECT " + COLUMNS + " FROM tariffs WHERE community_id = ? AND kind = ? AND effective_from <= ? "
                + "ORDER BY effective_from DESC LIMIT 1", TariffStore::stored, communityId, kind.wireName(),
                Date.valueOf(day));
    }

    @Override
    public Optional<Tariff> tariffAt(UnitOfWork.Tx tx, String communityId, TariffKind kind, Instant at)
            throws SQLException {
        return storedAt(tx, communityId, kind, at).map(StoredTariff::tariff).or(() -> settings.defaultOf(kind));
    }

    private static StoredTariff stored(ResultSet rs) throws SQLException {
        TariffKind kind = TariffKind.fromWireName(rs.getString("kind")).orElseThrow();
        Tariff tariff;
        try {
            tariff = TariffJson.read(kind, Json.MAPPER.readTree(rs.getString("body")));
        } catch (JsonProcessingException e) {
            throw new SQLException("tariff " + rs.getLong("id") + " has a body that is not JSON", e);
        }
        return new StoredTariff(rs.getLong("id"), rs.getString("community_id"), kind,
                rs.getDate("effective_from").toLocalDate(), tariff, rs.getString("created_by"),
                Sql.instant(rs, "created_at"));
    }
}
