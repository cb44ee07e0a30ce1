package org.sealbook.toolkit.report;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Opens a local HTML file in headless Chromium with every host name unresolvable, so a page that needs the internet
 * shows it, and returns what the browser made of the page. Each run gets its own profile folder (and HOME), so
 * nothing is written to the user's own Chromium settings.
 */
final class HeadlessChromium {
    static final Path EXECUTABLE = Path.of("/usr/bin/chromium");
    private static final long TIMEOUT_SECONDS = 120;

    /** The DOM after the page's scripts ran, and the browser's console lines ("Uncaught ..." among them). */
    record Page(String dom, List<String> console) {
    }

    private final Path work;

    /** {@code work} holds the profile and the browser's logs, kept for reading after a failure. */
    HeadlessChromium(Path work) {
        this.work = work;
    }

    static boolean installed() {
        return Files.isExecutable(EXECUTABLE);
    }

    Page open(Path html) throws IOException, InterruptedException {
        Path dom = work.resolve(html.getFileName() + ".dom.html");
        Path log = work.resolve(html.getFileName() + ".chromium.log");
        run(List.of("--enable-logging=stderr", "--v=0", "--dump-dom", html.toUri().toString()), dom, log);
        List<String> console = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            // Chromium logs every console message as ...:CONSOLE:...; a page error also says "Uncaught".
            if (line.contains(":CONSOLE") || line.contains("Uncaught")) {
                console.add(line);
            }
        }
        return new Page(Files.readString(dom, StandardCharsets.UTF_8), console);
    }

    Path screenshot(Path html, Path png, int width, int height) throws IOException, InterruptedException {
        Files.deleteIfExists(png);
        run(List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
                "--hide-scrollbars", html.toUri().toString()), work.resolve(png.getFileName() + ".out.log"),
                work.resolve(png.getFileName() + ".chromium.log"));
        return png;
    }

    private void run(List<String> arguments, Path stdout, Path stderr) throws IOException, InterruptedException {
        Path profile = Files.createDirectories(work.resolve("profile"));
        List<String> command = new ArrayList<>(List.of(EXECUTABLE.toString(), "--headless=new", "--disable-gpu",
                "--no-sandbox", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND",
                "--user-data-dir=" + profile.toAbsolutePath(),
                // Virtual time lets the page's timers and promises finish before the DOM or picture is taken.
                "--virtual-time-budget=10000"));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        builder.environment().put("HOME", profile.toAbsolutePath().toString());
        Process browser = builder.start();
        if (!browser.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            // Only this browser and the helper processes it started.
            browser.descendants().forEach(ProcessHandle::destroyForcibly);
            browser.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail("Chromium did not finish within " + TIMEOUT_SECONDS + " s; its log is " + stderr.toAbsolutePath());
        }
        if (browser.exitValue() != 0) {
            fail("Chromium exited with " + browser.exitValue() + "; its log is " + stderr.toAbsolutePath());
        }
    }
}
