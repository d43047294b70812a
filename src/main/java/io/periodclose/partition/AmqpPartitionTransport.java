package io.periodclose.partition;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Partition requests as persistent messages on one durable RabbitMQ queue that every worker consumes: whichever
 * worker is free takes the next partition, so workers of unequal speed balance themselves.
 */
class AmqpPartitionTransport implements PartitionTransport {

    private final MessageChannel requests;
    private final AmqpAdmin admin;
    private final String queue;
    private final String brokerUrl;

    AmqpPartitionTransport(MessageChannel requests, AmqpAdmin admin, String queue, String brokerUrl) {
        this.requests = requests;
        this.admin = admin;
        this.queue = queue;
        this.brokerUrl = brokerUrl;
    }

    @Override
    public void send(PartitionRequest request) {
        requests.send(MessageBuilder.withPayload(request.toText()).build());
    }

    @Override
    public int listeningWorkers() {
        QueueInformation information = admin.getQueueInfo(queue);
        return information == null ? 0 : information.getConsumerCount();
    }

    @Override
    public int waitingRequests() {
        QueueInformation information = admin.getQueueInfo(queue);
        return information == null ? 0 : (int) information.getMessageCount();
    }

    @Override
    public String describe() {
        return "queue '" + queue + "' at " + brokerUrl;
    }
}
