package org.alignmentmonitor.classifiers;

import java.util.function.IntPredicate;

/**
 * A property of characters, precomputed for the BMP as one bit per character. The JDK's character
 * properties ({@link Character#isLetter}, {@link Character#isWhitespace}...) dispatch through a
 * call that turns megamorphic once the JVM has seen several scripts, and the rules test every
 * character of every completion: the table makes that a load and a shift.
 */
public final class CharClass {

    private final IntPredicate property;
    private final long[] bmp = new long[(Character.MAX_VALUE + 1) / Long.SIZE];

    private CharClass(IntPredicate property) {
        this.property = property;
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            if (property.test(c)) {
                bmp[c >>> 6] |= 1L << c;
            }
        }
    }

    /** The characters (code points) for which {@code property} holds; it must be a pure function. */
    public static CharClass of(IntPredicate property) {
        return new CharClass(property);
    }

    /** Same as the property, for any code point. */
    public boolean contains(int codePoint) {
        return codePoint >= 0 && codePoint <= Character.MAX_VALUE ? (bmp[codePoint >>> 6] & 1L << codePoint) != 0
                : property.test(codePoint);
    }
}
