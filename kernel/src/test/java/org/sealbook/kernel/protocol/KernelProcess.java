package org.sealbook.kernel.protocol;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The real kernel as a child JVM: a connection file on five free local ports with a random key, the test JVM's
 * class path, and a private JUPYTER_DATA_DIR. The child runs on the test JVM's own Java unless the system property
 * {@code sealbook.test.java} names another {@code java} binary, so the same tests check the kernel on another JDK
 * (CI reruns them on Java 25). Everything the kernel writes to stdout and stderr is kept, so a
 * failing test can show it ({@link KernelLogOnFailure}). Closing kills the process.
 */
final class KernelProcess implements AutoCloseable {
    /** Every kernel the tests started, in order; {@link KernelLogOnFailure} prints the ones a failure concerns. */
    static final List<KernelProcess> STARTED = new CopyOnWriteArrayList<>();

    final int shellPort;
    final int controlPort;
    final int iopubPort;
    final int stdinPort;
    final int hbPort;
    final String key;
    private final Path work;
    private final Process process;
    private final StringBuffer log = new StringBuffer();
    private final Thread logPump;

    /** Kernel settings beyond the defaults: environment variables, where history goes, the transport. */
    record Options(Path dataDir, Map<String, String> env, String transport) {
        static Options defaults() {
            return new Options(null, Map.of(), "tcp");
        }

        Options withDataDir(Path dir) {
            return new Options(dir, env, transport);
        }

        Options withEnv(String name, String value) {
            Map<String, String> more = new HashMap<>(env);
            more.put(name, value);
            return new Options(dataDir, Map.copyOf(more), transport);
        }

        Options withTransport(String name) {
            return new Options(dataDir, env, name);
        }
    }

    static KernelProcess start() {
        return start(Options.defaults());
    }

    static KernelProcess start(Options options) {
        try {
            return new KernelProcess(options);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the kernel", e);
        }
    }

    private KernelProcess(Options options) throws IOException {
        work = Files.createTempDirectory("sealbook-kernel-");
        int[] ports = freePorts(5);
        shellPort = ports[0];
        controlPort = ports[1];
        iopubPort = ports[2];
        stdinPort = ports[3];
        hbPort = ports[4];
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        key = HexFormat.of().formatHex(secret);
        Path connection = work.resolve("connection.json");
        Files.writeString(connection, String.format("""
                {"transport": "%s", "ip": "%s", "shell_port": %d, "control_port": %d, "iopub_port": %d,
                 "stdin_port": %d, "hb_port": %d, "key": "%s", "signature_scheme": "hmac-sha256", "kernel_name": "sealbook"}
                """, options.transport(), options.transport().equals("ipc") ? work.resolve("kernel").toString() : "127.0.0.1",
                shellPort, controlPort, iopubPort, stdinPort, hbPort, key));

        Path dataDir = options.dataDir() != null ? options.dataDir() : work.resolve("data");
        ProcessBuilder pb = new ProcessBuilder(javaBinary(), "-Djava.awt.headless=true", "-cp", childClassPath(),
                "org.sealbook.kernel.Main", connection.toString())
                .directory(work.toFile())
                .redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(name -> name.startsWith("SEALBOOK_") || name.startsWith("JPY_") || name.startsWith("JUPYTER_"));
        env.put("JUPYTER_DATA_DIR", dataDir.toString());
        env.put("SEALBOOK_DEBUG", "1");
        env.putAll(options.env());
        process = pb.start();
        logPump = new Thread(() -> pump(process.getInputStream()), "kernel-log-" + process.pid());
        logPump.setDaemon(true);
        logPump.start();
        STARTED.add(this);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Fails at once when the kernel process has ended, which no test expects while it waits for an answer. */
    void assertAlive(String doing) {
        if (!process.isAlive()) {
            throw new AssertionError("The kernel process exited with status " + process.exitValue() + " while " + doing
                    + "; its log is printed above the failure.");
        }
    }

    /** True when the process ended within the timeout. */
    boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The exit status of a kernel that has ended. */
    int exitStatus() {
        return process.exitValue();
    }

    /** What the kernel wrote to stdout and stderr so far. */
    String log() {
        return log.toString();
    }

    /** The kernel's threads as {@code jcmd Thread.print} lists them, for timeouts. */
    String threadDump() {
        if (!process.isAlive()) {
            return "(the kernel process has exited with status " + process.exitValue() + ")";
        }
        try {
            Path jcmd = Path.of(javaBinary()).resolveSibling("jcmd"); // the kernel's own JDK, which may not be ours
            Process p = new ProcessBuilder(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd", Long.toString(pid()), "Thread.print")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "(no thread dump: " + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(no thread dump: interrupted)";
        }
    }

    /** CPU ticks per thread, by thread name and id, to say which threads were busy when the total is too high. */
    Map<String, Long> cpuTicksByThread() throws IOException {
        Map<String, Long> out = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid()), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    out.put(Files.readString(task.resolve("comm")).strip() + " #" + task.getFileName(), ticks(task.resolve("stat")));
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            }
        }
        return out;
    }

    private static long ticks(Path stat) throws IOException {
        String text = Files.readString(stat);
        // Fields after the command name, which is in parentheses and may hold spaces: state is field 3, utime 14, stime 15.
        String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            logPump.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException | UncheckedIOException e) {
            // a leftover temp folder is harmless
        }
    }

    @Override
    public String toString() {
        return "kernel pid " + pid() + " (shell port " + shellPort + ")";
    }

    private void pump(InputStream in) {
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                log.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            log.append("\n(log reader stopped: ").append(e).append(")\n");
        }
    }

    /** The {@code java} the kernel runs on: {@code sealbook.test.java} when set, else the test JVM's own. */
    static String javaBinary() {
        String chosen = System.getProperty("sealbook.test.java", "").strip();
        if (chosen.isEmpty()) {
            return Path.of(System.getProperty("java.home"), "bin", "java").toString();
        }
        if (!Files.isExecutable(Path.of(chosen))) {
            throw new IllegalStateException("sealbook.test.java names " + chosen + ", which is not an executable java binary");
        }
        return chosen;
    }

    /**
     * The test JVM's class path: target/classes and every dependency. Surefire may hide it in a manifest-only
     * booter jar; then the jar's Class-Path entries are the real class path.
     */
    static String childClassPath() throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path path = Path.of(entry);
            if (path.getFileName().toString().startsWith("surefirebooter") && Files.isRegularFile(path)) {
                entries.addAll(manifestClassPath(path));
            } else {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static List<String> manifestClassPath(Path jar) throws IOException {
        List<String> entries = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath != null) {
                for (String url : classPath.trim().split("\\s+")) {
                    entries.add(Path.of(jar.getParent().toUri().resolve(url)).toString());
                }
            }
        }
        return entries;
    }

    private static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
    }
}
