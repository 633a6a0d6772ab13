package dev.vcai.service;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Reads the fields of one JSON object of a request, each checked, so that a bad one becomes an {@link ApiError}
 * naming its path and the rule it broke. Unknown fields are refused, so a misspelt setting is not silently ignored.
 */
final class Fields {
    private final JsonObject object;
    private final String path;

    private Fields(JsonObject object, String path) {
        this.object = object;
        this.path = path;
    }

    static Fields of(JsonObject object, String path) {
        return new Fields(object, path);
    }

    /** The request body as a JSON object, or a 400 saying why it is not one. */
    static JsonObject body(String text) {
        if (text == null || text.isBlank()) {
            throw ApiError.invalid(null, "json_object", "the request body must be a JSON object");
        }
        try {
            JsonElement element = JsonParser.parseString(text);
            if (!element.isJsonObject()) {
                throw ApiError.invalid(null, "json_object", "the request body must be a JSON object");
            }
            return element.getAsJsonObject();
        } catch (JsonParseException e) {
            throw ApiError.invalid(null, "json_syntax", "the request body is not valid JSON: " + e.getMessage());
        }
    }

    String path(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    boolean has(String name) {
        return object.has(name) && !object.get(name).isJsonNull();
    }

    void onlyKnown(Set<String> known) {
        for (String name : object.keySet()) {
            if (!known.contains(name)) {
                throw ApiError.invalid(path(name), "unknown_field", path(name) + " is not a known field (known: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    String text(String name, boolean required) {
        if (!has(name)) {
            if (required) {
                throw ApiError.invalid(path(name), "required", path(name) + " is required");
            }
            return null;
        }
        JsonElement value = object.get(name);
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw ApiError.invalid(path(name), "string", path(name) + " must be a string");
        }
        return value.getAsString();
    }

    String nonBlank(String name, int maxLength) {
        String value = text(name, true);
        if (value.isBlank()) {
            throw ApiError.invalid(path(name), "not_blank", path(name) + " must not be blank");
        }
        if (value.length() > maxLength) {
            throw ApiError.invalid(path(name), "max_length", path(name) + " must be at most " + maxLength + " characters");
        }
        return value;
    }

    String oneOf(String name, Collection<String> allowed, String fallback) {
        String value = text(name, fallback == null);
        if (value == null) {
            return fallback;
        }
        if (!allowed.contains(value)) {
            throw ApiError.invalid(path(name), "one_of", path(name) + " must be one of " + String.join(", ", allowed) + ", not '" + value + "'");
        }
        return value;
    }

    private double number(String name) {
        JsonElement value = object.get(name);
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
            throw ApiError.invalid(path(name), "number", path(name) + " must be a number");
        }
        double number = value.getAsDouble();
        if (!Double.isFinite(number)) {
            throw ApiError.invalid(path(name), "number", path(name) + " must be a finite number");
        }
        return number;
    }

    /** A number in [min, max]; {@code positive} excludes min itself. */
    double number(String name, double min, double max, boolean positive, double fallback) {
        if (!has(name)) {
            if (Double.isNaN(fallback)) {
                throw ApiError.invalid(path(name), "required", path(name) + " is required");
            }
            return fallback;
        }
        double value = number(name);
        if (positive && value <= min) {
            throw ApiError.invalid(path(name), "positive", path(name) + " must be a number greater than " + format(min) + ", not " + format(value));
        }
        if (value < min || value > max) {
            throw ApiError.invalid(path(name), "range", path(name) + " must be between " + format(min) + " and " + format(max)
                    + ", not " + format(value));
        }
        return value;
    }

    /** An integer in [min, max], or the fallback when absent (null fallback: required). */
    Integer integer(String name, long min, long max, Integer fallback) {
        if (!has(name)) {
            if (fallback == null) {
                throw ApiError.invalid(path(name), "required", path(name) + " is required");
            }
            return fallback;
        }
        double value = number(name);
        if (value != Math.rint(value)) {
            throw ApiError.invalid(path(name), "integer", path(name) + " must be a whole number, not " + format(value));
        }
        if (value < min || value > max) {
            throw ApiError.invalid(path(name), "range", path(name) + " must be between " + min + " and " + max + ", not " + format(value));
        }
        return (int) value;
    }

    boolean bool(String name, boolean fallback) {
        if (!has(name)) {
            return fallback;
        }
        JsonElement value = object.get(name);
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isBoolean()) {
            throw ApiError.invalid(path(name), "boolean", path(name) + " must be true or false");
        }
        return value.getAsBoolean();
    }

    /** A nested object, or an empty one when absent. */
    Fields object(String name) {
        if (!has(name)) {
            return new Fields(new JsonObject(), path(name));
        }
        JsonElement value = object.get(name);
        if (!value.isJsonObject()) {
            throw ApiError.invalid(path(name), "object", path(name) + " must be a JSON object");
        }
        return new Fields(value.getAsJsonObject(), path(name));
    }

    JsonArray array(String name, int min, int max) {
        if (!has(name)) {
            if (min > 0) {
                throw ApiError.invalid(path(name), "required", path(name) + " is required");
            }
            return new JsonArray();
        }
        JsonElement value = object.get(name);
        if (!value.isJsonArray()) {
            throw ApiError.invalid(path(name), "array", path(name) + " must be a JSON array");
        }
        JsonArray array = value.getAsJsonArray();
        if (array.size() < min || array.size() > max) {
            throw ApiError.invalid(path(name), "size", path(name) + " must hold between " + min + " and " + max + " items, not " + array.size());
        }
        return array;
    }

    /** A list of distinct strings, each one of {@code allowed} (null: any non-blank string). */
    List<String> strings(String name, int min, int max, Collection<String> allowed) {
        List<String> out = new ArrayList<>();
        JsonArray array = array(name, min, max);
        for (int i = 0; i < array.size(); i++) {
            String item = path(name) + "[" + i + "]";
            JsonElement value = array.get(i);
            if (!(value instanceof JsonPrimitive p) || !p.isString() || p.getAsString().isBlank()) {
                throw ApiError.invalid(item, "string", item + " must be a non-blank string");
            }
            if (allowed != null && !allowed.contains(p.getAsString())) {
                throw ApiError.invalid(item, "one_of", item + " must be one of " + String.join(", ", allowed) + ", not '" + p.getAsString() + "'");
            }
            if (out.contains(p.getAsString())) {
                throw ApiError.invalid(item, "distinct", item + " repeats '" + p.getAsString() + "'");
            }
            out.add(p.getAsString());
        }
        return out;
    }

    JsonObject raw() {
        return object;
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
