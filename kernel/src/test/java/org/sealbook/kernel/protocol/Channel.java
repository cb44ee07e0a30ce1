package org.sealbook.kernel.protocol;

/** The three request channels a client talks to with DEALER sockets. */
enum Channel {
    SHELL, CONTROL, STDIN
}
