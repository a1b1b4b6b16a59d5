package org.alignmentmonitor.judges;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Scored judgments by content hash, least recently used evicted beyond {@code maxEntries}.
 * Unscored results are never cached: the next call may succeed. Thread-safe.
 */
public final class JudgmentCache {

    private final int maxEntries;
    private final Map<String, JudgeResult> entries;

    public JudgmentCache(int maxEntries) {
        this.maxEntries = maxEntries;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, JudgeResult> eldest) {
                return size() > JudgmentCache.this.maxEntries;
            }
        };
    }

    public synchronized Optional<JudgeResult> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    public synchronized void put(String key, JudgeResult result) {
        if (maxEntries > 0) {
            entries.put(key, result);
        }
    }

    public synchronized int size() {
        return entries.size();
    }

    /** SHA-256 over the length-prefixed parts, so no two different inputs share a key by concatenation. */
    public static String key(String templateId, String templateVersion, String model, String prompt, String completion) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {templateId, templateVersion, model, prompt, completion}) {
                byte[] bytes = (part == null ? "" : part).getBytes(StandardCharsets.UTF_8);
                sha.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
                sha.update(bytes);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
