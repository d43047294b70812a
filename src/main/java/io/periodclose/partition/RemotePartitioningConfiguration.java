package io.periodclose.partition;

import com.rabbitmq.client.Channel;
import io.periodclose.BadInputException;
import io.periodclose.ops.RunningJobGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.AmqpTemplate;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.integration.config.annotation.EnableBatchIntegration;
import org.springframework.batch.integration.partition.BeanFactoryStepLocator;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.MessageChannel;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one place that knows the transport of remote partitioning ({@code period-close.partitioning=remote}): a
 * durable RabbitMQ queue, Spring Boot's {@code spring.rabbitmq.*} connection, Spring Integration's AMQP adapters.
 * The manager's {@link RemotePartitionHandler} sends through the outbound flow; a {@code worker} process
 * ({@code period-close.worker.enabled=true}) consumes with {@code worker-threads} consumers, one partition each.
 * The steps themselves are the same beans as in local mode, found by name.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "period-close.partitioning", havingValue = "remote")
@EnableBatchIntegration
public class RemotePartitioningConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RemotePartitioningConfiguration.class);

    /**
     * {@code period-close.partitions.DATABASE} unless set: the manager and its workers share a database, so they meet
     * on one queue, and workers of another database (a test copy, another company) never take its requests.
     */
    @Bean
    Queue partitionQueue(@Value("${period-close.partition-queue:}") String queue, JdbcTemplate jdbc) {
        String name = queue.isBlank()
                ? "period-close.partitions." + jdbc.queryForObject("SELECT current_database()", String.class)
                : queue;
        return new Queue(name, true);
    }

    @Bean
    DirectChannel partitionRequests() {
        return new DirectChannel();
    }

    @Bean
    IntegrationFlow partitionRequestsToBroker(MessageChannel partitionRequests, AmqpTemplate amqpTemplate, Queue partitionQueue) {
        return IntegrationFlow.from(partitionRequests)
                .handle(Amqp.outboundAdapter(amqpTemplate).routingKey(partitionQueue.getName()))
                .get();
    }

    @Bean
    PartitionTransport partitionTransport(MessageChannel partitionRequests, AmqpAdmin amqpAdmin, Queue partitionQueue,
                                          ConnectionFactory connectionFactory) {
        return new AmqpPartitionTransport(partitionRequests, amqpAdmin, partitionQueue.getName(),
                brokerUrl(connectionFactory));
    }

    /** A broker that cannot be reached is said at start, with its address, not at the first partition. */
    @Bean
    SmartInitializingSingleton brokerCheck(ConnectionFactory connectionFactory, AmqpAdmin amqpAdmin, Queue partitionQueue) {
        return () -> {
            try {
                connectionFactory.createConnection().close();
            } catch (RuntimeException e) {
                Throwable cause = e;
                while (cause.getCause() != null) {
                    cause = cause.getCause();
                }
                throw new BadInputException("cannot reach the message broker at " + brokerUrl(connectionFactory)
                        + " (remote partitioning; spring.rabbitmq.* / SPRING_RABBITMQ_HOST, _PORT, _USERNAME, "
                        + "_PASSWORD): " + cause.getMessage());
            }
            amqpAdmin.declareQueue(partitionQueue);
        };
    }

    @Bean
    HealthIndicator partitionBroker(PartitionTransport partitionTransport) {
        return () -> {
            try {
                int workers = partitionTransport.listeningWorkers();
                return Health.up().withDetail("queue", partitionTransport.describe())
                        .withDetail("workerConsumers", workers)
                        .withDetail("waitingPartitions", partitionTransport.waitingRequests()).build();
            } catch (RuntimeException e) {
                return Health.down().withDetail("queue", partitionTransport.describe())
                        .withDetail("error", String.valueOf(e.getMessage())).build();
            }
        };
    }

    static String brokerUrl(ConnectionFactory connectionFactory) {
        String vhost = connectionFactory.getVirtualHost();
        return "amqp://" + connectionFactory.getHost() + ":" + connectionFactory.getPort()
                + ("/".equals(vhost) || vhost == null ? "" : "/" + vhost);
    }

    // ---- the worker process ----

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "period-close.worker.enabled", havingValue = "true")
    static class Worker {

        @Bean(destroyMethod = "close")
        PartitionWorker partitionWorker(JobRepository jobRepository, ApplicationContext context, PartitionClaims claims,
                                        RunningJobGuard runningJobs) {
            BeanFactoryStepLocator steps = new BeanFactoryStepLocator();
            steps.setBeanFactory(context.getAutowireCapableBeanFactory());
            return new PartitionWorker(jobRepository, steps, claims, WorkerIdentity.current(), runningJobs::isAlive);
        }

        @Bean
        SimpleMessageListenerContainer partitionListener(ConnectionFactory connectionFactory, Queue partitionQueue,
                @Value("${period-close.worker-threads:#{T(java.lang.Runtime).getRuntime().availableProcessors()}}")
                int threads) {
            SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
            container.setQueueNames(partitionQueue.getName());
            // acknowledged by the worker once the partition has ended or was dropped (see PartitionWorker)
            container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
            // one request at a time per consumer, unacknowledged while it runs: a busy worker holds no request
            // that a free one could run
            container.setPrefetchCount(1);
            container.setConcurrentConsumers(Math.max(1, threads));
            container.setDefaultRequeueRejected(true);
            // stopping waits for the running partitions, which end after their current chunk (see WorkerCommand)
            container.setShutdownTimeout(120_000);
            return container;
        }

        @Bean
        IntegrationFlow partitionRequestsFromBroker(SimpleMessageListenerContainer partitionListener,
                                                    PartitionWorker partitionWorker) {
            return IntegrationFlow.from(Amqp.inboundAdapter(partitionListener))
                    .handle(message -> {
                        Channel channel = message.getHeaders().get(AmqpHeaders.CHANNEL, Channel.class);
                        Long tag = message.getHeaders().get(AmqpHeaders.DELIVERY_TAG, Long.class);
                        Runnable acknowledge = () -> {
                            try {
                                channel.basicAck(tag, false);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        };
                        PartitionRequest request;
                        try {
                            request = PartitionRequest.parse(String.valueOf(message.getPayload() instanceof byte[] bytes
                                    ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8) : message.getPayload()));
                        } catch (IllegalArgumentException e) {
                            log.error("Dropped a message that is not a partition request: {}", e.getMessage());
                            acknowledge.run();
                            return;
                        }
                        partitionWorker.run(request, acknowledge);
                    })
                    .get();
        }
    }
}
