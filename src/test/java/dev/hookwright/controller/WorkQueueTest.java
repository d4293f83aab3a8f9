package dev.hookwright.controller;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class WorkQueueTest {

    @Test
    void queuesAKeyOnceHoweverOftenItIsAdded() throws InterruptedException {
        try (WorkQueue<String> queue = new WorkQueue<String>()) {
            queue.add("ns/a");
            queue.add("ns/a");
            queue.add("ns/b");
            assertThat(queue.size()).isEqualTo(2);
            assertThat(queue.take()).contains("ns/a");
            assertThat(queue.take()).contains("ns/b");
        }
    }

    @Test
    void neverHandsOutAKeyThatIsBeingProcessedButRequeuesItAfterwards() throws InterruptedException {
        try (WorkQueue<String> queue = new WorkQueue<String>()) {
            queue.add("ns/a");
            String taken = queue.take().orElseThrow();
            queue.add("ns/a");
            assertThat(queue.size()).as("added while processing: held back").isZero();
            queue.done(taken);
            assertThat(queue.size()).isEqualTo(1);
            assertThat(queue.take()).contains("ns/a");
        }
    }

    @Test
    void addsAKeyAfterItsDelay() throws InterruptedException {
        try (WorkQueue<String> queue = new WorkQueue<String>()) {
            long start = System.nanoTime();
            queue.addAfter("ns/a", Duration.ofMillis(150));
            assertThat(queue.take()).contains("ns/a");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(140));
        }
    }

    @Test
    void forgetsQueuedAndDelayedKeysWhenCleared() throws InterruptedException {
        try (WorkQueue<String> queue = new WorkQueue<String>()) {
            queue.add("ns/a");
            queue.addAfter("ns/late", Duration.ofMillis(50));
            queue.clear();
            queue.addAfter("ns/after-clear", Duration.ofMillis(100));
            assertThat(queue.take()).contains("ns/after-clear");
            assertThat(queue.size()).isZero();
        }
    }

    @Test
    void wakesBlockedWorkersWhenClosed() throws InterruptedException {
        WorkQueue<String> queue = new WorkQueue<String>();
        Optional<String>[] result = new Optional[1];
        Thread worker = new Thread(() -> {
            try {
                result[0] = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        worker.start();
        queue.close();
        worker.join(5000);
        assertThat(worker.isAlive()).isFalse();
        assertThat(result[0]).isEmpty();
    }
}
