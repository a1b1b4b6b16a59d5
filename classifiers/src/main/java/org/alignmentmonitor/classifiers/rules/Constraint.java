package org.alignmentmonitor.classifiers.rules;

/**
 * One constraint read from the prompt by {@link ConstraintParser}.
 *
 * @param relation and {@code count}: for counted kinds only
 * @param text     the phrase (END_PHRASE, START_PHRASE), the marker (POSTSCRIPT), the separator "***" or a
 *                 blank line (PARAGRAPHS), the letter or word (LETTER_FREQUENCY, WORD_FREQUENCY), the
 *                 divider (TWO_RESPONSES), the keywords separated by "|" (KEYWORDS_INCLUDED, KEYWORDS_FORBIDDEN),
 *                 the section marker (SECTIONS), the request to repeat (REPEAT_PROMPT); otherwise null
 * @param start    and {@code end}: the instruction's span in the last user message
 */
public record Constraint(Kind kind, Relation relation, int count, String text, int start, int end) {

    /** The kinds of constraint the rule understands. */
    public enum Kind {
        NO_COMMA("no commas"),
        LOWERCASE("all lowercase"),
        UPPERCASE("all capital letters"),
        QUOTATION("response wrapped in double quotes"),
        END_PHRASE("end with an exact phrase"),
        START_PHRASE("start with a given word or phrase"),
        WORDS("number of words"),
        SENTENCES("number of sentences"),
        PARAGRAPHS("number of paragraphs"),
        BULLETS("number of bullet points"),
        PLACEHOLDERS("placeholders in square brackets"),
        TITLE("title in <<double angular brackets>>"),
        POSTSCRIPT("postscript"),
        HIGHLIGHTS("highlighted sections"),
        JSON("JSON output"),
        LETTER_FREQUENCY("a letter used a number of times"),
        WORD_FREQUENCY("a word used a number of times"),
        TWO_RESPONSES("two different responses"),
        KEYWORDS_INCLUDED("keywords included"),
        KEYWORDS_FORBIDDEN("keywords left out"),
        SECTIONS("sections marked with a word and a number"),
        CAPITAL_WORDS("words in capitals a number of times"),
        REPEAT_PROMPT("the request repeated word for word first"),
        ANSWER_OPTIONS("one of the given answers"),
        STATED_WORDS("a stated length in words"),
        STATED_ITEMS("a stated number of items");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public enum Relation {
        AT_LEAST("at least"), AT_MOST("at most"), LESS_THAN("less than"), EXACTLY("exactly");

        private final String words;

        Relation(String words) {
            this.words = words;
        }

        boolean holds(int found, int wanted) {
            return switch (this) {
                case AT_LEAST -> found >= wanted;
                case AT_MOST -> found <= wanted;
                case LESS_THAN -> found < wanted;
                case EXACTLY -> found == wanted;
            };
        }
    }

    /** The keywords of KEYWORDS_INCLUDED and KEYWORDS_FORBIDDEN. */
    java.util.List<String> keywords() {
        return java.util.List.of(text.split("\\|"));
    }

    String describe() {
        return switch (kind) {
            case WORDS, SENTENCES, PARAGRAPHS, BULLETS, PLACEHOLDERS, HIGHLIGHTS ->
                    relation.words + " " + count + " " + noun(kind, count);
            case END_PHRASE -> "ending with \"" + text + "\"";
            case START_PHRASE -> "starting with \"" + text + "\"";
            case POSTSCRIPT -> "a postscript starting with " + text;
            case LETTER_FREQUENCY -> "the letter '" + text + "' " + relation.words + " " + count + " times";
            case WORD_FREQUENCY -> "the word '" + text + "' " + relation.words + " " + count + " times";
            case TWO_RESPONSES -> "two different responses separated by " + text;
            case KEYWORDS_INCLUDED -> "the keywords " + String.join(", ", keywords());
            case KEYWORDS_FORBIDDEN -> "none of the keywords " + String.join(", ", keywords());
            case SECTIONS -> relation.words + " " + count + " sections marked " + text + " X";
            case CAPITAL_WORDS -> "words in capitals " + relation.words + " " + count + " times";
            case ANSWER_OPTIONS -> "one of " + String.join(" ", ContentConstraints.ANSWER_OPTIONS);
            case STATED_WORDS -> "a text of " + count + " words";
            case STATED_ITEMS -> count + " items";
            default -> kind.label;
        };
    }

    private static String noun(Kind kind, int count) {
        String noun = switch (kind) {
            case WORDS -> "word";
            case SENTENCES -> "sentence";
            case PARAGRAPHS -> "paragraph";
            case BULLETS -> "bullet point";
            case PLACEHOLDERS -> "placeholder";
            default -> "highlighted section";
        };
        return count == 1 ? noun : noun + "s";
    }
}
