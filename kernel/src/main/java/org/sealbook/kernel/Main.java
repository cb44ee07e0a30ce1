package org.sealbook.kernel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.sealbook.kernel.protocol.Kernel;
import org.sealbook.kernel.wire.ConnectionInfo;

/** {@code java org.sealbook.kernel.Main CONNECTION_FILE}: what Jupyter runs, as the kernelspec says. */
public final class Main {
    static final String WARM_UP = "--warm-up";
    static final String CELL_MARK = "//--";

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Log.routeLibraryLogging();
        Log.info("Sealbook kernel starting (Java " + Runtime.version() + ").");
        if (args.length >= 1 && args[0].equals(WARM_UP)) {
            List<String> cells = new ArrayList<>();
            for (int i = 1; i < args.length; i++) {
                cells.addAll(readCells(Path.of(args[i])));
            }
            warmUp(args.length == 1 ? List.of("1 + 1") : cells);
            return;
        }
        if (args.length != 1) {
            Log.warn("Usage: java org.sealbook.kernel.Main CONNECTION_FILE (Jupyter passes the file when it starts the kernel),"
                    + " or java org.sealbook.kernel.Main --warm-up [CELLS_FILE...].");
            System.exit(2);
        }
        ConnectionInfo info = ConnectionInfo.read(Path.of(args[0]));
        if (info.transport().equals("ipc")) {
            // JeroMQ 0.6.0 (the newest release) emulates ipc with loopback TCP, which no libzmq client can reach:
            // refusing at once beats a front end that waits forever for a kernel it cannot connect to.
            Log.warn("The connection file asks for the ipc transport, which this kernel cannot serve (JeroMQ 0.6.0 has"
                    + " no Unix-socket ipc); start it with the tcp transport, Jupyter's default.");
            System.exit(2);
        }
        exitWithParent();
        new Kernel(info).run();
    }

    /**
     * {@code --warm-up [CELLS_FILE...]}: starts a kernel on free loopback ports, answers the requests of a first
     * session (the files' cells, in order, in the current folder; {@code 1 + 1} without one) and exits. The installer runs it
     * once to train the start-up archive (a class-data-sharing archive, or on JDK 24+ an ahead-of-time cache), so
     * later starts map the classes it loaded (the kernel's, the magics' and toolkit's, JeroMQ's, Gson's and javac's)
     * instead of loading and verifying them again, and on JDK 24+ find them linked and javac's methods profiled.
     */
    private static void warmUp(List<String> cells) throws Exception {
        long t0 = System.nanoTime();
        String json = String.format(Locale.ROOT, "{\"transport\":\"tcp\",\"ip\":\"127.0.0.1\",\"shell_port\":%d,"
                + "\"control_port\":%d,\"iopub_port\":%d,\"stdin_port\":%d,\"hb_port\":%d,\"key\":\"warm-up\","
                + "\"signature_scheme\":\"hmac-sha256\"}", freePort(), freePort(), freePort(), freePort(), freePort());
        new Kernel(ConnectionInfo.parse(json)).warmUp(cells);
        Log.info(String.format(Locale.ROOT, "Warm-up done: %d cells in %d ms.", cells.size(), (System.nanoTime() - t0) / 1_000_000));
        System.exit(0);
    }

    /** A cells file: cells separated by lines that start with {@value #CELL_MARK}; text before the first is a comment. */
    static List<String> readCells(Path file) throws IOException {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = null;
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith(CELL_MARK)) {
                if (cell != null && !cell.toString().isBlank()) {
                    cells.add(cell.toString().strip());
                }
                cell = new StringBuilder();
            } else if (cell != null) {
                cell.append(line).append('\n');
            }
        }
        if (cell != null && !cell.toString().isBlank()) {
            cells.add(cell.toString().strip());
        }
        return cells;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The kernel must not outlive the program that started it (JPY_PARENT_PID, else the parent process). */
    private static void exitWithParent() {
        String declared = System.getenv("JPY_PARENT_PID");
        Optional<ProcessHandle> parent = declared != null && declared.matches("\\d+")
                ? ProcessHandle.of(Long.parseLong(declared))
                : ProcessHandle.current().parent();
        parent.filter(p -> p.pid() > 1).ifPresent(p -> p.onExit().thenRun(() -> {
            Log.info("Parent process " + p.pid() + " is gone; exiting.");
            Runtime.getRuntime().halt(0);
        }));
    }
}
