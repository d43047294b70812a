package io.periodclose.delivery;

import io.periodclose.BadInputException;
import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Sends one message over the SMTP server of {@code spring.mail.*} and tells a refusal for good
 * ({@link MailRefusedException}: a 5xx reply, an address that cannot be written) from a passing failure (the server
 * unreachable, a 4xx reply, authentication), which is thrown as it came: the message was not accepted and may be
 * sent again later. The Message-ID is chosen before sending, so it is on record even while the message is in flight.
 */
@Component
public class Mailer {

    /** A file attached to a message. */
    public record Attachment(String name, byte[] bytes, String contentType) {
    }

    private static final Pattern PERMANENT_REPLY = Pattern.compile("^5[0-9][0-9][ -].*", Pattern.DOTALL);
    private static final Pattern ANY_REPLY = Pattern.compile("^[2-5][0-9][0-9][ -].*", Pattern.DOTALL);

    private final ObjectProvider<JavaMailSender> senders;
    private final DeliveryProperties properties;

    public Mailer(ObjectProvider<JavaMailSender> senders, DeliveryProperties properties) {
        this.senders = senders;
        this.properties = properties;
    }

    /** Refuses as bad usage what a send cannot do without: the SMTP server, finance's and the sender's address. */
    public void checkConfigured() {
        sender();
        finance();
        from();
    }

    /** Where the covering text sends the distributor for its fund and progress; {@code null} without a public URL. */
    public String portal() {
        return properties.portal();
    }

    public String finance() {
        return address(properties.financeEmail(), "period-close.finance-email (PERIOD_CLOSE_FINANCE_EMAIL)",
                "finance's address, which gets the summary of every send");
    }

    public String from() {
        String from = properties.mailFrom() == null || properties.mailFrom().isBlank()
                ? properties.financeEmail() : properties.mailFrom();
        return address(from, "period-close.mail-from (PERIOD_CLOSE_MAIL_FROM)", "the sender's address");
    }

    private static String address(String value, String property, String what) {
        if (value == null || value.isBlank()) {
            throw new BadInputException(what + " is not configured: set " + property);
        }
        try {
            new InternetAddress(value.strip(), true);
        } catch (AddressException e) {
            throw new BadInputException(property + " is not an e-mail address: " + value);
        }
        return value.strip();
    }

    private JavaMailSender sender() {
        JavaMailSender sender = senders.getIfAvailable();
        if (sender == null) {
            throw new BadInputException("no mail server is configured: set spring.mail.host (SPRING_MAIL_HOST),"
                    + " and spring.mail.port, .username, .password as the server needs; see the README's send"
                    + " section");
        }
        return sender;
    }

    /** A new Message-ID in the sender's domain, unique without asking the database. */
    public String newMessageId() {
        String from = from();
        return "<" + UUID.randomUUID() + ".period-close@" + from.substring(from.lastIndexOf('@') + 1) + ">";
    }

    /**
     * Sends a plain-text message with its attachments under the given Message-ID; returns once the server accepted
     * it. Throws {@link MailRefusedException} when it was refused for good, anything else when it was not accepted
     * for a reason that may pass.
     */
    public void send(String messageId, String to, String subject, String text, List<Attachment> attachments) {
        JavaMailSender sender = sender();
        MimeMessage message = sender.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, !attachments.isEmpty(), "UTF-8");
            helper.setFrom(from());
            try {
                helper.setTo(new InternetAddress(to, true));
            } catch (AddressException e) {
                throw new MailRefusedException("not an e-mail address: " + to, e);
            }
            helper.setSubject(subject);
            helper.setText(text, false);
            for (Attachment attachment : attachments) {
                helper.getMimeMultipart().addBodyPart(part(attachment));
            }
            // kept by JavaMailSenderImpl, which sets a Message-ID it finds before saving the message again
            message.setHeader("Message-ID", messageId);
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot build the message to " + to + ": " + e.getMessage(), e);
        }
        try {
            sender.send(message);
        } catch (MailSendException e) {
            Optional<String> refusal = refusal(e);
            if (refusal.isPresent()) {
                throw new MailRefusedException(refusal.get(), e);
            }
            throw e;
        }
    }

    /**
     * An attachment always in base64: a CSV sent as text would have its line ends rewritten on the way, and arrive
     * with another SHA-256 than the file's.
     */
    private static MimeBodyPart part(Attachment attachment) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment.bytes(), attachment.contentType())));
        part.setDisposition(Part.ATTACHMENT);
        try {
            part.setFileName(MimeUtility.encodeText(attachment.name(), "UTF-8", null));
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
        part.setHeader("Content-Transfer-Encoding", "base64");
        return part;
    }

    /**
     * The server's reply when the failure is a refusal for good: a recipient refused (at RCPT) or a 5xx reply to the
     * message. JavaMail nests the server's reply lines as the messages of its exceptions.
     */
    static Optional<String> refusal(MailSendException e) {
        List<Throwable> failures = new java.util.ArrayList<>(e.getFailedMessages().values());
        if (failures.isEmpty() && e.getCause() != null) {
            failures.add(e.getCause());
        }
        for (Throwable failure : failures) {
            boolean invalidAddress = false;
            String reply = null;
            for (Throwable t = failure; t != null; t = next(t)) {
                if (t instanceof SendFailedException sendFailed && sendFailed.getInvalidAddresses() != null
                        && sendFailed.getInvalidAddresses().length > 0) {
                    invalidAddress = true;
                }
                String message = t.getMessage() == null ? "" : t.getMessage().strip();
                if (ANY_REPLY.matcher(message).matches()) {
                    reply = message;
                }
            }
            if (reply != null && PERMANENT_REPLY.matcher(reply).matches()) {
                return Optional.of(reply);
            }
            if (invalidAddress && reply == null) {
                return Optional.of(failure.getMessage());
            }
        }
        return Optional.empty();
    }

    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException messaging && messaging.getNextException() != null
                && messaging.getNextException() != t) {
            return messaging.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }
}
