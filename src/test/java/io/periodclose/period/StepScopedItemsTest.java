package io.periodclose.period;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two partitions of one worker step, each on its own thread as local partitioning runs them, through the same
 * wrapped reader, processor and writer: each must reach its own step-scoped targets, opened, updated and closed.
 */
class StepScopedItemsTest {

    private AnnotationConfigApplicationContext context;
    private long stepIds;

    @BeforeEach
    void start() {
        context = new AnnotationConfigApplicationContext(Items.class);
    }

    @AfterEach
    void stop() {
        context.close();
    }

    @Test
    void eachPartitionThreadReadsProcessesAndWritesThroughItsOwnTargets() throws Exception {
        ItemStreamReader<String> reader = StepScopedItems.reader(context.getBean("reader", RangeReader.class));
        ItemProcessor<String, String> processor = StepScopedItems.processor(
                context.getBean("processor", Tagger.class));
        ItemWriter<String> writer = StepScopedItems.writer(context.getBean("writer", Collector.class));
        JobExecution job = new JobExecution(1L, new JobInstance(1L, "job"), new JobParameters());

        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<String>>> partitions = new ArrayList<>();
            // both partitions open their streams before either reads: a target kept for all threads would be lost
            CyclicBarrier bothOpen = new CyclicBarrier(2);
            for (String range : List.of("a", "b")) {
                StepExecution step = new StepExecution(++stepIds, "worker:" + range, job);
                step.getExecutionContext().putString("range", range);
                partitions.add(threads.submit(() -> runPartition(step, reader, processor, writer, bothOpen)));
            }
            assertThat(partitions.get(0).get()).containsExactly(
                    "open a", "a1 by a", "a2 by a", "a3 by a", "wrote [a1 by a, a2 by a, a3 by a] at a",
                    "update a", "close a");
            assertThat(partitions.get(1).get()).containsExactly(
                    "open b", "b1 by b", "b2 by b", "b3 by b", "wrote [b1 by b, b2 by b, b3 by b] at b",
                    "update b", "close b");
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aStreamThatIsNotOpenOnThisThreadIsRefused() {
        ItemStreamReader<String> reader = StepScopedItems.reader(context.getBean("reader", RangeReader.class));
        assertThatThrownBy(reader::read).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has not opened");
    }

    @Test
    void onlyScopedProxiesAreWrapped() {
        assertThatThrownBy(() -> StepScopedItems.writer(new Collector("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a scoped proxy");
    }

    @Test
    void aListenerIsRefusedBecauseTheStepWouldNeverCallIt() {
        ItemWriter<String> writer = StepScopedItems.writer(context.getBean("listeningWriter", ListeningWriter.class));
        StepExecution step = new StepExecution(++stepIds, "worker",
                new JobExecution(2L, new JobInstance(2L, "job"), new JobParameters()));
        StepSynchronizationManager.register(step);
        try {
            assertThatThrownBy(() -> ((ItemStream) writer).open(step.getExecutionContext()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("step listener");
        } finally {
            StepSynchronizationManager.close();
        }
    }

    /** What the chunk step does with its streams and items, on this thread, for one partition. */
    private static List<String> runPartition(StepExecution step, ItemStreamReader<String> reader,
                                             ItemProcessor<String, String> processor, ItemWriter<String> writer,
                                             CyclicBarrier bothOpen) throws Exception {
        StepSynchronizationManager.register(step);
        try {
            ExecutionContext context = step.getExecutionContext();
            List<ItemStream> streams = List.of(reader, (ItemStream) processor, (ItemStream) writer);
            for (var stream : streams) {
                stream.open(context);
            }
            bothOpen.await(10, TimeUnit.SECONDS);
            Chunk<String> chunk = new Chunk<>();
            for (String item = reader.read(); item != null; item = reader.read()) {
                chunk.add(processor.process(item));
            }
            writer.write(chunk);
            for (var stream : streams) {
                stream.update(context);
            }
            for (var stream : streams) {
                stream.close();
            }
            // the targets record their life and the items, in order, in the partition's log
            return ((RangeReader.Log) step.getExecutionContext().get("log")).lines();
        } finally {
            StepSynchronizationManager.close();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Items {

        @Bean
        static org.springframework.batch.core.scope.StepScope stepScope() {
            return new org.springframework.batch.core.scope.StepScope();
        }

        @Bean
        @StepScope
        RangeReader reader(@Value("#{stepExecutionContext['range']}") String range,
                           @Value("#{stepExecution}") StepExecution step) {
            return new RangeReader(range, log(step));
        }

        @Bean
        @StepScope
        Tagger processor(@Value("#{stepExecutionContext['range']}") String range) {
            return new Tagger(range);
        }

        @Bean
        @StepScope
        Collector writer(@Value("#{stepExecutionContext['range']}") String range) {
            return new Collector(range);
        }

        @Bean
        @StepScope
        ListeningWriter listeningWriter() {
            return new ListeningWriter();
        }

        private static RangeReader.Log log(StepExecution step) {
            RangeReader.Log log = new RangeReader.Log(new ArrayList<>());
            step.getExecutionContext().put("log", log);
            return log;
        }
    }

    /** Reads range + 1..3 and records open, update and close in the partition's log. */
    static class RangeReader implements ItemStreamReader<String> {

        record Log(List<String> lines) {
        }

        private final String range;
        private final Log log;
        private Iterator<String> items;

        RangeReader(String range, Log log) {
            this.range = range;
            this.log = log;
        }

        @Override
        public void open(ExecutionContext executionContext) {
            log.lines().add("open " + range);
            items = List.of(range + 1, range + 2, range + 3).iterator();
        }

        @Override
        public String read() {
            return items.hasNext() ? items.next() : null;
        }

        @Override
        public void update(ExecutionContext executionContext) {
            log.lines().add("update " + range);
        }

        @Override
        public void close() {
            log.lines().add("close " + range);
        }
    }

    /** Tags an item with its own range and records it in the partition's log. */
    static class Tagger implements ItemProcessor<String, String> {

        private final String range;

        Tagger(String range) {
            this.range = range;
        }

        @Override
        public String process(String item) {
            String tagged = item + " by " + range;
            log().add(tagged);
            return tagged;
        }
    }

    static class Collector implements ItemWriter<String> {

        private final String range;

        Collector(String range) {
            this.range = range;
        }

        @Override
        public void write(Chunk<? extends String> chunk) {
            log().add("wrote " + chunk.getItems() + " at " + range);
        }
    }

    static class ListeningWriter implements ItemWriter<String>, StepExecutionListener {

        @Override
        public void write(Chunk<? extends String> chunk) {
        }
    }

    private static List<String> log() {
        return ((RangeReader.Log) StepSynchronizationManager.getContext().getStepExecution().getExecutionContext()
                .get("log")).lines();
    }
}
