package org.sealbook.toolkit.runs;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * When a batch or a sweep has ended, and how a reader waits for it. An interrupt of the waiting thread (a kernel
 * interrupt, Ctrl-C in JShell) stops every run after its current step, each with a checkpoint, and is passed on.
 * Usage: {@code ending.awaitStoppingOnInterrupt(this::stopAll);} on the waiting side, {@code ending.reached();} once
 * every run has a final status.
 */
public final class Ending {
    private final CountDownLatch done = new CountDownLatch(1);

    /** Every run has a final status: wake whoever waits. */
    public void reached() {
        done.countDown();
    }

    public boolean isReached() {
        return done.getCount() == 0;
    }

    /** Waits until the end, or the time is up; true when ended. */
    public boolean await(Duration limit) throws InterruptedException {
        return done.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits until the end; an interrupt of the waiting thread runs {@code stopAll} and is passed on. */
    public void awaitStoppingOnInterrupt(Runnable stopAll) throws InterruptedException {
        try {
            while (!await(Duration.ofSeconds(1))) {
                // waiting in short steps keeps the caller interruptible, also by Thread.stop
            }
        } catch (InterruptedException | ThreadDeath stopped) {
            stopAll.run();
            throw stopped;
        }
    }
}
