package org.anju.platform.provisioning;

/**
 * What is wrong with one item of a bulk request.
 *
 * @param list  the request's list holding the item, e.g. {@code devices}
 * @param index the item's position in that list, from 0
 * @param field the item's field at fault, or null when the item as a whole is
 */
public record ItemError(String list, int index, String field, String message) {

    /** Returns where the error is, e.g. {@code devices[3].type}. */
    public String path() {
        return list + "[" + index + "]" + (field == null ? "" : "." + field);
    }

    @Override
    public String toString() {
        return path() + ": " + message;
    }
}
