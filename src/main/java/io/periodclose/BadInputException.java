package io.periodclose;

/** Input that cannot be used at all (unreadable file, missing columns, invalid programme): exit code 2. */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
