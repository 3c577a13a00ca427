package pe.centinela.app;

import java.io.PrintStream;
import java.util.Locale;

/** What the fraud command tells its user: aligned status lines and a progress bar that redraws in place. */
public final class Console {

    private final PrintStream out;
    private final boolean interactive;

    public Console(PrintStream out) {
        this.out = out;
        @SuppressWarnings("SystemConsoleNull") // Java 17, the release this is built for: null means no terminal
        boolean terminal = System.console() != null;
        this.interactive = terminal;
    }

    public static Console standard() {
        return new Console(System.out);
    }

    public void title(String text) {
        out.println(text);
    }

    public void line(String label, String text) {
        out.printf(Locale.ROOT, "  %-11s %s%n", label, text);
        out.flush();
    }

    public void plain(String text) {
        out.println(text);
        out.flush();
    }

    /** Draws {@code done/total} as a bar with a suffix; redraws one line on a terminal, prints a line otherwise. */
    public void progress(String label, long done, long total, String suffix) {
        int width = 24;
        int filled = total <= 0 ? 0 : (int) Math.min(width, done * width / total);
        String bar = "█".repeat(filled) + "░".repeat(width - filled);
        String text = String.format(
                Locale.ROOT, "  %-11s %s %3d%% %s", label, bar, total <= 0 ? 0 : done * 100 / total, suffix);
        if (interactive) {
            out.print("\r" + text + "\u001b[K");
            if (done >= total) {
                out.println();
            }
        } else {
            out.println(text);
        }
        out.flush();
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    public static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
