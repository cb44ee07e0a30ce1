package org.sealbook.kernel.display;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Collection;

/**
 * A value in every form a front end may show: MIME type to content, plus metadata. Text forms are strings;
 * JSON forms ({@code application/json}, Plotly, widget views) are JSON values.
 */
public final class MimeBundle {
    private final JsonObject data = new JsonObject();
    private final JsonObject metadata = new JsonObject();

    public static MimeBundle of(String mimeType, String content) {
        return new MimeBundle().with(mimeType, content);
    }

    public static MimeBundle text(String plain) {
        return of("text/plain", plain);
    }

    public MimeBundle with(String mimeType, String content) {
        data.addProperty(mimeType, content);
        return this;
    }

    public MimeBundle withJson(String mimeType, JsonElement content) {
        data.add(mimeType, content);
        return this;
    }

    public MimeBundle withMetadata(String key, JsonElement value) {
        metadata.add(key, value);
        return this;
    }

    public boolean has(String mimeType) {
        return data.has(mimeType);
    }

    /** The text form of one MIME type, or null when the bundle has none. */
    public String get(String mimeType) {
        JsonElement e = data.get(mimeType);
        return e == null ? null : e.isJsonPrimitive() ? e.getAsString() : e.toString();
    }

    /** A copy holding only the listed MIME types. */
    public MimeBundle only(Collection<String> mimeTypes) {
        MimeBundle b = new MimeBundle();
        for (String m : mimeTypes) {
            if (data.has(m)) {
                b.data.add(m, data.get(m));
            }
        }
        metadata.entrySet().forEach(e -> b.metadata.add(e.getKey(), e.getValue()));
        return b;
    }

    public JsonObject data() {
        return data.deepCopy();
    }

    public JsonObject metadata() {
        return metadata.deepCopy();
    }

    @Override
    public String toString() {
        String plain = get("text/plain");
        return plain != null ? plain : "MimeBundle" + data.keySet();
    }
}
