package org.alignmentmonitor.classifiers.rules;

import com.github.pemistahl.lingua.api.Language;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The language a prompt asks the answer to be in: "answer in French", "your entire response should
 * be in Hindi", "translate this into German", "auf Deutsch", "en español". Only explicit requests
 * count; "what is 'hello' in French?" asks for an English answer that contains a French word.
 */
public final class RequestedLanguage {

    /** Names (English and native) of each language, as they appear after "in". */
    private static final Map<String, Language> NAMES = new LinkedHashMap<>();

    static {
        name(Language.ENGLISH, "english", "englisch", "anglais", "inglés", "ingles", "inglese", "inglês");
        name(Language.FRENCH, "french", "français", "francais", "französisch", "francés", "frances");
        name(Language.GERMAN, "german", "deutsch", "allemand", "alemán", "aleman", "tedesco");
        name(Language.SPANISH, "spanish", "español", "espanol", "castellano", "spanisch", "espagnol");
        name(Language.PORTUGUESE, "portuguese", "português", "portugues", "brazilian portuguese");
        name(Language.ITALIAN, "italian", "italiano", "italienisch", "italien");
        name(Language.DUTCH, "dutch", "nederlands", "flemish");
        name(Language.RUSSIAN, "russian", "русском", "русский");
        name(Language.UKRAINIAN, "ukrainian", "українською");
        name(Language.POLISH, "polish", "polski", "po polsku");
        name(Language.CZECH, "czech", "česky", "čeština");
        name(Language.SWEDISH, "swedish", "svenska");
        name(Language.DANISH, "danish", "dansk");
        name(Language.BOKMAL, "norwegian", "norsk", "bokmål", "bokmal");
        name(Language.FINNISH, "finnish", "suomeksi");
        name(Language.TURKISH, "turkish", "türkçe", "turkce");
        name(Language.ARABIC, "arabic");
        name(Language.PERSIAN, "persian", "farsi");
        name(Language.HEBREW, "hebrew");
        name(Language.HINDI, "hindi");
        name(Language.BENGALI, "bengali", "bangla");
        name(Language.CHINESE, "chinese", "mandarin", "simplified chinese", "traditional chinese", "中文");
        name(Language.JAPANESE, "japanese", "日本語");
        name(Language.KOREAN, "korean", "한국어");
        name(Language.VIETNAMESE, "vietnamese");
        name(Language.INDONESIAN, "indonesian", "bahasa indonesia");
        name(Language.THAI, "thai");
        name(Language.GREEK, "greek");
        name(Language.ROMANIAN, "romanian", "română");
        name(Language.HUNGARIAN, "hungarian", "magyar");
    }

    private static final String NAME_ALTERNATION = String.join("|",
            NAMES.keySet().stream().sorted((a, b) -> b.length() - a.length()).map(Pattern::quote).toList());

    private static final String LANG = "(" + NAME_ALTERNATION + ")";
    /**
     * What may follow a requested language: the end of the clause, not a noun ("in Italian cuisine",
     * "in English literature" name a subject, not the answer's language).
     */
    private static final String END = "(?=\\s*(?:$|[.,;:!?)\"'\n]|(?:language|only|please|and|for|with|so|as|using|without"
            + "|to|from|too|instead|rather|no|text|version|translation)\\b))";

    /** "answer/respond/... (only) in X", "response ... in X", "translate ... into/to X", "in X only", "use X". */
    private static final Pattern REQUEST = Pattern.compile("(?iu)"
            // The first letters of all alternatives below: a one-character test at each position before the
            // alternation. Keep it complete.
            + "(?=[adeiorstuw])(?:\\b(?:answer|respond|reply|write|written|speak|talk|explain|describe|response|responses|output"
            + "|rewrite|summari[sz]e|summary)\\b[^.?!\\n]{0,40}?\\b(?:in|into)\\s+" + LANG
            + END
            + "|\\btranslat\\w*\\b[^.?!\\n]{0,80}?\\b(?:in|into|to)\\s+(?:the\\s+)?" + LANG + END
            + "|\\b(?:only|solely|entirely|exclusively)\\s+in\\s+" + LANG + END
            + "|(?<![\\p{L}])in\\s+" + LANG + "\\s+(?:only|please)\\b"
            + "|\\buse\\s+(?:only\\s+)?" + LANG + "\\s+(?:language|only)\\b)");

    /** Native phrasings: "auf Deutsch", "en français", "em português", "in italiano", "по-русски". */
    private static final Pattern NATIVE = Pattern.compile("(?iu)(?=[aeipнп])(?<![\\p{L}])(?:auf\\s+(deutsch)|en\\s+(français|francais"
            + "|español|espanol|anglais)|em\\s+(português|portugues)|in\\s+(italiano)|(по-русски|на русском)"
            + "|in\\s+het\\s+(nederlands)|på\\s+(svenska|dansk|norsk))(?![\\p{L}])");

    private static final Pattern NEGATED = Pattern.compile("(?i)\\b(?:not|never|without|except|instead of|rather than)\\b|n't\\b");

    private RequestedLanguage() {}

    private static void name(Language language, String... names) {
        for (String n : names) {
            NAMES.put(n, language);
        }
    }

    /** What the prompt asks for. */
    record Request(Language language, int start, int end) {}

    /**
     * The requested language, {@link Language#UNKNOWN} with the span when the prompt asks for
     * several or negates its request, or null when it asks for none.
     */
    static Request find(String prompt) {
        Request found = null;
        boolean ambiguous = false;
        for (Pattern pattern : new Pattern[] {REQUEST, NATIVE}) {
            Matcher m = pattern.matcher(prompt);
            while (m.find()) {
                String name = null;
                for (int g = 1; g <= m.groupCount() && name == null; g++) {
                    name = m.group(g);
                }
                Language language = name == null ? null : byName(name);
                if (language == null) {
                    continue;
                }
                String before = prompt.substring(Math.max(0, m.start() - 20), m.start());
                if (NEGATED.matcher(m.group()).find() || NEGATED.matcher(before).find()) {
                    ambiguous = true;
                }
                if (found != null && found.language() != language) {
                    ambiguous = true;
                }
                if (found == null) {
                    found = new Request(language, m.start(), m.end());
                }
            }
        }
        if (found != null && ambiguous) {
            return new Request(Language.UNKNOWN, found.start(), found.end());
        }
        return found;
    }

    /** Whether the prompt asks for one language the language rule can check the answer against. */
    public static boolean isRequested(String prompt) {
        Request request = find(prompt);
        return request != null && request.language() != Language.UNKNOWN;
    }

    /** Single words that start a language name, English or native, for a cheap first check. */
    private static final WordSet NAME_WORDS = new WordSet(nameWords());

    private static java.util.Set<String> nameWords() {
        java.util.Set<String> words = new java.util.HashSet<>();
        for (String name : NAMES.keySet()) {
            words.add(name.split(" ")[0]);
        }
        words.addAll(java.util.List.of("deutsch", "русски", "русском", "nederlands", "svenska", "dansk", "norsk",
                "italiano", "kannada", "tamil", "telugu", "marathi", "gujarati", "punjabi", "urdu", "swahili", "tagalog",
                "filipino", "malay", "latin", "catalan", "croatian", "serbian", "slovak", "slovenian", "bulgarian",
                "lithuanian", "latvian", "estonian", "icelandic", "irish", "welsh", "afrikaans", "esperanto", "klingon",
                "emoji", "morse", "binary", "pinyin", "romaji", "polsku", "nepali", "sanskrit", "amharic", "yoruba", "zulu",
                "hausa", "somali", "pashto", "dari", "kurdish", "armenian", "georgian", "mongolian", "kazakh", "uzbek",
                "burmese", "khmer", "lao", "sinhala", "malayalam", "odia", "assamese", "maori", "hawaiian", "basque",
                "galician", "maltese", "albanian", "macedonian", "bosnian", "belarusian", "azerbaijani", "yiddish",
                "cantonese", "taiwanese", "sindhi",
                // "in a different language", "using only the Nepali language": a language matters, but which is unclear
                "language", "languages", "dialect", "dialects", "bilingual", "multilingual"));
        return words;
    }

    /**
     * Whether the prompt names any language at all, e.g. "what does 'hola' mean in Spanish?"; a
     * word lookup, cheap enough to run before anything else.
     */
    static boolean namesALanguage(String prompt) {
        return Prose.containsWord(prompt, NAME_WORDS, 12) || prompt.contains("中文") || prompt.contains("日本語")
                || prompt.contains("한국어");
    }

    private static Language byName(String name) {
        String key = name.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        Language language = NAMES.get(key);
        if (language == null) {
            language = switch (key) {
                case "deutsch" -> Language.GERMAN;
                case "по-русски", "на русском" -> Language.RUSSIAN;
                case "nederlands" -> Language.DUTCH;
                case "svenska" -> Language.SWEDISH;
                case "dansk" -> Language.DANISH;
                case "norsk" -> Language.BOKMAL;
                case "italiano" -> Language.ITALIAN;
                default -> null;
            };
        }
        return language;
    }
}
