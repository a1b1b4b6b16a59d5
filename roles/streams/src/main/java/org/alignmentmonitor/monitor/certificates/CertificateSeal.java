package org.alignmentmonitor.monitor.certificates;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Seals and checks a certificate document:
 * <pre>
 * { "certificate": {...what was decided and from what...},
 *   "fieldDigests": { "/json/pointer": sha256 of that leaf's canonical value, ... },
 *   "digest": sha256 of the canonical "certificate",
 *   "signature": { "algorithm": "Ed25519", "publicKey": base64 X.509, "value": base64 } }
 * </pre>
 * The signature covers the canonical form of the whole document without {@code signature.value},
 * so neither the content, its digests nor the named key can change unnoticed; the field digests
 * let a verifier say which field changed.
 */
public final class CertificateSeal {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CertificateSeal() {}

    public static ObjectNode seal(ObjectNode certificate, SigningKey key) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.set("certificate", certificate);
        ObjectNode fields = doc.putObject("fieldDigests");
        CanonicalJson.leafDigests(certificate).forEach(fields::put);
        doc.put("digest", CanonicalJson.sha256(certificate));
        ObjectNode signature = doc.putObject("signature");
        signature.put("algorithm", SigningKey.ALGORITHM);
        signature.put("publicKey", key.publicKeyBase64());
        signature.put("value", key.sign(signedBytes(doc)));
        return doc;
    }

    /** What the signature is over: the canonical document without the signature value. */
    static byte[] signedBytes(JsonNode doc) {
        ObjectNode copy = doc.deepCopy();
        if (copy.path("signature").isObject()) {
            ((ObjectNode) copy.get("signature")).remove("value");
        }
        return CanonicalJson.write(copy).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param problems empty when the certificate verifies; otherwise each names what is wrong
     */
    public record Verification(List<String> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    /**
     * Checks a certificate file's text offline: its content against its digest (naming every changed,
     * added or removed field), the field digests, the signature, and, when given, that it was signed
     * by the trusted key rather than by whichever key the file names.
     */
    public static Verification verify(String text, PublicKey trusted) {
        JsonNode doc;
        try {
            doc = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return new Verification(List.of("not valid JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()));
        }
        List<String> problems = new ArrayList<>();
        for (String part : List.of("certificate", "fieldDigests", "digest", "signature")) {
            if (doc == null || doc.path(part).isMissingNode()) {
                problems.add("missing '" + part + "'");
            }
        }
        if (!problems.isEmpty()) {
            return new Verification(problems);
        }
        JsonNode certificate = doc.get("certificate");
        Map<String, String> now = CanonicalJson.leafDigests(certificate);
        JsonNode recorded = doc.get("fieldDigests");
        TreeSet<String> pointers = new TreeSet<>(now.keySet());
        recorded.fieldNames().forEachRemaining(pointers::add);
        for (String pointer : pointers) {
            String was = recorded.path(pointer).asText(null);
            String is = now.get(pointer);
            if (was == null) {
                problems.add("field certificate" + pointer + " was added");
            } else if (is == null) {
                problems.add("field certificate" + pointer + " was removed");
            } else if (!was.equals(is)) {
                problems.add("field certificate" + pointer + " differs from what was signed (now " + value(certificate.at(pointer)) + ")");
            }
        }
        boolean contentMatches = CanonicalJson.sha256(certificate).equals(doc.path("digest").asText());
        if (!contentMatches && problems.isEmpty()) {
            problems.add("'digest' does not match the certificate's content, whose fields all match 'fieldDigests': the digest itself was changed");
        }
        if (contentMatches && !problems.isEmpty()) {
            problems.add(0, "the content matches 'digest' but not 'fieldDigests': the field digests were changed");
        }
        problems.addAll(signatureProblems(doc, trusted));
        return new Verification(problems);
    }

    private static List<String> signatureProblems(JsonNode doc, PublicKey trusted) {
        JsonNode sig = doc.get("signature");
        if (!SigningKey.ALGORITHM.equals(sig.path("algorithm").asText())) {
            return List.of("signature.algorithm must be Ed25519, is '" + sig.path("algorithm").asText() + "'");
        }
        PublicKey named;
        try {
            named = SigningKey.parsePublicKey(sig.path("publicKey").asText());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return List.of("signature.publicKey is not an Ed25519 public key");
        }
        List<String> out = new ArrayList<>();
        if (trusted != null && !SigningKey.encode(trusted).equals(SigningKey.encode(named))) {
            out.add("signed by a different key than the trusted public key");
        }
        try {
            Signature s = Signature.getInstance(SigningKey.ALGORITHM);
            s.initVerify(trusted != null ? trusted : named);
            s.update(signedBytes(doc));
            if (!s.verify(Base64.getDecoder().decode(sig.path("value").asText()))) {
                out.add("signature invalid: the signed document (certificate, fieldDigests, digest or key) changed, or the signature did");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            out.add("signature invalid: signature.value is not an Ed25519 signature (" + e.getMessage() + ")");
        }
        return out;
    }

    private static String value(JsonNode node) {
        String text = node.isMissingNode() ? "missing" : node.toString();
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
