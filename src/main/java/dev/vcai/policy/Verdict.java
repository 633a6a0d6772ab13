package dev.vcai.policy;

/** A promotion verdict, in increasing severity: the worst verdict of a set is the set's verdict. */
public enum Verdict {
    APPROVED, CONDITIONAL, REJECTED, BLOCKED;

    public Verdict worst(Verdict other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
