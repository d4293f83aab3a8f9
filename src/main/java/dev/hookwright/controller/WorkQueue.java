package dev.hookwright.controller;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keys (Deployments) waiting to be reconciled, with client-go's guarantees: a key is queued at most
 * once however often it is added, and never handed to two workers at once (a key added while it
 * is being processed is handed out again after {@link #done}).
 */
public final class WorkQueue<K> implements AutoCloseable {
    private final LinkedHashSet<K> ready = new LinkedHashSet<>();
    private final Set<K> dirty = new HashSet<>();
    private final Set<K> processing = new HashSet<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "hookwright-queue-timer");
        thread.setDaemon(true);
        return thread;
    });
    /** Bumped by {@link #clear}: delayed adds scheduled before it are dropped. */
    private long generation;
    private boolean closed;

    public synchronized void add(K key) {
        if (closed || !dirty.add(key)) {
            return;
        }
        if (!processing.contains(key)) {
            ready.add(key);
            notifyAll();
        }
    }

    public void addAfter(K key, java.time.Duration delay) {
        long scheduledIn;
        synchronized (this) {
            if (closed) {
                return;
            }
            scheduledIn = generation;
        }
        timer.schedule(() -> {
            synchronized (this) {
                if (scheduledIn != generation) {
                    return;
                }
            }
            add(key);
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next key, blocking; empty once the queue is closed. */
    public synchronized Optional<K> take() throws InterruptedException {
        while (ready.isEmpty() && !closed) {
            wait();
        }
        if (closed) {
            return Optional.empty();
        }
        K key = ready.iterator().next();
        ready.remove(key);
        dirty.remove(key);
        processing.add(key);
        return Optional.of(key);
    }

    public synchronized void done(K key) {
        processing.remove(key);
        if (dirty.contains(key) && !closed) {
            ready.add(key);
            notifyAll();
        }
    }

    /** Forget everything queued or scheduled (the lease was lost); keys being processed finish. */
    public synchronized void clear() {
        ready.clear();
        dirty.clear();
        generation++;
    }

    public synchronized int size() {
        return ready.size();
    }

    @Override
    public synchronized void close() {
        closed = true;
        timer.shutdownNow();
        notifyAll();
    }
}
