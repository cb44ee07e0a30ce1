package org.sealbook.kernel.protocol;

/** Handles one msg_type. The dispatcher publishes busy and idle around it; a handler only replies. */
@FunctionalInterface
public interface Handler {
    void handle(Request request) throws Exception;
}
