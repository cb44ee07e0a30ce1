package org.sealbook.kernel.protocol;

import java.io.PrintStream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * When a test (or its class set-up) fails, prints the log of every kernel that may concern it: each kernel started
 * since its class began (the class's shared kernel, even one that died, and those the test started and closed)
 * and any kernel still running.
 */
final class KernelLogOnFailure implements BeforeAllCallback, TestExecutionExceptionHandler,
        LifecycleMethodExecutionExceptionHandler {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(KernelLogOnFailure.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NS).put("first", KernelProcess.STARTED.size());
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        printLogs(context);
        throw failure;
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        printLogs(context);
        throw failure;
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        printLogs(context);
        throw failure;
    }

    private static void printLogs(ExtensionContext context) {
        Integer first = context.getStore(NS).get("first", Integer.class);
        int from = first == null ? 0 : first;
        PrintStream out = System.err;
        for (int i = 0; i < KernelProcess.STARTED.size(); i++) {
            KernelProcess k = KernelProcess.STARTED.get(i);
            if (i >= from || k.isAlive()) {
                out.println("----- log of " + k + " for " + context.getDisplayName() + " -----");
                out.println(k.log());
                out.println("----- end of log of " + k + " -----");
            }
        }
    }
}
