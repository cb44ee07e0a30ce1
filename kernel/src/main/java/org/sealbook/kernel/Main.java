package org.sealbook.kernel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.sealbook.kernel.protocol.Kernel;
import org.sealbook.kernel.wire.ConnectionInfo;

/** {@code java org.sealbook.kernel.Main CONNECTION_FILE}: what Jupyter runs, as the kernelspec says. */
public final class Main {
    static final String WARM_UP = "--warm-up";

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Log.routeLibraryLogging();
        Log.info("Sealbook kernel starting (Java " + Runtime.version() + ").");
        if (args.length != 1) {
            Log.warn("Usage: java org.sealbook.kernel.Main CONNECTION_FILE (Jupyter passes the file when it starts the kernel).");
            System.exit(2);
        }
        if (args[0].equals(WARM_UP)) {
            warmUp();
            return;
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
     * {@code --warm-up}: starts a kernel on free loopback ports, runs a cell and a completion, and exits. The
     * installer runs it once with -XX:ArchiveClassesAtExit, so later starts map the classes it loaded (the kernel's,
     * JeroMQ's, Gson's and javac's) from a class-data-sharing archive instead of loading and verifying them again.
     */
    private static void warmUp() throws Exception {
        String json = String.format(Locale.ROOT, "{\"transport\":\"tcp\",\"ip\":\"127.0.0.1\",\"shell_port\":%d,"
                + "\"control_port\":%d,\"iopub_port\":%d,\"stdin_port\":%d,\"hb_port\":%d,\"key\":\"warm-up\","
                + "\"signature_scheme\":\"hmac-sha256\"}", freePort(), freePort(), freePort(), freePort(), freePort());
        new Kernel(ConnectionInfo.parse(json)).warmUp();
        Log.info("Warm-up done.");
        System.exit(0);
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
