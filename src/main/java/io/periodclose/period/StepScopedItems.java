package io.periodclose.period;

import org.springframework.aop.scope.ScopedObject;
import org.springframework.batch.core.listener.StepListener;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * A worker step's {@code @StepScope} reader, processor and writer, called directly for every item instead of
 * through their scoped proxies.
 *
 * <p>A step-scoped bean reaches a step as a proxy that, on every call, looks its target up in the step scope (a bean
 * factory lookup) and invokes it through reflection. A partitioned close reads and processes 20,000 items per step
 * this way. Per call that is little, but it is one path shared by every step's reader, which the optimising compiler
 * compiles again whenever a step brings a new one: with the project's own code kept from that compiler (an
 * experiment), the path's reflective accessor took over a second of compilation in a 3-second close, on two cores
 * a core taken from the steps (bench/CLOSE.md).
 *
 * <p>Here the step's component is a thin wrapper: when the partition's step opens its streams (the step scope is
 * active then, on the thread that runs the partition), it takes the scoped bean's target once and keeps it for
 * that thread until the step closes its streams. Each partition still gets its own reader, processor and writer,
 * made by the step scope from its own step execution context, so local threads and remote workers see no
 * difference. Only scoped proxies may be wrapped.
 */
public final class StepScopedItems {

    private StepScopedItems() {
    }

    /** The scoped proxy {@code reader}'s target for the partition running on the calling thread. */
    public static <T> ItemStreamReader<T> reader(ItemStreamReader<T> reader) {
        return new Reader<>(reader);
    }

    public static <I, O> ItemProcessor<I, O> processor(ItemProcessor<I, O> processor) {
        return new Processor<>(processor);
    }

    public static <T> ItemWriter<T> writer(ItemWriter<T> writer) {
        return new Writer<>(writer);
    }

    /** The target of one scoped proxy per thread, from {@link #open} to {@link #close}, opened and closed with it. */
    private static class Target<C> implements ItemStream {

        private final ScopedObject scoped;
        private final ThreadLocal<C> current = new ThreadLocal<>();

        Target(Object scoped) {
            if (!(scoped instanceof ScopedObject object)) {
                throw new IllegalArgumentException(scoped.getClass().getName() + " is not a scoped proxy");
            }
            this.scoped = object;
        }

        @SuppressWarnings("unchecked")
        @Override
        public void open(ExecutionContext executionContext) {
            C target = (C) scoped.getTargetObject();
            if (target instanceof StepListener) {
                // the step registers the listeners among its reader, processor and writer when it is built: this
                // one it would never call
                throw new IllegalStateException(target.getClass().getName() + " is a step listener; register it"
                        + " with the step instead of wrapping it");
            }
            current.set(target);
            if (target instanceof ItemStream stream) {
                stream.open(executionContext);
            }
        }

        @Override
        public void update(ExecutionContext executionContext) {
            if (current.get() instanceof ItemStream stream) {
                stream.update(executionContext);
            }
        }

        @Override
        public void close() {
            C target = current.get();
            current.remove();
            if (target instanceof ItemStream stream) {
                stream.close();
            }
        }

        C target() {
            C target = current.get();
            if (target == null) {
                throw new IllegalStateException("the step has not opened its streams on this thread");
            }
            return target;
        }
    }

    private static final class Reader<T> extends Target<ItemStreamReader<T>> implements ItemStreamReader<T> {

        Reader(ItemStreamReader<T> scoped) {
            super(scoped);
        }

        @Override
        public T read() throws Exception {
            return target().read();
        }
    }

    private static final class Processor<I, O> extends Target<ItemProcessor<I, O>> implements ItemProcessor<I, O> {

        Processor(ItemProcessor<I, O> scoped) {
            super(scoped);
        }

        @Override
        public O process(I item) throws Exception {
            return target().process(item);
        }
    }

    private static final class Writer<T> extends Target<ItemWriter<T>> implements ItemWriter<T> {

        Writer(ItemWriter<T> scoped) {
            super(scoped);
        }

        @Override
        public void write(Chunk<? extends T> chunk) throws Exception {
            target().write(chunk);
        }
    }
}
