package io.ward.attack.catalog;

/** A catalog or rules file that cannot be used; the message names the file and the entry at fault. */
public class DataFileException extends RuntimeException {

    public DataFileException(String message) {
        super(message);
    }

    public DataFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
