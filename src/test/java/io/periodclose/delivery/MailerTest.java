package io.periodclose.delivery;

import io.periodclose.BadInputException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;

import java.net.ConnectException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a send needs configured, and which failures of the server are refusals for good. */
class MailerTest {

    @Test
    void withoutAMailServerOrFinancesAddressASendIsBadUsage() {
        Mailer noServer = new Mailer(new DefaultListableBeanFactory().getBeanProvider(JavaMailSender.class),
                new DeliveryProperties("finance@bonus.example", null, null));
        assertThatThrownBy(noServer::checkConfigured).isInstanceOf(BadInputException.class)
                .hasMessageContaining("set spring.mail.host");

        DefaultListableBeanFactory withServer = new DefaultListableBeanFactory();
        withServer.registerSingleton("mailSender", new org.springframework.mail.javamail.JavaMailSenderImpl());
        assertThatThrownBy(() -> new Mailer(withServer.getBeanProvider(JavaMailSender.class),
                new DeliveryProperties(null, null, null)).checkConfigured()).isInstanceOf(BadInputException.class)
                .hasMessageContaining("period-close.finance-email");
        assertThatThrownBy(() -> new Mailer(withServer.getBeanProvider(JavaMailSender.class),
                new DeliveryProperties("finance", null, null)).checkConfigured()).isInstanceOf(BadInputException.class)
                .hasMessageContaining("not an e-mail address");
        Mailer configured = new Mailer(withServer.getBeanProvider(JavaMailSender.class),
                new DeliveryProperties("finance@bonus.example", "bonus@vendor.example", null));
        configured.checkConfigured();
        assertThat(configured.from()).isEqualTo("bonus@vendor.example");
        assertThat(configured.newMessageId()).matches("<[0-9a-f-]{36}\\.period-close@vendor\\.example>");
    }

    @Test
    void aFiveHundredReplyOrARefusedRecipientIsForGoodAndAnythingElseMayPass() throws Exception {
        InternetAddress[] none = new InternetAddress[0];
        InternetAddress[] one = {new InternetAddress("x@refused.example")};
        // JavaMail: SendFailedException("Invalid Addresses") whose next exception is the server's RCPT reply
        SendFailedException rcpt = new SendFailedException("Invalid Addresses",
                new MessagingException("550 5.1.1 <x@refused.example>: User unknown"), none, none, one);
        assertThat(Mailer.refusal(failed(rcpt))).contains("550 5.1.1 <x@refused.example>: User unknown");
        assertThat(Mailer.refusal(failed(new MessagingException("554 5.3.4 Message too big"))))
                .contains("554 5.3.4 Message too big");

        SendFailedException busy = new SendFailedException("Invalid Addresses",
                new MessagingException("450 4.2.1 Mailbox busy, try later"), none, none, one);
        assertThat(Mailer.refusal(failed(busy))).isEmpty();
        assertThat(Mailer.refusal(failed(new MessagingException("Couldn't connect to host",
                new ConnectException("Connection refused"))))).isEmpty();
        assertThat(Mailer.refusal(failed(new MessagingException("421 4.3.2 Service shutting down")))).isEmpty();
    }

    private static MailSendException failed(Exception cause) {
        return new MailSendException(Map.of(new Object(), cause));
    }

    @Test
    void theSmtpConnectionHasTimeoutsUnlessConfiguredOtherwise() throws Exception {
        java.util.Properties shipped = org.springframework.core.io.support.PropertiesLoaderUtils.loadProperties(
                new org.springframework.core.io.ClassPathResource("application.properties"));
        assertThat(shipped).containsEntry("spring.mail.properties.mail.smtp.connectiontimeout", "30000")
                .containsEntry("spring.mail.properties.mail.smtp.timeout", "60000")
                .containsEntry("spring.mail.properties.mail.smtp.writetimeout", "60000");
    }
}
