package org.sealbook.kernel.eval;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Runs snippets inside the kernel's JVM, each on a fresh thread that inherits the cell's output context,
 * and keeps the value of the last expression as an object so it can be rendered richly, not just as text.
 * {@link #stop()} is JShell's stop: it ends the running snippet's thread, even in a {@code while(true){}}.
 */
final class CellExecutionControl extends DirectExecutionControl {
    private final Object lock = new Object();
    private Thread running;
    private boolean stopRequested;
    private volatile Object lastValue;
    /** JShell reports a stopped snippet as if nothing happened, so the evaluator asks here. */
    private volatile boolean lastStopped;

    Object lastValue() {
        return lastValue;
    }

    boolean lastStopped() {
        return lastStopped;
    }

    void forgetLastRun() {
        lastValue = null;
        lastStopped = false;
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        Object[] value = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread worker = new Thread(() -> {
            try {
                value[0] = doitMethod.invoke(null);
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "sealbook-cell");
        synchronized (lock) {
            running = worker;
            stopRequested = false;
        }
        worker.start();
        boolean stopped;
        try {
            worker.join();
        } finally {
            synchronized (lock) {
                running = null;
                stopped = stopRequested;
            }
        }
        if (stopped) {
            lastStopped = true;
            throw new StoppedException();
        }
        if (failure[0] instanceof Exception e) {
            throw e; // InvocationTargetException: DirectExecutionControl turns it into the user's exception
        }
        if (failure[0] != null) {
            throw new InvocationTargetException(failure[0]);
        }
        lastValue = value[0];
        return valueString(value[0]);
    }

    @Override
    @SuppressWarnings({"removal", "deprecation"})
    public void stop() {
        synchronized (lock) {
            if (running == null) {
                return;
            }
            stopRequested = true;
            try {
                running.stop(); // the only way to end a loop that never checks for interruption
            } catch (UnsupportedOperationException e) {
                running.interrupt(); // Java 20+ removed Thread.stop; code that checks interruption still ends
            }
        }
    }

    /** Hands JShell this one control instance, so the evaluator can read values and stop snippets. */
    static final class Provider implements ExecutionControlProvider {
        private final CellExecutionControl control;

        Provider(CellExecutionControl control) {
            this.control = control;
        }

        @Override
        public String name() {
            return "sealbook";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            return control;
        }
    }
}
