package dev.vcai.service;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** A client of a service on a loopback port, for the tests: real HTTP through OkHttp. */
final class Http {
    private static final MediaType JSON = MediaType.get("application/json");
    private final OkHttpClient client = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(60)).build();
    private final String base;
    private final String token;

    Http(int port, String token) {
        this.base = "http://127.0.0.1:" + port;
        this.token = token;
    }

    record Reply(int status, String contentType, String text) {
        JsonObject json() {
            return JsonParser.parseString(text).getAsJsonObject();
        }

        JsonObject error() {
            return json().getAsJsonObject("error");
        }
    }

    Reply get(String path) throws IOException {
        return call(new Request.Builder().url(base + path).get());
    }

    Reply post(String path, JsonElement body) throws IOException {
        return post(path, body.toString());
    }

    Reply post(String path, String body) throws IOException {
        return call(new Request.Builder().url(base + path).post(RequestBody.create(body, JSON)));
    }

    /** A POST whose body is sent in chunks, without a Content-Length (the length is not told up front). */
    Reply postChunked(String path, String body) throws IOException {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return call(new Request.Builder().url(base + path).post(new RequestBody() {
            @Override
            public MediaType contentType() {
                return JSON;
            }

            @Override
            public void writeTo(okio.BufferedSink sink) throws IOException {
                sink.write(bytes);
            }
        }));
    }

    Reply delete(String path) throws IOException {
        return call(new Request.Builder().url(base + path).delete());
    }

    /** A DELETE with this Authorization header as written. */
    Reply deleteWith(String authorization, String path) throws IOException {
        return call(new Request.Builder().url(base + path).delete().header("Authorization", authorization));
    }

    private Reply call(Request.Builder request) throws IOException {
        if (token != null && request.build().header("Authorization") == null) {
            request.header("Authorization", "Bearer " + token);
        }
        try (Response response = client.newCall(request.build()).execute()) {
            return new Reply(response.code(), response.header("Content-Type"), response.body().string());
        }
    }

    static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }
}
