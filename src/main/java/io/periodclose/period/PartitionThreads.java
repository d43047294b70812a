package io.periodclose.period;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/** The threads local partitions run on: as many as partitions, so every partition of a step runs at once. */
@Configuration(proxyBeanMethods = false)
class PartitionThreads {

    @Bean
    ThreadPoolTaskExecutor partitionTaskExecutor(
            @Value("${period-close.grid-size:0}") int gridSize) {
        int threads = Partitioning.localGridSize(gridSize);
        ThreadPoolTaskExecutor pool = new ThreadPoolTaskExecutor();
        pool.setCorePoolSize(threads);
        pool.setMaxPoolSize(threads);
        pool.setThreadNamePrefix("partition-");
        pool.setDaemon(true);
        return pool;
    }
}
