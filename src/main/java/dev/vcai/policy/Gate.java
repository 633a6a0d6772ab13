package dev.vcai.policy;

import java.util.List;

/**
 * One rule of a policy: a named metric compared with a threshold. A gate passes when {@code metric op threshold}
 * holds; when it fails, a must-pass gate sets the verdict to at least {@code onFail}, an advisory one only
 * reports. A gate whose metric is unknown (not computed) is skipped and says so.
 *
 * @param branches ref patterns the gate applies to ({@code *} within a path segment, {@code **} across them,
 *                 {@code protected} for the policy's protected branches); empty means every ref
 */
public record Gate(String name, String metric, Operator op, double threshold, Verdict onFail, boolean mustPass,
                   List<String> branches, String description) {
    public Gate {
        branches = branches == null ? List.of() : List.copyOf(branches);
        description = description == null ? "" : description;
    }

    public enum Operator {
        LT("<"), LE("<="), GT(">"), GE(">="), EQ("=="), NE("!=");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public boolean holds(double value, double threshold) {
            return switch (this) {
                case LT -> value < threshold;
                case LE -> value <= threshold;
                case GT -> value > threshold;
                case GE -> value >= threshold;
                case EQ -> value == threshold;
                case NE -> value != threshold;
            };
        }

        public static Operator parse(String symbol) {
            for (Operator op : values()) {
                if (op.symbol.equals(symbol.strip())) {
                    return op;
                }
            }
            throw new IllegalArgumentException("unknown operator '" + symbol + "' (use <, <=, >, >=, ==, !=)");
        }
    }
}
