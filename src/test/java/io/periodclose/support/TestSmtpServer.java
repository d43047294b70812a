package io.periodclose.support;

import com.icegreen.greenmail.smtp.SmtpConnection;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.smtp.commands.RcptCommand;
import com.icegreen.greenmail.smtp.commands.SmtpCommand;
import com.icegreen.greenmail.smtp.commands.SmtpCommandRegistry;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real SMTP server (GreenMail) on a free loopback port, for the send tests: messages travel over a socket through
 * JavaMail and are parsed back. Recipients at {@value #REFUSING_DOMAIN} are refused at RCPT with a 550, as a
 * mail server refuses an unknown mailbox (GreenMail itself accepts every recipient).
 */
public final class TestSmtpServer {

    public static final String REFUSING_DOMAIN = "refused.example";
    public static final String REFUSAL = "550 5.1.1 Recipient address rejected: User unknown in virtual mailbox table";

    /** A message as the server received it. */
    public record Received(String to, String subject, String text, String messageId, Map<String, byte[]> attachments) {
    }

    public final int port;
    private GreenMail server;

    public TestSmtpServer() {
        this.port = freePort();
        refuseRecipientsAt(REFUSING_DOMAIN);
    }

    public void start() {
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    public void stop() {
        server.stop();
    }

    public List<Received> received() {
        return Arrays.stream(server.getReceivedMessages()).map(TestSmtpServer::parse).toList();
    }

    public List<Received> receivedBy(String address) {
        return received().stream().filter(r -> r.to().equals(address)).toList();
    }

    private static Received parse(MimeMessage message) {
        try {
            String to = message.getRecipients(Message.RecipientType.TO)[0].toString();
            StringBuilder text = new StringBuilder();
            Map<String, byte[]> attachments = new LinkedHashMap<>();
            collect(message, text, attachments);
            return new Received(to, message.getSubject(), text.toString(), message.getMessageID(), attachments);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collect(Part part, StringBuilder text, Map<String, byte[]> attachments) throws Exception {
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                collect(body, text, attachments);
            }
        } else if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            attachments.put(MimeUtility.decodeText(part.getFileName()), part.getInputStream().readAllBytes());
        } else if (part.isMimeType("text/plain")) {
            // lines travel as CRLF; the text was written with LF
            text.append(((String) part.getContent()).replace("\r\n", "\n"));
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GreenMail's RCPT answers through its command registry; this one refuses the domain's recipients first. */
    @SuppressWarnings("unchecked")
    private static void refuseRecipientsAt(String domain) {
        try {
            Field commands = SmtpCommandRegistry.class.getDeclaredField("commands");
            commands.setAccessible(true);
            ((Map<String, SmtpCommand>) commands.get(null)).put("RCPT", new RcptCommand() {
                @Override
                public void execute(SmtpConnection conn, SmtpState state, SmtpManager manager, String commandLine) {
                    if (commandLine.toLowerCase(java.util.Locale.ROOT).contains("@" + domain + ">")) {
                        conn.send(REFUSAL);
                        return;
                    }
                    super.execute(conn, state, manager, commandLine);
                }
            });
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
