package dev.vcai.analysis;

import java.util.Locale;

/** The nine kinds of change vcai tells apart. Their JSON names are the lower-case constant names. */
public enum ChangeType {
    FEATURE, BUG_FIX, REFACTOR, PERFORMANCE, SECURITY, DOCUMENTATION, TEST,
    /** The build system, CI and dependencies. */
    BUILD,
    /** Style, releases, reverts and everything else. */
    CHORE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ChangeType fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
