package org.anju.platform.api;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.vertx.core.json.JsonObject;

import org.anju.error.ClientError;
import org.anju.platform.billing.Contract;
import org.anju.platform.billing.Term;

/**
 * The JSON of the contract routes: a contract as shown, and the request's fields, each a 400 naming
 * the field when it is missing or malformed.
 */
final class ContractFields {

    private ContractFields() {
    }

    /** The contract as the API shows it: dates as ISO days, the term by its wire name. */
    static Map<String, Object> view(Contract c) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", c.id());
        v.put("communityId", c.communityId());
        v.put("spaceId", c.spaceId());
        v.put("householdId", c.householdId());
        v.put("ownerHousehold", c.ownerHousehold());
        v.put("term", c.term().wireName());
        v.put("periodFen", c.periodFen());
        v.put("startsOn", c.startsOn().toString());
        v.put("endsOn", c.endsOn().toString());
        v.put("terminatedOn", c.terminatedOn() == null ? null : c.terminatedOn().toString());
        v.put("resolutionId", c.resolutionId());
        v.put("renewsContractId", c.renewsContractId());
        return v;
    }

    static long id(JsonObject body, String field) {
        Long id = optionalId(body, field);
        if (id == null) {
            throw ClientError.badRequest("field '" + field + "' is required: a record id (a whole number)");
        }
        return id;
    }

    static Long optionalId(JsonObject body, String field) {
        Object v = body.getValue(field);
        if (v == null) {
            return null;
        }
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        throw ClientError.badRequest("field '" + field + "' must be a record id (a whole number), got " + v);
    }

    static int whole(JsonObject body, String field) {
        Object v = body.getValue(field);
        if (v instanceof Integer i) {
            return i;
        }
        throw ClientError.badRequest("field '" + field + "' must be a whole number, got " + v);
    }

    static Term term(JsonObject body) {
        Object v = body.getValue("term");
        return (v instanceof String s ? Term.fromWireName(s) : Optional.<Term>empty()).orElseThrow(() ->
                ClientError.badRequest("field 'term' must be one of monthly, quarterly, yearly, got " + v));
    }

    static LocalDate date(JsonObject body, String field) {
        Object v = body.getValue(field);
        try {
            if (v instanceof String s) {
                return LocalDate.parse(s);
            }
        } catch (DateTimeParseException e) {
            // answered below
        }
        throw ClientError.badRequest("field '" + field + "' must be a date YYYY-MM-DD, got " + v);
    }

    static Long parameterId(String value, String name) {
        try {
            return value == null ? null : Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ClientError.badRequest("parameter '" + name + "' must be a whole number, got \"" + value + "\"");
        }
    }
}
