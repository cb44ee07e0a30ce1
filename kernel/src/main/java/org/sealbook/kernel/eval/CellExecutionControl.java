package org.sealbook.kernel.eval;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;
import org.sealbook.kernel.Log;

/**
 * Runs snippets inside the kernel's JVM and keeps the value of the last expression as an object, so it can be
 * rendered richly, not just as text.
 *
 * <p>Stopping a snippet is JShell's own {@link LocalExecutionControl}, because only it can stop a
 * {@code while (true) {}} on every JDK: on Java 17 to 19 it stops the snippet's thread group (Thread.stop); from
 * Java 20, where Thread.stop is gone, it compiles a stop check into every snippet class it loads (at each method's
 * start and before each backward jump), and {@link #stop()} makes that check throw and interrupts the group's
 * threads. Its {@code invoke} keeps only the value's text, so ours hands it {@link #runCell()} to run instead of the
 * snippet: that runs the snippet, keeps the value, and rethrows what the snippet threw, which LocalExecutionControl
 * then reports exactly as for a snippet of its own.
 *
 * <p>Threads, per cell: the thread that calls JShell (it holds the cell's output context); JShell's snippet thread,
 * which it starts from there; and the cell's own thread "sealbook-cell", in a thread group of ours under JShell's,
 * which runs the snippet. All inherit the output context, so System.out and display() reach the right cell, also
 * from threads the cell starts. Threads a cell starts are in our group, which prints what they leave uncaught on
 * their cell's stderr (JShell's group would drop it). A cell returns when its own code does, not when the threads it
 * started end.
 *
 * <p>What an interrupt stops. The running cell, and none of its later snippets runs, also when the interrupt
 * comes while JShell is still compiling it (the evaluator brackets a cell with {@link #openCell()} and
 * {@link #closeCell()}); with no cell running it stops nothing. A cell is reported stopped whatever its code did
 * after the interrupt (an InterruptedException, say). Threads that the running cell started are stopped too on
 * Java 17 to 19, wherever they are; from Java 20 they are interrupted, and every thread running notebook code,
 * including a thread an earlier cell started, stops at its next check (until the next snippet starts). Library code
 * (the JDK, jars added to the class path) has no checks: from Java 20 a loop there that ignores interruption runs on
 * until it returns to notebook code. So a loop an earlier cell left running in the background survives an interrupt
 * on Java 17 and ends on 25; either way the running cell stops and the kernel goes on. Training started by magics
 * runs no notebook code: the magics' own interrupt action stops it with a checkpoint.
 */
final class CellExecutionControl extends LocalExecutionControl {
    /** What LocalExecutionControl runs on its snippet thread in place of the snippet. */
    private static final Method RUN_CELL;
    /** How long the snippet thread waits for JShell to list its threads (below) before starting the cell anyway. */
    private static final long LISTING_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);

    static {
        try {
            RUN_CELL = CellExecutionControl.class.getDeclaredMethod("runCell");
            RUN_CELL.setAccessible(true); // JShell's code calls it, and this class is not public
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The cell being handed to JShell's snippet thread, which inherits it from the thread that calls JShell. */
    private static final InheritableThreadLocal<Run> HANDED_OVER = new InheritableThreadLocal<>();

    /** One snippet's run: what to call, and what came of it. */
    private static final class Run {
        final Method snippet;
        final Thread caller;
        volatile boolean stopRequested;
        volatile Object value;

        Run(Method snippet, Thread caller) {
            this.snippet = snippet;
            this.caller = caller;
        }
    }

    private final Object lock = new Object();
    /** The snippet being run, or null. */
    private Run running;
    /** How many cells the evaluator is running (one, or none), from waiting for JShell to their last snippet's end. */
    private int openCells;
    /** The open cell was interrupted: none of its snippets runs from now on, even one still being compiled. */
    private boolean stopPending;
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

    /** The evaluator starts a cell: an interrupt from now on stops it, even one that comes before its code runs. */
    void openCell() {
        synchronized (lock) {
            if (openCells++ == 0) {
                stopPending = false;
            }
        }
    }

    /** The cell has ended; an interrupt now has nothing to stop. */
    void closeCell() {
        synchronized (lock) {
            if (--openCells == 0) {
                stopPending = false;
            }
        }
    }

    @Override
    protected String invoke(Method snippet) throws Exception {
        Run run = new Run(snippet, Thread.currentThread());
        synchronized (lock) {
            if (stopPending) {
                lastStopped = true;
                throw new StoppedException();
            }
            running = run;
        }
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        HANDED_OVER.set(run);
        try {
            String text = super.invoke(RUN_CELL);
            if (run.stopRequested) {
                throw new StoppedException(); // it finished just as it was stopped: the user asked to stop, so say so
            }
            lastValue = run.value;
            return text;
        } catch (StoppedException e) {
            lastStopped = true;
            throw e;
        } catch (Exception e) {
            if (run.stopRequested) { // e.g. the InterruptedException of a sleep the interrupt woke
                lastStopped = true;
                throw new StoppedException();
            }
            throw e;
        } finally {
            synchronized (lock) {
                running = null;
            }
            HANDED_OVER.remove();
            // Java 17's LocalExecutionControl sets a default handler that drops every uncaught exception, in every
            // thread of the kernel, and leaves it there; put back whatever was there, unless the cell set its own.
            if (isJShells(Thread.getDefaultUncaughtExceptionHandler())) {
                Thread.setDefaultUncaughtExceptionHandler(before);
            }
        }
    }

    /** {@link #stop()} for the evaluator: what JShell's own stop does, with a failure logged instead of thrown. */
    void interrupt() {
        try {
            stop();
        } catch (ExecutionControlException e) {
            Log.error("The running cell could not be stopped", e);
        }
    }

    @Override
    public void stop() throws EngineTerminationException, InternalException {
        synchronized (lock) {
            stopPending = openCells > 0; // e.g. JShell is still compiling: the cell stops when its code would start
            if (running == null) {
                return;
            }
            running.stopRequested = true;
        }
        super.stop(); // also when runCell has not started the cell yet: it starts nothing once it sees the request
    }

    /**
     * Runs on JShell's snippet thread: starts the cell's own thread, waits for it, and returns its value or throws
     * what it threw. Static because JShell calls it like a snippet, with no instance.
     */
    private static Object runCell() throws Throwable {
        Run run = HANDED_OVER.get();
        HANDED_OVER.remove(); // threads the cell starts need not hold on to it
        Thread.currentThread().setName("sealbook-cell-runner");
        Object[] value = new Object[1];
        Throwable[] failure = new Throwable[1];
        ThreadGroup cellGroup = new CellThreads(Thread.currentThread().getThreadGroup());
        Thread cell = new Thread(cellGroup, () -> {
            try {
                value[0] = run.snippet.invoke(null);
            } catch (InvocationTargetException e) {
                failure[0] = e.getCause(); // the snippet's own exception, or the stop check's ThreadDeath
            } catch (Throwable t) {
                failure[0] = t; // a Thread.stop that came before or after the snippet's code
            }
        }, "sealbook-cell");
        try {
            awaitListing(run.caller);
            if (run.stopRequested) {
                return null; // stopped before JShell was ready to stop it: invoke reports the cell stopped
            }
            cell.start();
        } finally {
            joinEvenIfStopped(cell);
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        run.value = value[0];
        return value[0];
    }

    /**
     * LocalExecutionControl lists its group's threads once, just after starting the snippet thread, and waits for
     * all of them. A thread the cell starts before that listing would hold the cell until the thread ends, so the
     * cell starts only once JShell's thread is waiting for ours.
     */
    private static void awaitListing(Thread caller) {
        long deadline = System.nanoTime() + LISTING_WAIT_NANOS;
        while (caller.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            LockSupport.parkNanos(20_000);
        }
    }

    /**
     * Waits for the cell's thread to end. The stop that ends the cell also interrupts, or on Java 17 stops, the
     * thread that waits here: it waits on, so that a stopped cell leaves nothing running.
     */
    private static void joinEvenIfStopped(Thread cell) {
        Throwable stoppedWhileWaiting = null;
        while (true) {
            try {
                cell.join();
                break;
            } catch (InterruptedException | Error e) {
                stoppedWhileWaiting = e;
            }
        }
        if (stoppedWhileWaiting instanceof Error e) {
            throw e; // Java 17's stop reached this thread: pass it on, as LocalExecutionControl expects
        }
    }

    private static boolean isJShells(Thread.UncaughtExceptionHandler handler) {
        return handler != null && handler.getClass().getName().startsWith("jdk.jshell.");
    }

    /**
     * The threads of one cell. What they leave uncaught is printed on stderr, which goes to the cell that started
     * them, as a thread outside JShell would print it; a stopped thread ends quietly.
     */
    private static final class CellThreads extends ThreadGroup {
        CellThreads(ThreadGroup jshells) {
            super(jshells, "sealbook-cell");
        }

        @Override
        @SuppressWarnings("deprecation")
        public void uncaughtException(Thread t, Throwable e) {
            if (e instanceof ThreadDeath) {
                return;
            }
            Thread.UncaughtExceptionHandler handler = Thread.getDefaultUncaughtExceptionHandler();
            if (handler != null && !isJShells(handler)) {
                handler.uncaughtException(t, e); // one the user set
                return;
            }
            System.err.print("Exception in thread \"" + t.getName() + "\" ");
            e.printStackTrace(System.err);
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
