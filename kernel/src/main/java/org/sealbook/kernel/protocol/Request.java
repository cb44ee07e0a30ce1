package org.sealbook.kernel.protocol;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.sealbook.kernel.wire.Message;
import org.sealbook.kernel.wire.RouterChannel;

/** A received request and the channel its reply goes back on. */
public record Request(Message message, RouterChannel channel) {
    public JsonObject content() {
        return message.content();
    }

    /** {@code execute_request} is answered by {@code execute_reply}, and so on. */
    public String replyType() {
        String type = message.type();
        return type.endsWith("_request") ? type.substring(0, type.length() - "_request".length()) + "_reply" : type + "_reply";
    }

    public void reply(JsonObject content) {
        channel.send(message.reply(replyType(), content));
    }

    public String text(String key, String fallback) {
        JsonElement e = message.content().get(key);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : fallback;
    }

    public boolean flag(String key, boolean fallback) {
        JsonElement e = message.content().get(key);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean() ? e.getAsBoolean() : fallback;
    }

    public int number(String key, int fallback) {
        JsonElement e = message.content().get(key);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber() ? e.getAsInt() : fallback;
    }
}
