package org.sealbook.kernel.wire;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The connection file Jupyter writes for a kernel: where to bind and how to sign. */
public record ConnectionInfo(String transport, String ip, int shellPort, int controlPort, int iopubPort,
                             int stdinPort, int hbPort, String key, String signatureScheme, String kernelName) {

    public static ConnectionInfo read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("Connection file " + file + " does not exist; Jupyter passes it as the kernel's first argument.");
        }
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    public static ConnectionInfo parse(String json) {
        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        String transport = text(o, "transport", "tcp");
        if (!transport.equals("tcp") && !transport.equals("ipc")) {
            throw new IllegalArgumentException("Connection file transport '" + transport + "' is not supported; use tcp or ipc.");
        }
        String scheme = text(o, "signature_scheme", "hmac-sha256");
        String key = text(o, "key", "");
        if (!key.isEmpty() && !scheme.equals("hmac-sha256")) {
            throw new IllegalArgumentException("Signature scheme '" + scheme + "' is not supported; use hmac-sha256.");
        }
        return new ConnectionInfo(transport, text(o, "ip", "127.0.0.1"), port(o, "shell_port"), port(o, "control_port"),
                port(o, "iopub_port"), port(o, "stdin_port"), port(o, "hb_port"), key, scheme, text(o, "kernel_name", ""));
    }

    /** The ZeroMQ endpoint for one channel: tcp://ip:port, or for ipc the file ip-port. */
    public String endpoint(int port) {
        return transport.equals("ipc") ? "ipc://" + ip + "-" + port : "tcp://" + ip + ":" + port;
    }

    private static String text(JsonObject o, String name, String fallback) {
        return o.has(name) && !o.get(name).isJsonNull() ? o.get(name).getAsString() : fallback;
    }

    private static int port(JsonObject o, String name) {
        if (!o.has(name)) {
            throw new IllegalArgumentException("Connection file has no '" + name + "'; every channel needs a port.");
        }
        return o.get(name).getAsInt();
    }
}
