package dev.vcai.forge;

import java.util.Locale;

/** A commit status as vcai means it; each forge's request class maps it to that forge's own word. */
public enum StatusState {
    /** The analysis has started. */
    PENDING,
    /** The verdict lets the change through. */
    SUCCESS,
    /** The verdict stops the change. */
    FAILURE,
    /** vcai itself failed: no verdict. */
    ERROR;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static StatusState of(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
