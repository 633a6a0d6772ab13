package dev.vcai.forge;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/** What the forge tests share: a MockWebServer on 127.0.0.1, a token, a client that records its waits instead of sleeping. */
final class ForgeTestSupport {
    static final String TOKEN = "ghp_S3cretT0kenValue1234567890abcdef";
    static final String SHA = "0123456789abcdef0123456789abcdef01234567";
    static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    private ForgeTestSupport() {
    }

    static MockWebServer server() throws IOException {
        MockWebServer server = new MockWebServer();
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        return server;
    }

    /** The server's base URL, by address (never a host name), plus a path prefix. */
    static String base(MockWebServer server, String prefix) {
        return "http://127.0.0.1:" + server.getPort() + prefix;
    }

    static Token token() {
        return Token.of(TOKEN, "$TEST_TOKEN");
    }

    /** A client that records the waits it would make, with the clock fixed at {@link #NOW}. */
    static ForgeClient client(List<Duration> waits, int maxAttempts) {
        return new ForgeClient(new ForgeClient.RetryPolicy(maxAttempts, Duration.ofSeconds(1), Duration.ofSeconds(60)),
                Clock.fixed(NOW, ZoneOffset.UTC), waits::add);
    }

    static ForgeClient client(List<Duration> waits) {
        return client(waits, 4);
    }

    static JsonElement body(RecordedRequest request) {
        return JsonParser.parseString(request.getBody().readUtf8());
    }

    static JsonElement json(String text) {
        return JsonParser.parseString(text);
    }

    /** A port on 127.0.0.1 that nothing listens on (bound, then closed): connecting is refused. */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    /** Collects every record of the forge package's logger, at every level, while open. */
    static final class LogCapture extends Handler implements AutoCloseable {
        final List<String> messages = new ArrayList<>();
        private final Logger logger = Logger.getLogger("dev.vcai.forge");
        private final Level level = logger.getLevel();

        LogCapture() {
            logger.setLevel(Level.ALL);
            logger.addHandler(this);
        }

        @Override
        public synchronized void publish(LogRecord record) {
            messages.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
            logger.setLevel(level);
        }
    }
}
