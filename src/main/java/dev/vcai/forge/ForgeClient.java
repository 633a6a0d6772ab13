package dev.vcai.forge;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Sends commit statuses over HTTP: one OkHttp client for the whole process, retries with exponential backoff on 5xx,
 * 429, rate-limited 403 and network errors (honouring {@code Retry-After} and GitHub's {@code x-ratelimit-reset}, each
 * wait capped), none on other 4xx; every failure becomes a one-line {@link ForgeException} naming the forge's answer,
 * with the token redacted. The clock and the sleeper are injectable so that tests need not wait.
 */
public final class ForgeClient {
    private static final Logger LOG = Logger.getLogger(ForgeClient.class.getName());
    private static final OkHttpClient SHARED = new OkHttpClient.Builder()
            .connectTimeout(10, TimeUnit.SECONDS).readTimeout(30, TimeUnit.SECONDS).callTimeout(60, TimeUnit.SECONDS)
            .build();

    /** Waits between attempts. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /**
     * @param maxAttempts    attempts in all, the first included
     * @param initialBackoff the wait after the first failed attempt when the forge names none; doubled each time
     * @param maxWait        the longest single wait, whatever the forge asks for
     */
    public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxWait) {
        public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(60));

        public RetryPolicy {
            if (maxAttempts < 1 || initialBackoff.isNegative() || maxWait.isNegative()) {
                throw new IllegalArgumentException("invalid retry policy");
            }
        }
    }

    private final OkHttpClient http;
    private final RetryPolicy retries;
    private final Clock clock;
    private final Sleeper sleeper;

    /** The process-wide client with the default retries, the system clock, real sleeps. */
    public ForgeClient() {
        this(SHARED, RetryPolicy.DEFAULT, Clock.systemUTC(), duration -> Thread.sleep(duration.toMillis()));
    }

    public ForgeClient(RetryPolicy retries, Clock clock, Sleeper sleeper) {
        this(SHARED, retries, clock, sleeper);
    }

    ForgeClient(OkHttpClient http, RetryPolicy retries, Clock clock, Sleeper sleeper) {
        this.http = http;
        this.retries = retries;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Sets the status on its forge; returns when the forge accepted it. */
    public void send(CommitStatus status, Token token) throws ForgeException {
        Request request = ForgeApi.of(status.forge()).request(status, token);
        String what = status.forge() + " " + status.repository() + "@" + status.sha().substring(0, Math.min(10, status.sha().length()))
                + " " + status.context() + "=" + status.state().id();
        for (int attempt = 1; ; attempt++) {
            int code;
            String answer;
            Duration wait;
            try (Response response = http.newCall(request).execute()) {
                code = response.code();
                if (response.isSuccessful()) {
                    log(token, what + ": " + code + " (attempt " + attempt + ")");
                    return;
                }
                answer = answer(response, token);
                wait = retryWait(response, attempt);
            } catch (IOException e) {
                String problem = token.redact(String.valueOf(e.getMessage()));
                if (attempt >= retries.maxAttempts()) {
                    throw new ForgeException(ForgeException.Kind.UNAVAILABLE, 0, "cannot reach " + status.forge() + " at "
                            + status.baseUrl() + " (" + e.getClass().getSimpleName() + ": " + problem + ") after " + attempt
                            + (attempt == 1 ? " attempt" : " attempts"), null);
                }
                Duration backoff = backoff(attempt);
                log(token, what + ": " + problem + "; retrying in " + backoff.toMillis() + " ms");
                pause(backoff, status);
                continue;
            }
            if (wait == null || attempt >= retries.maxAttempts()) {
                throw failure(status, token, code, answer, attempt, wait != null);
            }
            log(token, what + ": " + code + " " + answer + "; retrying in " + wait.toMillis() + " ms");
            pause(wait, status);
        }
    }

    private void pause(Duration wait, CommitStatus status) throws ForgeException {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ForgeException(ForgeException.Kind.UNAVAILABLE, 0, "interrupted while waiting to retry " + status.forge(), null);
        }
    }

    /** How long to wait before trying again, or null when trying again will not help. */
    private Duration retryWait(Response response, int attempt) {
        int code = response.code();
        String remaining = response.header("x-ratelimit-remaining");
        boolean rateLimited = code == 429 || (code == 403 && (response.header("Retry-After") != null || "0".equals(remaining)));
        if (code < 500 && !rateLimited) {
            return null;
        }
        Duration wait = null;
        String retryAfter = response.header("Retry-After");
        if (retryAfter != null) {
            try {
                wait = Duration.ofSeconds(Long.parseLong(retryAfter.strip()));
            } catch (NumberFormatException notSeconds) {
                Date date = response.headers().getDate("Retry-After");
                wait = date == null ? null : Duration.between(clock.instant(), date.toInstant());
            }
        }
        String reset = response.header("x-ratelimit-reset");
        if (wait == null && "0".equals(remaining) && reset != null) {
            try {
                wait = Duration.between(clock.instant(), Instant.ofEpochSecond(Long.parseLong(reset.strip())));
            } catch (NumberFormatException ignored) {
                // not epoch seconds: back off as for any other failure
            }
        }
        if (wait == null) {
            wait = backoff(attempt);
        }
        if (wait.isNegative()) {
            wait = Duration.ZERO;
        }
        return wait.compareTo(retries.maxWait()) > 0 ? retries.maxWait() : wait;
    }

    private Duration backoff(int attempt) {
        Duration wait = retries.initialBackoff().multipliedBy(1L << Math.min(attempt - 1, 20));
        return wait.compareTo(retries.maxWait()) > 0 ? retries.maxWait() : wait;
    }

    private static ForgeException failure(CommitStatus status, Token token, int code, String answer, int attempts, boolean retryable) {
        String forge = status.forge().id();
        String said = answer.isEmpty() ? "" : ": " + answer;
        String target = status.repository() + "@" + status.sha();
        ForgeException.Kind kind;
        String message;
        if (code == 401) {
            kind = ForgeException.Kind.UNAUTHORIZED;
            message = forge + " refused the token from " + token.origin() + " (401" + said
                    + "); check that it is valid, not expired and allowed to set commit statuses";
        } else if (code == 404) {
            kind = ForgeException.Kind.NOT_FOUND;
            message = forge + " does not know " + target + " (404" + said + "); the repository or the commit does not exist"
                    + " or is not visible to the token from " + token.origin();
        } else if (code == 403 && !retryable) {
            kind = ForgeException.Kind.FORBIDDEN;
            message = forge + " forbids the token from " + token.origin() + " to set statuses on " + status.repository()
                    + " (403" + said + ")";
        } else if (retryable) {
            kind = ForgeException.Kind.UNAVAILABLE;
            message = forge + " is unavailable for " + target + " (" + code + said + ") after " + attempts
                    + (attempts == 1 ? " attempt" : " attempts");
        } else {
            kind = ForgeException.Kind.REFUSED;
            message = forge + " refused the status for " + target + " (" + code + said + ")";
        }
        return new ForgeException(kind, code, token.redact(message), null);
    }

    /** What the forge said: the message fields of its JSON error, else the start of its body, one line, redacted. */
    private static String answer(Response response, Token token) {
        String body = "";
        try {
            ResponseBody content = response.body();
            body = content == null ? "" : readAtMost(content, 4096);
        } catch (IOException | RuntimeException ignored) {
            // the status code says enough
        }
        List<String> messages = new ArrayList<>();
        try {
            JsonElement json = JsonParser.parseString(body);
            collect(json, messages, 0);
        } catch (RuntimeException notJson) {
            // plain text or HTML
        }
        String text = messages.isEmpty() ? body : String.join("; ", messages);
        if (text.isBlank()) {
            text = response.message();
        }
        return CommitStatus.shorten(token.redact(text.strip()), 300);
    }

    private static String readAtMost(ResponseBody content, long limit) throws IOException {
        okio.BufferedSource source = content.source();
        source.request(limit);
        long size = Math.min(limit, source.getBuffer().size());
        return source.getBuffer().readUtf8(size);
    }

    /** The "message" and "error" strings of GitHub, GitLab, Gitea and Bitbucket error bodies (and nested errors). */
    private static void collect(JsonElement json, List<String> messages, int depth) {
        if (depth > 4 || json == null) {
            return;
        }
        if (json.isJsonArray()) {
            for (JsonElement element : (JsonArray) json) {
                collect(element, messages, depth + 1);
            }
        } else if (json.isJsonObject()) {
            JsonObject object = json.getAsJsonObject();
            for (String field : List.of("message", "error", "errors")) {
                JsonElement value = object.get(field);
                if (value == null) {
                    continue;
                }
                if (value.isJsonPrimitive()) {
                    messages.add(value.getAsString());
                } else if (value.isJsonObject() && !field.equals("errors")) {
                    // GitLab: {"message": {"state": ["is invalid"]}}
                    value.getAsJsonObject().entrySet().forEach(e -> messages.add(e.getKey() + " " + e.getValue()));
                } else {
                    collect(value, messages, depth + 1);
                }
            }
        } else if (json.isJsonPrimitive() && depth > 0) {
            messages.add(json.getAsString());
        }
    }

    private static void log(Token token, String message) {
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine(token.redact(message));
        }
    }
}
