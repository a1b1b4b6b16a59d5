package org.alignmentmonitor.review.redaction;

import java.util.function.Predicate;
import java.util.regex.Pattern;

/** A kind of personal or secret data, how to find it and what replaces it. Earlier kinds win ties. */
public enum PiiKind {
    SECRET("[SECRET]", Pattern.compile(
            "(?<![A-Za-z0-9_-])(?:sk-[A-Za-z0-9_-]{16,}|AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{20,}|xox[abpr]-[A-Za-z0-9-]{10,}"
                    + "|AIza[0-9A-Za-z_-]{35})"), m -> true),
    EMAIL("[EMAIL]", Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}"), m -> true),
    CARD("[CARD]", Pattern.compile("(?<!\\d)\\d(?:[ -]?\\d){12,18}(?!\\d)"), PiiKind::luhnCard),
    IPV4("[IP]", Pattern.compile(
            "(?<![\\d.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?!\\.?\\d)"), m -> true),
    IPV6("[IP]", Pattern.compile("(?<![0-9A-Fa-f:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![0-9A-Fa-f:])"), PiiKind::ipv6),
    HEX_SECRET("[SECRET]", Pattern.compile("(?<![0-9A-Za-z])[0-9a-fA-F]{32,}(?![0-9A-Za-z])"), m -> true),
    BASE64_SECRET("[SECRET]", Pattern.compile("(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{32,}={0,2}(?![A-Za-z0-9+/=_-])"), PiiKind::mixedClasses),
    PHONE("[PHONE]", Pattern.compile("(?<![\\w+])(?:\\+\\d{1,3}[ .-]?)?(?:\\(\\d{1,4}\\)[ .-]?)?\\d{2,4}(?:[ .-]\\d{2,4}){1,4}(?!\\w)"),
            PiiKind::phoneLike);

    private final String replacement;
    private final Pattern pattern;
    private final Predicate<String> valid;

    PiiKind(String replacement, Pattern pattern, Predicate<String> valid) {
        this.replacement = replacement;
        this.pattern = pattern;
        this.valid = valid;
    }

    public String replacement() {
        return replacement;
    }

    Pattern pattern() {
        return pattern;
    }

    boolean valid(String match) {
        return valid.test(match);
    }

    /** 13 to 19 digits passing the Luhn check: order numbers and the like are left alone. */
    static boolean luhnCard(String match) {
        String digits = match.replaceAll("[ -]", "");
        if (digits.length() < 13 || digits.length() > 19) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d *= 2;
                d = d > 9 ? d - 9 : d;
            }
            sum += d;
        }
        return sum % 10 == 0;
    }

    /** A real IPv6 literal: eight groups, or fewer around exactly one "::"; rules out clock times like 10:30:00. */
    static boolean ipv6(String match) {
        int gap = match.indexOf("::");
        if (gap >= 0 && match.indexOf("::", gap + 1) >= 0) {
            return false;
        }
        String[] groups = match.split(":", -1);
        int filled = 0;
        for (String g : groups) {
            if (g.length() > 4) {
                return false;
            }
            filled += g.isEmpty() ? 0 : 1;
        }
        return gap >= 0 ? filled <= 7 && filled >= 1 : groups.length == 8 && filled == 8;
    }

    /** Upper, lower case and digits all present: a token, not a long word or path. */
    static boolean mixedClasses(String match) {
        return match.chars().anyMatch(Character::isUpperCase) && match.chars().anyMatch(Character::isLowerCase)
                && match.chars().anyMatch(Character::isDigit);
    }

    /** An international number, or 10 to 11 digits in groups: plain counts, years and dates stay readable. */
    static boolean phoneLike(String match) {
        long digits = match.chars().filter(Character::isDigit).count();
        if (match.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return false;
        }
        return match.startsWith("+") ? digits >= 8 && digits <= 15 : digits >= 10 && digits <= 11;
    }
}
