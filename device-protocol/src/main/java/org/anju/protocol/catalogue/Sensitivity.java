package org.anju.protocol.catalogue;

/**
 * How much an event field tells about a person, and so how it is stored and who may read it.
 * A codec declares its sensitive fields ({@link org.anju.protocol.catalogue.spi.TypeCodec.Builder#sensitive});
 * the catalogue hands the values of {@link #SECRET} and {@link #MATCH_ONLY} fields to its
 * {@link FieldSealer} before they enter the event's JSON, so they never exist in the clear beyond
 * the decoder.
 */
public enum Sensitivity {

    /**
     * A credential of one person that must be recoverable for them (a parcel pickup code: the
     * recipient must be told it). Stored encrypted; shown only to the person it belongs to.
     */
    SECRET,

    /**
     * A credential that is only ever compared, never shown (a charging card's RFID id tag: a
     * session is matched to a resident's card). Stored as a keyed hash; shown to nobody.
     */
    MATCH_ONLY,

    /**
     * Identifies a person or their belongings without being a credential (a licence plate, a
     * waybill number). Stored as sent, because the platform's own rules match on it; shown only to
     * the roles that need it.
     */
    PERSONAL;

    /** Returns whether values of this sensitivity are sealed before they are stored. */
    public boolean sealed() {
        return this != PERSONAL;
    }
}
