package org.alignmentmonitor.monitor.runtime;

/**
 * Model and version names come from untrusted logs: before they reach a terminal, control
 * characters (ANSI escapes, carriage returns) become visible escapes instead of acting.
 */
public final class TerminalText {

    private TerminalText() {
    }

    public static String safe(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
                sb.append(String.format("\\u%04x", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }
}
