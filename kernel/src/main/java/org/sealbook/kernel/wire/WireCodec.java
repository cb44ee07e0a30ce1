package org.sealbook.kernel.wire;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns ZeroMQ frames into {@link Message}s and back: identities, the {@code <IDS|MSG>} delimiter,
 * the signature, header, parent header, metadata, content, then buffers.
 */
public final class WireCodec {
    private static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
    /** Non-finite doubles (NaN from a model) must not break a reply, so they are written as JSON allows. */
    public static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeSpecialFloatingPointValues().create();

    private final Signer signer;
    private final ReplayGuard replays = new ReplayGuard(65_536);
    private final long maxMessageBytes;

    public WireCodec(Signer signer, long maxMessageBytes) {
        this.signer = signer;
        this.maxMessageBytes = maxMessageBytes;
    }

    /** Why a received message was refused; the sentence goes to the kernel log. */
    public static final class RejectedMessage extends Exception {
        public RejectedMessage(String reason) {
            super(reason);
        }
    }

    public Message decode(List<byte[]> frames) throws RejectedMessage {
        long total = 0;
        for (byte[] f : frames) {
            total += f.length;
        }
        if (total > maxMessageBytes) {
            throw new RejectedMessage("message of " + total + " bytes is over the limit of " + maxMessageBytes + " bytes");
        }
        int delimiter = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (Arrays.equals(frames.get(i), DELIMITER)) {
                delimiter = i;
                break;
            }
        }
        if (delimiter < 0) {
            throw new RejectedMessage("no <IDS|MSG> delimiter among " + frames.size() + " frames");
        }
        if (frames.size() < delimiter + 6) {
            throw new RejectedMessage("only " + (frames.size() - delimiter - 1) + " frames after the delimiter; 5 are needed");
        }
        byte[] signature = frames.get(delimiter + 1);
        byte[] header = frames.get(delimiter + 2);
        byte[] parent = frames.get(delimiter + 3);
        byte[] metadata = frames.get(delimiter + 4);
        byte[] content = frames.get(delimiter + 5);
        if (!signer.verify(signature, header, parent, metadata, content)) {
            throw new RejectedMessage(signature.length == 0 ? "message is not signed" : "signature does not match");
        }
        if (signer.enabled() && !replays.firstSighting(new String(signature, StandardCharsets.US_ASCII))) {
            throw new RejectedMessage("signature was already used (a replayed message)");
        }
        JsonObject h = object(header, "header");
        if (!h.has("msg_type") || !h.get("msg_type").isJsonPrimitive()) {
            throw new RejectedMessage("header has no msg_type");
        }
        return new Message(List.copyOf(frames.subList(0, delimiter)), h, object(parent, "parent header"),
                object(metadata, "metadata"), object(content, "content"),
                List.copyOf(frames.subList(delimiter + 6, frames.size())));
    }

    public List<byte[]> encode(Message m) {
        byte[] header = bytes(m.header());
        byte[] parent = bytes(m.parentHeader());
        byte[] metadata = bytes(m.metadata());
        byte[] content = bytes(m.content());
        List<byte[]> frames = new ArrayList<>(m.identities().size() + 6 + m.buffers().size());
        frames.addAll(m.identities());
        frames.add(DELIMITER);
        frames.add(signer.sign(header, parent, metadata, content).getBytes(StandardCharsets.US_ASCII));
        frames.add(header);
        frames.add(parent);
        frames.add(metadata);
        frames.add(content);
        frames.addAll(m.buffers());
        return frames;
    }

    private static byte[] bytes(JsonObject o) {
        return GSON.toJson(o).getBytes(StandardCharsets.UTF_8);
    }

    private static JsonObject object(byte[] frame, String part) throws RejectedMessage {
        try {
            JsonElement e = JsonParser.parseString(new String(frame, StandardCharsets.UTF_8));
            if (!e.isJsonObject()) {
                throw new RejectedMessage(part + " is not a JSON object");
            }
            return e.getAsJsonObject();
        } catch (RuntimeException e) {
            throw new RejectedMessage(part + " is not valid JSON: " + e.getMessage());
        }
    }
}
