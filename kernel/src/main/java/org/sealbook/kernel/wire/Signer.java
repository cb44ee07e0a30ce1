package org.sealbook.kernel.wire;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 over the four JSON frames of a message; an empty key means messages are not signed. */
public final class Signer {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private final SecretKeySpec key;

    public Signer(String key) {
        this.key = key.isEmpty() ? null : new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public boolean enabled() {
        return key != null;
    }

    /** Lowercase hex signature of the frames, or the empty string when signing is off. */
    public String sign(byte[]... frames) {
        if (key == null) {
            return "";
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            for (byte[] frame : frames) {
                mac.update(frame);
            }
            byte[] digest = mac.doFinal();
            byte[] hex = new byte[digest.length * 2];
            for (int i = 0; i < digest.length; i++) {
                hex[2 * i] = HEX[(digest[i] >> 4) & 0xf];
                hex[2 * i + 1] = HEX[digest[i] & 0xf];
            }
            return new String(hex, StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /** Checks a received signature in constant time, so timing reveals nothing about the key. */
    public boolean verify(byte[] signature, byte[]... frames) {
        if (key == null) {
            return true;
        }
        byte[] expected = sign(frames).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature);
    }
}
