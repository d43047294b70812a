package io.periodclose.delivery;

/**
 * The SMTP server refused a message for good (a 5xx reply: unknown mailbox at RCPT, message rejected at DATA) or
 * the address cannot be written at all: sending it again would fail the same way. {@code reply} is the server's.
 */
public class MailRefusedException extends RuntimeException {

    private final String reply;

    public MailRefusedException(String reply, Throwable cause) {
        super(reply, cause);
        this.reply = reply;
    }

    public String reply() {
        return reply;
    }
}
