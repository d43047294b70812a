package io.periodclose.files;

/** A path built from data that would leave the folder it belongs in: refused, never written or served. */
public class UnsafePathException extends IllegalArgumentException {

    public UnsafePathException(String message) {
        super(message);
    }
}
