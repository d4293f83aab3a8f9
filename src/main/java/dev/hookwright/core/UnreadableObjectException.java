package dev.hookwright.core;

/**
 * The object handed to the core cannot be read as the kind it claims to be (a Deployment whose
 * {@code replicas} is a word, say). The caller's input is at fault, so the webhook answers 400
 * and the dry run names the document; every other exception from the core is a bug of
 * hookwright's own.
 */
public class UnreadableObjectException extends RuntimeException {
    public UnreadableObjectException(String message, Throwable cause) {
        super(message, cause);
    }
}
