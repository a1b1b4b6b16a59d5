package org.alignmentmonitor.alerts;

import java.util.regex.Pattern;

/**
 * A shell-style pattern for model and version names: {@code *} any run of characters, {@code ?} one
 * character, {@code [abc]}, {@code [a-z]} and {@code [!abc]} one character of (not of) a set, and
 * {@code \} to take the next character literally. Everything else matches itself, so dots and
 * colons in version names need no escaping.
 */
public record Glob(String pattern, Pattern regex) {

    public static final Glob ANY = compile("*");

    public boolean matches(String name) {
        return regex.matcher(name).matches();
    }

    /** @throws IllegalArgumentException naming what is wrong with the pattern */
    public static Glob compile(String pattern) {
        if (pattern.isEmpty()) {
            throw new IllegalArgumentException("empty pattern");
        }
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                case '\\' -> {
                    if (++i == pattern.length()) {
                        throw new IllegalArgumentException("pattern '" + pattern + "' ends with an escape character");
                    }
                    regex.append(Pattern.quote(String.valueOf(pattern.charAt(i))));
                }
                case '[' -> i = appendClass(pattern, i, regex);
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
            i++;
        }
        return new Glob(pattern, Pattern.compile(regex.toString()));
    }

    /** Appends the set that opens at {@code open} and returns the index of its closing bracket. */
    private static int appendClass(String pattern, int open, StringBuilder regex) {
        int i = open + 1;
        boolean negated = i < pattern.length() && pattern.charAt(i) == '!';
        if (negated) {
            i++;
        }
        StringBuilder members = new StringBuilder();
        while (i < pattern.length() && pattern.charAt(i) != ']') {
            char c = pattern.charAt(i);
            // Only '-' keeps its meaning inside the set; any other regex metacharacter is escaped.
            members.append(c == '-' ? "-" : Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c);
            i++;
        }
        if (i == pattern.length()) {
            throw new IllegalArgumentException("pattern '" + pattern + "' has an unclosed '['");
        }
        if (members.length() == 0) {
            throw new IllegalArgumentException("pattern '" + pattern + "' has an empty set '[]'");
        }
        regex.append('[').append(negated ? "^" : "").append(members).append(']');
        return i;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
