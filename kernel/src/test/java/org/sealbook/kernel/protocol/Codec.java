package org.sealbook.kernel.protocol;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.zeromq.ZMQ;

/**
 * The client's side of the wire format, written from the protocol document rather than from the kernel's code:
 * {@code [identities] <IDS|MSG> hmac header parent metadata content [buffers]}, the hmac being HMAC-SHA256 in
 * lowercase hex over the four JSON frames, as jupyter_client signs.
 */
final class Codec {
    static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
    private static final Gson GSON = new Gson();

    private final SecretKeySpec key;
    private final String session = UUID.randomUUID().toString();

    Codec(String key) {
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** A fresh header of this client's session. */
    JsonObject header(String msgType) {
        JsonObject h = new JsonObject();
        h.addProperty("msg_id", UUID.randomUUID().toString());
        h.addProperty("session", session);
        h.addProperty("username", "test");
        h.addProperty("date", Instant.now().toString());
        h.addProperty("msg_type", msgType);
        h.addProperty("version", "5.4");
        return h;
    }

    /** The frames of a signed request, from the delimiter on (a DEALER adds no identities). */
    List<byte[]> frames(JsonObject header, JsonObject content) {
        return frames(json(header), json(new JsonObject()), json(new JsonObject()), json(content));
    }

    /** Signed frames around parts given as bytes, which may be anything, valid JSON or not. */
    List<byte[]> frames(byte[] header, byte[] parent, byte[] metadata, byte[] content) {
        List<byte[]> frames = new ArrayList<>();
        frames.add(DELIMITER);
        frames.add(sign(header, parent, metadata, content).getBytes(StandardCharsets.US_ASCII));
        frames.add(header);
        frames.add(parent);
        frames.add(metadata);
        frames.add(content);
        return frames;
    }

    static byte[] json(JsonObject o) {
        return GSON.toJson(o).getBytes(StandardCharsets.UTF_8);
    }

    String sign(byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            for (byte[] part : parts) {
                mac.update(part);
            }
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a message from the kernel; a missing delimiter or a wrong signature is a kernel bug and fails. */
    WireMessage decode(List<byte[]> frames, String channel) {
        int d = 0;
        while (d < frames.size() && !Arrays.equals(frames.get(d), DELIMITER)) {
            d++;
        }
        if (frames.size() < d + 6) {
            throw new AssertionError("The kernel sent a malformed message on " + channel + ": " + frames.size() + " frames");
        }
        String signature = new String(frames.get(d + 1), StandardCharsets.US_ASCII);
        String expected = sign(frames.get(d + 2), frames.get(d + 3), frames.get(d + 4), frames.get(d + 5));
        if (!expected.equals(signature)) {
            throw new AssertionError("The kernel signed a message on " + channel + " wrongly: got " + signature
                    + ", expected " + expected + " for header " + text(frames.get(d + 2)));
        }
        return new WireMessage(List.copyOf(frames.subList(0, d)), object(frames.get(d + 2)), object(frames.get(d + 3)),
                object(frames.get(d + 4)), object(frames.get(d + 5)), List.copyOf(frames.subList(d + 6, frames.size())));
    }

    /** All frames of the next message, or null when the socket's receive timeout passed first. */
    static List<byte[]> receiveFrames(ZMQ.Socket socket) {
        byte[] first = socket.recv(0);
        if (first == null) {
            return null;
        }
        List<byte[]> frames = new ArrayList<>();
        frames.add(first);
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv(0));
        }
        return frames;
    }

    static void sendFrames(ZMQ.Socket socket, List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) {
            socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
        }
    }

    private static JsonObject object(byte[] frame) {
        return JsonParser.parseString(text(frame)).getAsJsonObject();
    }

    private static String text(byte[] frame) {
        return new String(frame, StandardCharsets.UTF_8);
    }
}
