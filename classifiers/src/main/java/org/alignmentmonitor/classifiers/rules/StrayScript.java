package org.alignmentmonitor.classifiers.rules;

import org.alignmentmonitor.classifiers.text.Scripts;

/**
 * A model slipping into another writing system mid-sentence: a run of letters in a script that
 * neither the request nor the bulk of the answer uses ("getting灰尘y", "a glass of丹麦啤酒"). A run a
 * writer sets off on purpose, in brackets or quotes after the word it glosses ("Shurijo Castle
 * (首里城公園)"), is not stray.
 */
final class StrayScript {

    /** Fewer letters than this is a symbol (π, α), not a slip into a language. */
    private static final int MIN_LETTERS = 2;
    /** What a writer opens before a deliberate gloss or quotation in another script. */
    private static final String OPENERS = "(（[【「『《\"“‘'";

    /** Where a stray run is, {@code start} and {@code end} in the text. */
    record Run(int start, int end) {}

    private StrayScript() {}

    /** The first stray run of the text, or null. */
    static Run first(String text, int allowedScripts) {
        int length = text.length();
        int i = 0;
        while (i < length) {
            int script = Scripts.of(text.charAt(i));
            // OTHER holds IPA and modifier letters of pronunciations as much as languages: not judged.
            if (script == Scripts.NONE || script == Scripts.OTHER || (allowedScripts & 1 << script) != 0) {
                i++;
                continue;
            }
            int start = i;
            int letters = 0;
            while (i < length && (Scripts.of(text.charAt(i)) == script || isJoiner(text.charAt(i)))) {
                letters += Scripts.of(text.charAt(i)) == script ? 1 : 0;
                i++;
            }
            if (letters >= MIN_LETTERS && !setOff(text, start)) {
                return new Run(start, i);
            }
        }
        return null;
    }

    /** Characters that continue a run: a space between words of the script, a middle dot in a name. */
    private static boolean isJoiner(char c) {
        return c == ' ' || c == '·' || c == '・';
    }

    /** Whether the run opens after a bracket or quote (spaces skipped): a deliberate gloss. */
    private static boolean setOff(String text, int start) {
        int k = start - 1;
        while (k >= 0 && text.charAt(k) == ' ') {
            k--;
        }
        return k >= 0 && OPENERS.indexOf(text.charAt(k)) >= 0;
    }
}
