package org.alignmentmonitor.monitor.runtime.tail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer loop outside Kafka Streams, supervised: any failure closes the consumer, waits a
 * growing backoff and starts a fresh consumer from a safe position, so a broker blip or a bad
 * moment in a handler never leaves a loop silently dead. Its state feeds {@code /health} and metrics.
 */
public final class SupervisedTail<K, V> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SupervisedTail.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final TailSpec<K, V> spec;
    private final TailHandler<K, V> handler;
    private final Backoff backoff;
    private final Thread thread;
    private final Counter records;
    private final Counter restarts;
    /** FROM_BEGINNING: the next offset to read per partition, so a restart neither skips nor repeats. */
    private final Map<TopicPartition, Long> resumeAt = new HashMap<>();
    private volatile KafkaConsumer<K, V> consumer;
    private volatile boolean closed;
    private volatile TailState state = TailState.STARTING;
    private volatile int consecutiveFailures;
    private volatile String lastError;

    SupervisedTail(TailSpec<K, V> spec, TailHandler<K, V> handler, Backoff backoff, MeterRegistry registry) {
        this.spec = spec;
        this.handler = handler;
        this.backoff = backoff;
        this.records = Counter.builder("alignment_monitor_tail_records").description("Records handed to a supervised topic tail")
                .tag("tail", spec.name()).register(registry);
        this.restarts = Counter.builder("alignment_monitor_tail_restarts").description("Restarts of a supervised topic tail after a failure")
                .tag("tail", spec.name()).register(registry);
        Gauge.builder("alignment_monitor_tail_up", this, t -> t.health().healthy() ? 1 : 0)
                .description("1 while a supervised topic tail is healthy").tag("tail", spec.name()).register(registry);
        this.thread = new Thread(this::supervise, spec.name());
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    public String name() {
        return spec.name();
    }

    public TailHealth health() {
        return new TailHealth(spec.name(), state, (long) restarts.count(), consecutiveFailures, lastError);
    }

    private void supervise() {
        try {
            while (!closed) {
                try (KafkaConsumer<K, V> c = new KafkaConsumer<>(new HashMap<>(spec.consumerConfig()), spec.keys(), spec.values())) {
                    consumer = c;
                    if (closed) {
                        return;
                    }
                    position(c);
                    state = TailState.RUNNING;
                    read(c);
                } catch (WakeupException e) {
                    if (!closed) {
                        failed(new IllegalStateException("woken up while not closing", e));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    if (!closed) {
                        failed(e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Error e) {
            state = TailState.FAILED;
            lastError = e.toString();
            LOG.error("Topic tail {} died; it is not restarted", spec.name(), e);
            throw e;
        } finally {
            if (state != TailState.FAILED) {
                state = TailState.STOPPED;
            }
        }
    }

    private void read(KafkaConsumer<K, V> c) throws Exception {
        while (!closed) {
            handler.beforePoll(c);
            ConsumerRecords<K, V> batch = c.poll(POLL);
            for (ConsumerRecord<K, V> record : batch) {
                handler.accept(record);
                records.increment();
                if (spec.start() == TailSpec.Start.FROM_BEGINNING) {
                    resumeAt.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
                }
            }
            handler.afterBatch(c, batch.count());
            consecutiveFailures = 0;
        }
    }

    private void position(KafkaConsumer<K, V> c) {
        if (spec.start() == TailSpec.Start.GROUP) {
            c.subscribe(spec.topics(), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    handler.onAssigned(partitions);
                }

                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    handler.onRevoked(partitions);
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    handler.onRevoked(partitions);
                }
            });
            return;
        }
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : spec.topics()) {
            var infos = c.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " has no partitions (does it exist?)");
            }
            infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        c.assign(partitions);
        List<TopicPartition> fresh = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            Long next = resumeAt.get(tp);
            if (next == null) {
                fresh.add(tp);
            } else {
                c.seek(tp, next);
            }
        }
        c.seekToBeginning(fresh);
    }

    private void failed(Exception e) throws InterruptedException {
        consecutiveFailures++;
        lastError = e.toString();
        state = TailState.RESTARTING;
        restarts.increment();
        Duration wait = backoff.after(consecutiveFailures);
        LOG.error("Topic tail {} failed ({} in a row); restarting in {} ms", spec.name(), consecutiveFailures, wait.toMillis(), e);
        long until = System.nanoTime() + wait.toNanos();
        while (!closed && System.nanoTime() < until) {
            Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        KafkaConsumer<K, V> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        thread.join(spec.closeTimeout().toMillis());
    }
}
