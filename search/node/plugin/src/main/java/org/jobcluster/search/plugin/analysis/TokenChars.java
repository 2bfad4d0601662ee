package org.jobcluster.search.plugin.analysis;

import org.elasticsearch.common.settings.Settings;

import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;

/**
 * The {@code token_chars} parameter of the n-gram tokenizers: the character classes that
 * belong in a token (letter, digit, whitespace, punctuation, symbol, custom). Any other
 * character splits the text. {@code custom} takes the characters of {@code custom_token_chars}.
 */
final class TokenChars {

    private TokenChars() {}

    /** Returns the predicate for the tokenizer's settings, or null when every character belongs in a token. */
    static IntPredicate parse(String tokenizerName, Settings settings) {
        List<String> classes = settings.getAsList("token_chars");
        if (classes.isEmpty()) {
            return null;
        }

        IntPredicate predicate = character -> false;
        for (String characterClass : classes) {
            predicate = predicate.or(parseClass(tokenizerName, characterClass, settings));
        }
        return predicate;
    }

    private static IntPredicate parseClass(String tokenizerName, String characterClass, Settings settings) {
        switch (characterClass.toLowerCase(Locale.ROOT)) {
            case "letter":
                return Character::isLetter;
            case "digit":
                return Character::isDigit;
            case "whitespace":
                return Character::isWhitespace;
            case "punctuation":
                return TokenChars::isPunctuation;
            case "symbol":
                return TokenChars::isSymbol;
            case "custom":
                String customCharacters = settings.get("custom_token_chars");
                if (customCharacters == null) {
                    throw new IllegalArgumentException(
                        "tokenizer [" + tokenizerName + "] lists [custom] in [token_chars] but has no [custom_token_chars]"
                    );
                }
                return character -> customCharacters.indexOf(character) >= 0;
            default:
                throw new IllegalArgumentException(
                    "unknown token_chars class ["
                        + characterClass
                        + "] in tokenizer ["
                        + tokenizerName
                        + "], expected letter, digit, whitespace, punctuation, symbol or custom"
                );
        }
    }

    private static boolean isPunctuation(int character) {
        switch (Character.getType(character)) {
            case Character.CONNECTOR_PUNCTUATION:
            case Character.DASH_PUNCTUATION:
            case Character.START_PUNCTUATION:
            case Character.END_PUNCTUATION:
            case Character.INITIAL_QUOTE_PUNCTUATION:
            case Character.FINAL_QUOTE_PUNCTUATION:
            case Character.OTHER_PUNCTUATION:
                return true;
            default:
                return false;
        }
    }

    private static boolean isSymbol(int character) {
        switch (Character.getType(character)) {
            case Character.MATH_SYMBOL:
            case Character.CURRENCY_SYMBOL:
            case Character.MODIFIER_SYMBOL:
            case Character.OTHER_SYMBOL:
                return true;
            default:
                return false;
        }
    }
}
