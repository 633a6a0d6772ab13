package dev.vcai.service;

import com.google.gson.JsonObject;

/**
 * A request the service refuses: the HTTP status, the field at fault (a JSON path such as
 * {@code architecture_config.lora.alpha}, or null) and the rule it broke. Rendered as
 * {@code {"error": {"status", "field", "rule", "message"}}}.
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String field;
    private final String rule;

    public ApiError(int status, String field, String rule, String message) {
        super(message);
        this.status = status;
        this.field = field;
        this.rule = rule;
    }

    public static ApiError invalid(String field, String rule, String message) {
        return new ApiError(400, field, rule, message);
    }

    public static ApiError notFound(String what) {
        return new ApiError(404, null, "not_found", what + " does not exist");
    }

    public static ApiError conflict(String rule, String message) {
        return new ApiError(409, null, rule, message);
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }

    public String rule() {
        return rule;
    }

    public JsonObject toJson() {
        JsonObject error = new JsonObject();
        error.addProperty("status", status);
        error.addProperty("field", field);
        error.addProperty("rule", rule);
        error.addProperty("message", getMessage());
        JsonObject root = new JsonObject();
        root.add("error", error);
        return root;
    }
}
