package dev.vcai.service.quarantine;

import java.util.Locale;

/** What puts an experiment in quarantine. All five are on by default; the configuration may turn some off. */
public enum Trigger {
    /** An evaluation's accuracy is below the promotion gate's threshold. */
    ACCURACY_BELOW_GATE,
    /** An evaluation's p99 latency is above the gate's threshold. */
    LATENCY_ABOVE_GATE,
    /** An evaluation's error rate is above the gate's threshold. */
    ERROR_RATE_ABOVE_GATE,
    /** A run ended in an exception, or was cut off by a restart. */
    RUN_CRASHED,
    /** A served LLM's answers could not be used: unparseable, or naming an unknown change type. */
    INVALID_LLM_ANSWERS;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Trigger fromId(String id) {
        return valueOf(id.strip().toUpperCase(Locale.ROOT));
    }
}
