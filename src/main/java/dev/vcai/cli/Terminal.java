package dev.vcai.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the terminal can take: whether stderr is one (for progress) and how wide it is (for the table). */
final class Terminal {
    private Terminal() {
    }

    static boolean isTerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception e) {
            return false;
        }
    }

    static int width() {
        try {
            int columns = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "120"));
            return Math.max(60, columns);
        } catch (NumberFormatException e) {
            return 120;
        }
    }

    /** A one-line progress bar on stderr, redrawn at most ten times a second; silent when stderr is not a terminal. */
    static final class ProgressBar {
        private final PrintStream err;
        private final boolean enabled;
        private long lastDraw;
        private boolean drawn;

        ProgressBar(PrintStream err, boolean enabled) {
            this.err = err;
            this.enabled = enabled;
        }

        synchronized void update(String phase, int done, int total) {
            if (!enabled) {
                return;
            }
            long now = System.nanoTime();
            if (done < total && now - lastDraw < 100_000_000L) {
                return;
            }
            lastDraw = now;
            int percent = total <= 0 ? 100 : (int) (100L * done / total);
            int filled = percent * 30 / 100;
            err.print("\r" + String.format("%-12s [%-30s] %3d%% %d/%d", phase, "=".repeat(filled), percent, done, total));
            err.flush();
            drawn = true;
        }

        synchronized void clear() {
            if (drawn) {
                err.print("\r" + " ".repeat(70) + "\r");
                err.flush();
                drawn = false;
            }
        }
    }
}
