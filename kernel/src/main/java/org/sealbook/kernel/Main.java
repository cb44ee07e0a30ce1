package org.sealbook.kernel;

import java.nio.file.Path;
import java.util.Optional;
import org.sealbook.kernel.protocol.Kernel;
import org.sealbook.kernel.wire.ConnectionInfo;

/** {@code java org.sealbook.kernel.Main CONNECTION_FILE}: what Jupyter runs, as the kernelspec says. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Log.info("Sealbook kernel starting (Java " + Runtime.version() + ").");
        if (args.length != 1) {
            Log.warn("Usage: java org.sealbook.kernel.Main CONNECTION_FILE (Jupyter passes the file when it starts the kernel).");
            System.exit(2);
        }
        ConnectionInfo info = ConnectionInfo.read(Path.of(args[0]));
        exitWithParent();
        new Kernel(info).run();
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
